"""Pages without MkDocs: what a language's pages share, lesson and site pages, the help box, the
catalogue, the chooser, the quick exit.
"""
