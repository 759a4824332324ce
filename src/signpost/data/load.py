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
        _load_strings(data, project, lang, report)
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


def _load_strings(data: Data, project: Project, lang: str, report: Report) -> None:
    """The engine's wording for `lang`, with the project's own file over it: the project's
    strings win, and a key the engine added after the project copied its file is the
    engine's (listed in `strings_from_engine`), never the bare key on a page."""
    default = project.default_language.code
    engine = DEFAULT_STRINGS / f"{lang}.yml"
    table: dict[str, str] = {}
    if engine.is_file():
        file = read(engine, f"(signpost)/strings/{lang}.yml", report, project, lang)
        if file:
            load_strings(data, file, lang, default)
            table = data.strings.pop(lang, {})
    path = project.data_path / "strings" / f"{lang}.yml"
    if path.exists() or path.is_symlink():
        file = read(path, f"{project.data_dir}/strings/{lang}.yml", report, project, lang)
        if file:
            load_strings(data, file, lang, default)
            own = data.strings[lang]
            added = [key for key in table if key not in own]
            if added:
                data.strings_from_engine[lang] = added
            table = {**table, **own}
    if table:
        data.strings[lang] = table
