"""`signpost init DIR`: a new curriculum project that builds and checks on the first try.

A second organisation should not have to fork the reference curriculum and delete its
lessons: it gets its own project, with the engine installed as a package. Everything
copied comes from the package (`signpost.starter`), so the project matches the engine
that made it; the pages are the reference curriculum's reviewed pages and translations.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..layout import PAPERS
from ..project import DISTRIBUTION, engine_version
from ..starter import DEFAULT_STRINGS, PAGES, STARTER, STARTER_PAGES

KNOWN_LANGUAGES = {
    "en": ("English", "ltr", ("US",)),
    "es": ("Español", "ltr", ("US", "EU")),
    "fr": ("Français", "ltr", ("CA", "EU")),
    "ar": ("العربية", "rtl", ()),
}
"""Languages the engine has interface strings and help-service names for: name, direction,
and the countries an edition in it targets unless told otherwise (the reference's)."""
LETTER_COUNTRIES = frozenset({"US", "CA", "MX"})
"""Where US Letter is the paper people have; elsewhere A4."""
DEFAULT_SITE_URL = "https://example.org/"
PANGO = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
_LINK = re.compile(r"\]\(([^()\s#]+\.md)(?:#[^()\s]*)?\)")
_HEADING = re.compile(r"#{1,6} ")


class InitError(Exception):
    """The project cannot be made as asked; the message says what to change."""


@dataclass
class Choices:
    """What the new project is: every value already checked."""

    name: str
    languages: list[str]
    countries: dict[str, tuple[str, ...]] = field(default_factory=dict)
    site_url: str = DEFAULT_SITE_URL
    starter: bool = False


def confirmed_countries() -> list[str]:
    """The countries the package's help services cover (keys of `locales:`)."""
    raw = yaml.safe_load((STARTER / "data" / "hotlines.yml").read_text(encoding="utf-8"))
    return list(raw.get("locales") or {})


def parse_languages(value: str) -> list[str]:
    codes = [c.strip() for c in value.split(",") if c.strip()]
    if not codes:
        raise InitError("--languages needs at least one language code, e.g. en,es")
    unknown = [c for c in codes if c not in KNOWN_LANGUAGES]
    if unknown:
        raise InitError(
            f"no interface strings for {', '.join(unknown)} yet; the engine has "
            f"{', '.join(KNOWN_LANGUAGES)} (a new language starts as a copy of "
            f"data/strings/en.yml, translated: see docs/contributing.md)"
        )
    if len(set(codes)) != len(codes):
        raise InitError("--languages lists a language twice")
    return codes


def parse_countries(values: list[str], languages: list[str]) -> dict[str, tuple[str, ...]]:
    """`--countries es=US,EU` (once per language); a language not named keeps its default."""
    known = confirmed_countries()
    out = {code: KNOWN_LANGUAGES[code][2] for code in languages}
    for value in values:
        lang, sep, rest = value.partition("=")
        lang = lang.strip()
        if not sep or lang not in languages:
            raise InitError(
                f"--countries {value!r}: write LANG=CC,CC for one of {', '.join(languages)}"
            )
        countries = tuple(c.strip().upper() for c in rest.split(",") if c.strip())
        unknown = [c for c in countries if c not in known]
        if unknown:
            raise InitError(
                f"--countries {value!r}: no confirmed help services for {', '.join(unknown)}; "
                f"data/hotlines.yml has {', '.join(known)}"
            )
        out[lang] = countries
    return out


def check_site_url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s\"'<>\\]+", value):
        raise InitError(f"--site-url must be a full http(s) address, got {value!r}")
    return value if value.endswith("/") else value + "/"


def ask(choices: dict[str, str | None], prompt: Callable[[str], str]) -> dict[str, str]:
    """Ask for each missing value, offering the default (only when a person is typing)."""
    defaults = {"name": "Signpost", "languages": "en", "site_url": DEFAULT_SITE_URL}
    questions = {
        "name": "Site name",
        "languages": "Languages, source first (en, es, fr, ar)",
        "site_url": "Address the site will have",
    }
    out = {}
    for key, default in defaults.items():
        given = choices.get(key)
        if given is None:
            given = prompt(f"{questions[key]} [{default}]: ").strip() or default
        out[key] = given
    return out


def create(dest: Path, choices: Choices) -> list[str]:
    """Write the project into `dest` (new or empty); return what was written, for the user."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InitError(f"{dest} already exists and is not empty; choose a new folder")
    dest.mkdir(parents=True, exist_ok=True)
    _write_data(dest, choices)
    pages = _write_pages(dest, choices)
    (dest / "lessons").mkdir()
    if choices.starter:
        _copy_lessons(dest, choices)
    _write(dest / "signpost.yml", _signpost_yml(choices))
    _write(dest / "mkdocs.yml", _mkdocs_yml(choices, pages))
    _write(dest / "README.md", _readme(choices))
    _write(dest / "requirements.txt", _requirements())
    # what builds write: site/, and while one runs its .site-staging-PID and .site-old-PID
    _write(dest / ".gitignore", "site/\n.site-*/\n.venv/\n__pycache__/\n")
    _write(dest / ".github" / "workflows" / "site.yml", _workflow())
    lessons = "15 starter lessons" if choices.starter else "no lessons yet"
    return [
        f"signpost: created {dest} ({', '.join(choices.languages)}; {lessons})",
        f"  next: cd {dest} && signpost build   # or signpost serve, to preview while you edit",
    ]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_data(dest: Path, choices: Choices) -> None:
    """The confirmed help services, word lists and the interface strings of the chosen
    languages; the character register and seminar packs name starter lessons."""
    only_with_starter = {"characters.yml", "packs.yml"}
    data = STARTER / "data"
    for path in sorted(data.rglob("*")):
        rel = path.relative_to(data)
        if not path.is_file() or "__pycache__" in rel.parts:
            continue
        if rel.name in only_with_starter and not choices.starter:
            continue
        per_language = rel.parts[0] in ("strings", "avoid", "spelling", "third-person")
        if per_language and rel.stem not in choices.languages:
            continue
        target = dest / "data" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    for code in choices.languages:
        target = dest / "data" / "strings" / f"{code}.yml"
        if not target.exists():
            shutil.copyfile(DEFAULT_STRINGS / f"{code}.yml", target)


def _page_names(choices: Choices) -> list[str]:
    return [p for p in PAGES if p != "catalogue"] + (list(STARTER_PAGES) if choices.starter else [])


def _write_pages(dest: Path, choices: Choices) -> list[str]:
    """The site pages in each chosen language. A paragraph that links to a page this project
    does not have (the guides, without the starter lessons) is left out of the source and of
    each translation alike, and a translation that matched its source still does."""
    from ..content import page_translations as pt

    names = _page_names(choices)
    have = {f"{n}.md" for n in names} | {"catalogue.md", "translation-status.md"}
    docs = STARTER / "docs"
    source_lang = choices.languages[0]
    written = []
    for name in names:
        for code in choices.languages:
            origin = docs / (f"{name}.md" if code == "en" else f"{name}.{code}.md")
            if not origin.is_file():
                continue
            target_name = f"{name}.md" if code == source_lang else f"{name}.{code}.md"
            text = origin.read_text(encoding="utf-8")
            if code == source_lang:
                text = _drop_header_key(text, "source_hash")
            _write(dest / "docs" / target_name, _prune(text, have))
        written.append(name)
    if source_lang != "en":
        return written  # the translations record English hashes: they become unmarked
    for name in written:
        source = dest / "docs" / f"{name}.md"
        was = pt.page_hash(docs / f"{name}.md")
        now = pt.page_hash(source)
        for code in choices.languages[1:]:
            translation = dest / "docs" / f"{name}.{code}.md"
            if not translation.is_file() or pt.recorded_hash(translation) != was:
                continue
            if now != was:
                pt._write_page_hash(translation, now)
            snapshot = snapshot_path_for(dest, name, now)
            if not snapshot.exists():
                snapshot.parent.mkdir(parents=True, exist_ok=True)
                snapshot.write_text(pt.page_text(source), encoding="utf-8")
    return written


def snapshot_path_for(dest: Path, page: str, digest: str) -> Path:
    """Where `--mark-current` keeps the English text a translation was marked against."""
    from ..content.page_translations import PAGE_PREFIX
    from ..safety.state import SOURCES

    return dest / SOURCES / f"{PAGE_PREFIX}{page}" / f"{digest}.txt"


def _drop_header_key(text: str, key: str) -> str:
    if not text.startswith("---\n"):
        return text
    end = text.index("\n---", 3)
    header = [line for line in text[:end].split("\n") if not line.startswith(f"{key}:")]
    return "\n".join(header) + text[end:]


def _prune(text: str, have: set[str]) -> str:
    """Leave out each paragraph that links to a page the project lacks, and a heading left
    with nothing under it."""
    head = ""
    if text.startswith("---\n"):
        end = text.index("\n---", 3) + len("\n---\n")
        head, text = text[:end], text[end:]
    blocks = text.split("\n\n")
    kept = [b for b in blocks if all(t in have for t in _LINK.findall(b))]
    if len(kept) == len(blocks):
        return head + text
    out: list[str] = []
    for i, block in enumerate(kept):
        following = kept[i + 1] if i + 1 < len(kept) else ""
        if _is_heading(block) and (not following.strip() or _level(following) <= _level(block)):
            continue
        out.append(block)
    return head + "\n\n".join(out).rstrip("\n") + "\n"


def _is_heading(block: str) -> bool:
    return bool(_HEADING.match(block.strip()))


def _level(block: str) -> int:
    """A heading's level; other text counts as deeper than any heading."""
    stripped = block.strip()
    return len(stripped) - len(stripped.lstrip("#")) if _is_heading(stripped) else 7


def _copy_lessons(dest: Path, choices: Choices) -> None:
    """Each starter lesson in the chosen languages, with the snapshots its translations
    were marked against (for `signpost translations --diff`)."""
    from ..safety.state import SOURCES

    source_lang = choices.languages[0]
    if source_lang != "en":
        raise InitError("--starter lessons are written in English: list en first in --languages")
    for folder in sorted((STARTER / "lessons").iterdir()):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            parts = path.name.split(".")
            lang = parts[1] if len(parts) == 3 else None
            if lang is not None and lang not in choices.languages:
                continue
            target = dest / "lessons" / folder.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    sources = STARTER / "sources"
    for path in sorted(sources.rglob("*")):
        if path.is_file() and not path.relative_to(sources).parts[0].startswith("page-"):
            target = dest / SOURCES / path.relative_to(sources)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def _paper(countries: tuple[str, ...]) -> str:
    paper = "letter" if countries and countries[0] in LETTER_COUNTRIES else "a4"
    assert paper in PAPERS
    return paper


def _signpost_yml(choices: Choices) -> str:
    lines = [
        "# Signpost project settings (see ADOPTING.md in Signpost's repository).",
        "# The first language is the source language: every other one translates it.",
        f"site_name: {_quote(choices.name)}",
        "# The address the site will have: it goes into the sitemap, the language links and",
        "# every handout's QR code. Change it before you deploy.",
        f"site_url: {choices.site_url}",
        "# Printed in the footer of every handout and lesson-plan PDF.",
        f"licence: {'CC BY 4.0' if choices.starter else _quote('')}",
        "# Where the quick exit sends a reader: an ordinary page nobody would question.",
        "exit_url: https://www.google.com/",
        "languages:",
    ]
    for code in choices.languages:
        name, direction, _ = KNOWN_LANGUAGES[code]
        countries = choices.countries.get(code, KNOWN_LANGUAGES[code][2])
        lines += [
            f"  - code: {code}",
            f"    name: {name}",
            f"    dir: {direction}",
            f"    countries: [{', '.join(countries)}]"
            + (
                "   # none: readers choose their country from every one listed"
                if not countries
                else ""
            ),
            f"    paper: {_paper(countries)}",
        ]
        if code != "en":
            lines.append(f"    exit_url: https://www.google.com/?hl={code}")
    lines += ["age_bands: [8-10, 11-13, 14-18]", ""]
    return "\n".join(lines)


def _quote(value: str) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_style=None).split("\n")[0]


def _mkdocs_yml(choices: Choices, pages: list[str]) -> str:
    nav_main = [p for p in PAGES if p in pages or p == "catalogue"]
    guides = [p for p in STARTER_PAGES if p in pages]
    nav = [f"  - {p}.md" for p in nav_main[:6]]
    nav.append("  - Guides:")
    nav += [f"      - {p}.md" for p in guides] + ["      - translation-status.md"]
    nav += [f"  - {p}.md" for p in nav_main[6:]]
    return f"""# One language's site per build: the signpost plugin picks the language and writes
# to site/<lang>/. `signpost build` builds every language in parallel.
site_name: {_quote(choices.name)}
docs_dir: docs
theme:
  name: material
  font: false
  # Your own templates: uncomment, and a file in overrides/ replaces Signpost's or
  # Material's of the same name. Files in docs/assets/ replace Signpost's CSS and scripts.
  # custom_dir: overrides
  features:
    - navigation.indexes
    - navigation.footer
plugins:
  - search:
      separator: '[\\s\\-,.:;!?()\\[\\]"''«»“”„‘’،؛؟…/]+'
  - signpost
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: false
  - admonition
  - pymdownx.details
  - pymdownx.superfences
validation:
  omitted_files: info
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
nav:
{chr(10).join(nav)}
"""


def _version() -> str:
    found = engine_version()
    return "0.4.0" if found == "unknown" else found


def _requirements() -> str:
    return f"""# The Signpost engine this project was made with. Its name on PyPI is
# {DISTRIBUTION} (`signpost` there is another project); the command is `signpost`.
# To use your own build instead, replace the line with a wheel's path or address.
{DISTRIBUTION}=={_version()}
"""


def _readme(choices: Choices) -> str:
    return f"""# {choices.name}

A curriculum site built with Signpost {_version()}:
lessons in `lessons/`, site pages in `docs/`, help services and interface strings in
`data/`, settings in `signpost.yml`.

## Two commands

```sh
signpost serve    # preview every language at http://127.0.0.1:8000/, rebuilt as you edit
signpost build    # check everything, then build site/: every language, PDFs, offline zips
```

Install Signpost first, in a virtual environment: `python3 -m venv .venv &&
.venv/bin/pip install -r requirements.txt` (then use `.venv/bin/signpost`; the file
says where the engine comes from). The PDF handouts
need Pango: `apt-get install {PANGO}`.

`signpost check` lists every problem as `path:line: CODE message`; `signpost new my-lesson
--audience youth` writes a lesson that passes it; `signpost translations` shows what is
translated.

## Before you publish

- Set `site_url` in `signpost.yml` to the site's real address.
- Check the help services in `data/hotlines.yml` for the countries in `signpost.yml`
  (`countries:`), and edit `docs/index.md` and `docs/about.md` to say who you are.
- `.github/workflows/site.yml` checks and builds the site on every push and publishes it
  with GitHub Pages (Settings → Pages → Source: GitHub Actions).
"""


def _workflow() -> str:
    return f"""name: site
on:
  push: {{branches: [main]}}
  pull_request:
permissions: {{contents: read}}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: {{python-version: "3.12"}}
      - run: sudo apt-get update && sudo apt-get install -y {PANGO}
      - run: pip install -r requirements.txt
      - run: signpost check
      - run: signpost build
      - uses: actions/upload-pages-artifact@v3
        with: {{path: site}}
  deploy:
    if: github.event_name == 'push'
    needs: build
    runs-on: ubuntu-latest
    permissions: {{pages: write, id-token: write}}
    environment: {{name: github-pages}}
    steps:
      - uses: actions/deploy-pages@v4
"""
