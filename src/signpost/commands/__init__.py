"""Commands that are more than a call into the core: `signpost init`."""
