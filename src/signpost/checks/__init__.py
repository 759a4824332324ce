"""Every check a project gets, in one registry, and the one pipeline each entry point takes."""
