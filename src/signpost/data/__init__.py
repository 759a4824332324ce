"""The project's data files: topics, interface strings, hotlines, reading targets, terms to avoid.

Authors change these YAML files, never Python. Each loader checks the layout and
reports problems as findings with the file and line instead of failing later.

`model` holds the types the rest of Signpost sees; `load_data` reads every file.
The loaders, one module per file family, share `file.File` (a file as read, with
the line of each key) and `reader.read` (the file from disk, checked for hidden
characters). `strings` is the interface strings' table with its fallback, and
`helplines` chooses, from hotlines.yml, the lines a reader of a lesson sees.
"""

from .load import load_data
from .model import PURPOSES, AvoidTerm, Data, Hotline, Locale, Pack, ReadingTarget

__all__ = [
    "PURPOSES",
    "AvoidTerm",
    "Data",
    "Hotline",
    "Locale",
    "Pack",
    "ReadingTarget",
    "load_data",
]
