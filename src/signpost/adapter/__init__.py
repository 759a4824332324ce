"""The only code that imports MkDocs: the plugin."""
