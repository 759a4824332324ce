"""A throwaway Signpost project with N lessons in L languages, for `make bench`.

The lessons are the shipped ones, in their real format, repeated as often as N
needs: the first round keeps the shipped ids (site pages and packs link to them),
later rounds are copies with their own id and a numbered title in every language.
Each lesson is 600 to 900 words with activities, facilitator notes and a handout.
Every translation is then marked current, so the curriculum counts as complete
and passes `signpost check`. With N below the shipped count, links to the lessons
left out become plain text and packs keep only the lessons that exist.

    python scripts/synth_curriculum.py DEST [-n 100] [-l 4]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
COPIED = ("docs", "data", "overrides", ".signpost/sources")  # those the curriculum has
_TITLE = re.compile(r"^title: (.*)$", re.M)
_LINK = re.compile(r"\[([^\[\]\n]*)\]\(([^()\s]*)\)")


def shipped_lessons() -> list[str]:
    return sorted(p.name for p in (REPO / "lessons").iterdir() if (p / "index.md").is_file())


def _numbered(text: str, number: int) -> str:
    """The lesson's title with " <number>" added, quoted or not."""

    def add(match: re.Match[str]) -> str:
        value = match.group(1).rstrip()
        if len(value) > 1 and value[0] in "\"'" and value[-1] == value[0]:
            return f"title: {value[:-1]} {number}{value[-1]}"
        return f"title: {value} {number}"

    return _TITLE.sub(add, text, count=1)


def _unlink_missing(text: str, missing: set[str]) -> str:
    """A link to a lesson this curriculum lacks becomes its text."""
    if not missing:
        return text

    def keep_or_drop(match: re.Match[str]) -> str:
        parts = set(re.split(r"[/#]", match.group(2)))
        return match.group(1) if parts & missing else match.group(0)

    return _LINK.sub(keep_or_drop, text)


def _languages(root: Path, count: int) -> tuple[list[str], list[str]]:
    """Keep the first `count` languages of signpost.yml; return (kept, dropped) codes."""
    config_path = root / "signpost.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    every = [lang["code"] for lang in config["languages"]]
    if not 1 <= count <= len(every):
        raise SystemExit(f"synth_curriculum: -l must be 1 to {len(every)}")
    config["languages"] = config["languages"][:count]
    config_path.write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return every[:count], every[count:]


def _drop_languages(root: Path, dropped: list[str]) -> None:
    for code in dropped:
        for path in list(root.rglob(f"*.{code}.md")):
            path.unlink()
        strings = root / "data" / "strings" / f"{code}.yml"
        strings.unlink(missing_ok=True)


def _packs(root: Path, present: set[str]) -> None:
    path = root / "data" / "packs.yml"
    if not path.is_file():
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    packs = []
    for pack in data.get("packs") or []:
        pack["lessons"] = [lesson for lesson in pack["lessons"] if lesson in present]
        if pack["lessons"]:
            packs.append(pack)
    path.write_text(
        yaml.safe_dump({"packs": packs}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def generate(dest: Path, lessons: int = 100, languages: int = 4) -> Path:
    """Write the project into `dest` (emptied first) and return it."""
    if lessons < 1:
        raise SystemExit("synth_curriculum: -n must be at least 1")
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in COPIED:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name)
    for name in ("mkdocs.yml", "signpost.yml"):
        shutil.copyfile(REPO / name, dest / name)
    # Copies of a lesson in later rounds keep its characters: the register is the shipped
    # curriculum's, and would refuse every copy.
    (dest / "data" / "characters.yml").unlink(missing_ok=True)
    kept, dropped = _languages(dest, languages)
    templates = shipped_lessons()
    made = []
    for i in range(lessons):
        template, round_ = templates[i % len(templates)], i // len(templates)
        made.append((template, round_, template if round_ == 0 else f"{template}-{round_ + 1}"))
    missing = set(templates) - {lesson_id for _, _, lesson_id in made}
    for template, round_, lesson_id in made:
        folder = dest / "lessons" / lesson_id
        shutil.copytree(REPO / "lessons" / template, folder)
        for path in folder.glob("index*.md"):
            if any(path.name == f"index.{code}.md" for code in dropped):
                path.unlink()
                continue
            text = path.read_text(encoding="utf-8")
            if round_:
                text = _numbered(text, round_ + 1)
            path.write_text(_unlink_missing(text, missing), encoding="utf-8")
    for path in (dest / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(_unlink_missing(text, missing), encoding="utf-8")
    _drop_languages(dest, dropped)
    _packs(dest, {lesson_id for _, _, lesson_id in made})
    _mark_translations_current(dest)
    return dest


def _mark_translations_current(root: Path) -> None:
    from signpost.content.lessons import load
    from signpost.content.translations import mark_current
    from signpost.findings import Report
    from signpost.project import load_project

    project = load_project(root)
    files = load(project, Report())
    default = project.default_language.code
    sources = {f.lesson_id: f for f in files if f.lang == default}
    for f in files:
        if f.lang != default and f.lesson_id in sources:
            mark_current(project, sources[f.lesson_id], f)
    from signpost.content.page_translations import mark_page_current, page_status

    for row in page_status(project):  # the site pages' lesson links were rewritten above
        for page in row.translations.values():
            mark_page_current(project, row.source, page)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("-n", "--lessons", type=int, default=100)
    parser.add_argument("-l", "--languages", type=int, default=4)
    args = parser.parse_args(argv)
    root = generate(args.dest, args.lessons, args.languages)
    print(f"synth_curriculum: {args.lessons} lessons x {args.languages} languages in {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
