"""The full build: one `mkdocs build` per language, handing the check down, and the files at the
root of `site/`.
"""
