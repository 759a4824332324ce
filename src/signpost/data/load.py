"""`load_data`: every data file of a project, read and checked, in one `Data`."""

from __future__ import annotations

from ..findings import Report
from ..project import Project
from ..starter import DEFAULT_STRINGS
from .characters import load_characters
from .hotlines import load_hotlines
from .labels import load_strings, load_topics
from .model import Data
from .packs import load_packs
from .reader import read
from .reading import load_reading
from .terms import load_avoid, phrase_list, term_list


def load_data(project: Project, report: Report) -> Data:
    data = Data()
    root = project.data_path
    rel = project.data_dir
    default = project.default_language.code
    file = read(root / "topics.yml", f"{rel}/topics.yml", report, project)
    if file:
        load_topics(data, file, default, project.codes)
    for lang in project.codes:  # the default language first: translations follow its strings
        path, where = root / "strings" / f"{lang}.yml", f"{rel}/strings/{lang}.yml"
        if not (path.exists() or path.is_symlink()) and (DEFAULT_STRINGS / f"{lang}.yml").is_file():
            # The engine's own wording, unless the project writes its own file of that name.
            path, where = DEFAULT_STRINGS / f"{lang}.yml", f"(signpost)/strings/{lang}.yml"
        file = read(path, where, report, project, lang)
        if file:
            load_strings(data, file, lang, default)
        file = read(
            root / "avoid" / f"{lang}.yml", f"{rel}/avoid/{lang}.yml", report, project, lang
        )
        if file:
            load_avoid(data, file, lang)
        for folder, table, load in (
            ("spelling", data.spelling, term_list),
            ("third-person", data.third_person, phrase_list),
        ):
            path = root / folder / f"{lang}.yml"
            if path.exists() or path.is_symlink():
                file = read(path, f"{rel}/{folder}/{lang}.yml", report, project, lang)
                if file:
                    table[lang] = load(file)
    file = read(root / "hotlines.yml", f"{rel}/hotlines.yml", report, project)
    if file:
        load_hotlines(data, file, default)
    file = read(root / "readability.yml", f"{rel}/readability.yml", report, project)
    if file:
        load_reading(data, file)
    if (root / "characters.yml").exists():
        file = read(root / "characters.yml", f"{rel}/characters.yml", report, project)
        if file:
            load_characters(data, file, project.codes)
    if (root / "packs.yml").exists():
        file = read(root / "packs.yml", f"{rel}/packs.yml", report, project)
        if file:
            load_packs(data, file, default)
    return data
