"""The `signpost` command: init, check, new, build, serve, pack, translations, schema.

`main(argv) -> int` never lets a traceback reach the user: known problems print
as findings or one `signpost: ...` line, anything unexpected as one line too. A stop
signal ends a command as Ctrl+C does, so what it was writing is tidied away.
Commands import their heavy modules only when they run.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import stops

if TYPE_CHECKING:
    from .project import Project


SITE_URL_HELP = (
    "the address the site is served at, for this run instead of signpost.yml's "
    "(e.g. GitHub Pages' address, known only when the workflow runs)"
)


def _parser() -> argparse.ArgumentParser:
    from .project import engine_version

    parser = argparse.ArgumentParser(prog="signpost", description=__doc__.splitlines()[0])
    parser.add_argument("-C", "--project", default=".", help="project folder (default: here)")
    parser.add_argument("--version", action="version", version=f"signpost {engine_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate every lesson, page and data file")
    check.add_argument(
        "paths", nargs="*", help="check only these lessons, folders or pages (default: all)"
    )
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.add_argument("--verbose", "-v", action="store_true", help="show reading levels")
    check.add_argument("--site-url", help=SITE_URL_HELP)
    check.add_argument(
        "--format",
        choices=("plain", "github"),
        default="github" if os.environ.get("GITHUB_ACTIONS") else "plain",
    )

    init = sub.add_parser("init", help="create a new curriculum project in DIR")
    init.add_argument("dir", metavar="DIR", help="a new or empty folder")
    init.add_argument("--name", help="the site's name (default: Signpost)")
    init.add_argument("--languages", help="language codes, source first (default: en)")
    init.add_argument(
        "--countries",
        action="append",
        default=[],
        metavar="LANG=CC,CC",
        help="countries whose help services a language's edition shows, in order "
        "(default: en=US, es=US,EU, fr=CA,EU, ar=none); once per language",
    )
    init.add_argument("--site-url", help="the address the site will have")
    init.add_argument(
        "--starter", action="store_true", help="copy the 15 starter lessons and their guides"
    )

    new = sub.add_parser("new", help="scaffold a valid lesson")
    new.add_argument("id", help="lesson id: lowercase letters, digits and hyphens")
    new.add_argument("--audience", required=True, choices=("youth", "teachers", "community"))
    new.add_argument("--ages", help="youth only, e.g. 11-13")
    new.add_argument("--topic", default="warning-signs", help="a topic id from data/topics.yml")

    # One command makes the whole site a new organisation publishes: pages, PDFs and the
    # offline zips; the --no-* flags leave a part out while working.
    build = sub.add_parser(
        "build", help="check, then build every language into site/: pages, PDFs, offline zips"
    )
    build.add_argument("--no-strict", action="store_true", help="let MkDocs warnings pass")
    build.add_argument("--lang", action="append", help="build only these languages")
    build.add_argument("--no-handouts", action="store_true", help="build no PDF handouts")
    build.add_argument(
        "--no-offline",
        action="store_true",
        help="make no offline zips (each language zipped to work opened from disk)",
    )
    build.add_argument(
        "--offline", action="store_true", help="the default now; kept so older scripts still run"
    )
    build.add_argument("--site-url", help=SITE_URL_HELP)

    serve = sub.add_parser("serve", help="preview every language, rebuilt as you edit")
    serve.add_argument("--lang", help="preview one language with MkDocs' own live reload instead")
    serve.add_argument("--addr", default="127.0.0.1:8000")
    serve.add_argument("--handouts", action="store_true", help="also render the PDFs")

    pack = sub.add_parser(
        "pack", help="one PDF for a seminar: cover and agenda, handouts, where to get help"
    )
    pack.add_argument("lessons", nargs="+", metavar="LESSON_ID", help="lessons, in running order")
    pack.add_argument("--lang", help="language (default: the default language)")
    pack.add_argument("--paper", default=None, help="a4 or letter (default: the language's)")
    pack.add_argument("-o", "--output", required=True, help="the PDF to write")
    pack.add_argument("--title", help="seminar title for the cover")
    pack.add_argument("--date", help="date on the cover, YYYY-MM-DD (default: today)")
    pack.add_argument("--no-date", action="store_true", help="leave a line to write the date on")
    pack.add_argument("--start", help="start time, e.g. 18:30, so the agenda shows clock times")
    pack.add_argument(
        "--minutes",
        type=int,
        help="the session's length: lessons run their core version where the full one "
        "does not fit (default: every lesson in full)",
    )
    pack.add_argument("--welcome", type=int, default=0, help="minutes for the welcome")
    pack.add_argument("--close", type=int, default=0, help="minutes for the close")
    pack.add_argument(
        "--break",
        dest="breaks",
        action="append",
        metavar="LESSON_ID=MINUTES",
        help="a break after that lesson; repeat for more",
    )
    pack.add_argument(
        "--evaluation",
        action="store_true",
        help="add each lesson's before/after questionnaire and tally sheet after its handout",
    )
    pack.add_argument("--site-url", help=SITE_URL_HELP)
    pack.add_argument(
        "--fallback",
        action="store_true",
        help="print untranslated lessons in the default language instead of stopping",
    )

    report = sub.add_parser(
        "report", help="chart a tally file's right answers before and after, as a PDF"
    )
    report.add_argument("tally", metavar="TALLY.csv", help="one line per session, no names")
    report.add_argument("-o", "--output", required=True, help="the PDF to write")
    report.add_argument("--lang", help="language (default: the default language)")
    report.add_argument("--paper", default=None, help="a4 or letter (default: the language's)")

    tr = sub.add_parser("translations", help="translation status per language and lesson")
    tr.add_argument("--json", action="store_true", help="print the status as JSON")
    tr.add_argument(
        "--diff",
        nargs=2,
        metavar=("ID", "LANG"),
        help="show what changed in the source since the translation was marked current "
        "(ID: a lesson folder, or a site page such as docs/host-guide.md)",
    )
    tr.add_argument(
        "--mark-current",
        nargs=2,
        metavar=("ID", "LANG"),
        help="record that a translation matches its source; show what changed",
    )

    schema = sub.add_parser("schema", help="write the front matter's JSON Schema")
    schema.add_argument("--output", default="lesson.schema.json")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        with stops.handled():
            return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130
    except stops.Stopped as stop:
        return 128 + stop.signum
    except BrokenPipeError:  # `signpost translations | head`: the reader has seen enough
        sys.stderr.close()
        return 0
    except Exception as exc:  # the last line of defence: one line, never a traceback
        from .commands.init import InitError
        from .content.scaffold import ScaffoldError
        from .project import ConfigError

        if isinstance(exc, (ConfigError, ScaffoldError, InitError)):
            print(f"signpost: {exc}", file=sys.stderr)
        else:
            print(f"signpost: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


def _init(args: argparse.Namespace) -> int:
    """Asks only for what the flags left out, and only when a person is typing."""
    from .commands.init import (
        Choices,
        ask,
        check_site_url,
        create,
        parse_countries,
        parse_languages,
    )

    given = {"name": args.name, "languages": args.languages, "site_url": args.site_url}
    if sys.stdin.isatty() and None in given.values():
        given = ask(given, input)
    languages = parse_languages(given["languages"] or "en")
    choices = Choices(
        name=(given["name"] or "Signpost").strip() or "Signpost",
        languages=languages,
        countries=parse_countries(args.countries, languages),
        site_url=check_site_url(given["site_url"] or "https://example.org/"),
        starter=args.starter,
    )
    for line in create(Path(args.dir), choices):
        print(line)
    return 0


def _check(args: argparse.Namespace) -> int:
    from .checks.pipeline import check_project
    from .findings import format_report
    from .project import load_project

    project = load_project(Path(args.project), args.site_url)
    focus = []
    for raw in args.paths:
        path = (project.root / raw).resolve()  # relative to the project (-C), or absolute
        if not path.exists():
            path = Path(raw).resolve()  # relative to where the command runs
        if not path.exists():
            print(f"signpost: {raw}: no such file or folder", file=sys.stderr)
            return 2
        if not path.is_relative_to(project.root):
            print(f"signpost: {raw} is outside the project {project.root}", file=sys.stderr)
            return 2
        focus.append(path.relative_to(project.root).as_posix().rstrip("/"))
    checked = check_project(project, focus=tuple(p for p in focus if p != "."))
    if args.verbose:
        for line in checked.report.verbose:
            print(line)
    print(format_report(checked.report, args.format), file=sys.stderr)
    return 1 if checked.report.failed(args.strict) else 0


def _new(args: argparse.Namespace) -> int:
    from .content.scaffold import new_lesson
    from .project import load_project

    project = load_project(Path(args.project))
    path = new_lesson(project, args.id, args.audience, args.ages, args.topic)
    print(f"signpost: wrote {path.relative_to(project.root)}; edit it, then run signpost check")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .build.build import build_site

    return build_site(
        Path(args.project).resolve(),
        strict=not args.no_strict,
        languages=args.lang,
        handouts=not args.no_handouts,
        offline=not args.no_offline,
        site_url=args.site_url,
    )


def _serve(args: argparse.Namespace) -> int:
    """Run `mkdocs serve` as a child that never outlives us: stop signals are passed on."""
    import socket
    import subprocess

    host, _, port = args.addr.rpartition(":")
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            # as the servers do: a port left in TIME_WAIT by a stopped preview is free
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host or "127.0.0.1", int(port)))
    except ValueError:
        print(f"signpost: --addr must be HOST:PORT, e.g. 127.0.0.1:8000, not {args.addr}")
        return 2
    except OSError:
        print(
            f"signpost: {args.addr} is already in use (another preview?); stop it, or pick "
            f"another port: signpost serve --addr {host or '127.0.0.1'}:{int(port) + 1}",
            file=sys.stderr,
        )
        return 1
    if not args.lang:  # every language, rebuilt on change, findings shown in the page
        from .preview.preview import serve
        from .project import load_project

        serve(load_project(Path(args.project)), host or "127.0.0.1", int(port), args.handouts)
        return 0
    import shutil
    import tempfile

    from .build.handoff import Handoff, environment, write

    private = Path(tempfile.mkdtemp(prefix="signpost-serve-"))
    env = environment(write(private, Handoff(lang=args.lang, handouts=args.handouts)))
    # mkdocs serve's temporary copy of the site goes in our folder, removed below however
    # the child ended: on a SIGTERM it removed nothing, and left 2.9 MB in /tmp.
    env["TMPDIR"] = str(private)
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", args.addr]
    child = subprocess.Popen(cmd, cwd=Path(args.project), env=env)

    def forward(signum: int, frame: object) -> None:
        child.send_signal(signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, forward)
    try:
        return child.wait()
    finally:
        if child.poll() is None:
            child.terminate()
            child.wait(timeout=10)
        shutil.rmtree(private, ignore_errors=True)


def _pack(args: argparse.Namespace) -> int:
    from .checks.pipeline import check_project
    from .data.strings import strings_for
    from .findings import format_report
    from .handouts import (
        HandoutError,
        cache_dir,
        choose_lessons,
        missing_address,
        pack_document,
        parse_date,
        parse_start,
        parse_timing,
        render,
        writable,
    )
    from .project import load_project

    checked = check_project(load_project(Path(args.project), args.site_url), quality=False)
    if checked.report.errors:
        print(format_report(checked.report), file=sys.stderr)
        print("signpost: fix these first; no pack was written", file=sys.stderr)
        return 1
    project = checked.project
    lang = args.lang or project.default_language.code
    try:
        lessons = choose_lessons(checked, args.lessons, lang, args.fallback)
        paper = (args.paper or project.language(lang).paper).lower()
        date = "" if args.no_date else parse_date(args.date)
        out = writable(Path(args.output))
        title = args.title or strings_for(project, checked.data, lang)("pack_kicker")
        timing = parse_timing(lessons, args.minutes, args.welcome, args.close, args.breaks)
        start = parse_start(args.start)
        doc = pack_document(
            checked,
            lessons,
            lang,
            paper,
            title,
            date,
            start,
            "",
            timing,
            evaluation=args.evaluation,
        )
        stats = render([(doc, out)], cache_dir(project.root), jobs=1)
    except HandoutError as exc:
        print(f"signpost pack: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"signpost: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"signpost: wrote {out} ({len(lessons)} handouts, {paper}, {lang})")
    print(stats.summary())
    if missing_address(project):
        print(missing_address(project), file=sys.stderr)
    return 0


def _report(args: argparse.Namespace) -> int:
    """A tally file's bad lines are findings with their line numbers, and then no PDF is
    written: an existing report stays as it was."""
    from .checks.pipeline import check_project
    from .evaluation.tally import read
    from .findings import format_report
    from .handouts import HandoutError, cache_dir, render, writable
    from .handouts.evaluation import report_document

    checked = check_project(Path(args.project), quality=False)
    if checked.report.errors:
        print(format_report(checked.report), file=sys.stderr)
        print("signpost: fix these first; no report was written", file=sys.stderr)
        return 1
    project = checked.project
    lang = args.lang or project.default_language.code
    if lang not in project.codes:
        print(
            f"signpost: unknown language `{lang}`; this site has: {', '.join(project.codes)}",
            file=sys.stderr,
        )
        return 1
    try:
        data = Path(args.tally).read_bytes()
    except OSError as exc:
        print(f"signpost: cannot read {args.tally}: {exc.strerror}", file=sys.stderr)
        return 1
    default = project.default_language.code
    questions = {
        lesson.id: len(lesson.texts[default].questions)
        for lesson in checked.lessons
        if lesson.texts[default].questions
    }
    sessions, found = read(args.tally, data, questions, project.codes)
    if found.findings:
        print(format_report(found), file=sys.stderr)
        print("signpost: fix these lines; no report was written", file=sys.stderr)
        return 1
    try:
        out = writable(Path(args.output))
        paper = (args.paper or project.language(lang).paper).lower()
        doc = report_document(checked, sessions, lang, paper)
        stats = render([(doc, out)], cache_dir(project.root), jobs=1)
    except HandoutError as exc:
        print(f"signpost: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"signpost: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"signpost: wrote {out} ({len(sessions)} sessions, {paper}, {lang})")
    print(stats.summary())
    return 0


def _translations(args: argparse.Namespace) -> int:
    from .content.lessons import load
    from .content.translations import as_json, format_table, mark_current, source_diff, status
    from .findings import Report
    from .project import load_project

    project = load_project(Path(args.project))
    if (args.mark_current or args.diff) and (args.mark_current or args.diff)[0].endswith(".md"):
        return _page_translation(project, args)
    files = load(project, Report())
    if args.mark_current or args.diff:
        lesson_id, lang = args.mark_current or args.diff
        by_key = {(f.lesson_id, f.lang): f for f in files}
        source = by_key.get((lesson_id, project.default_language.code))
        target = by_key.get((lesson_id, lang))
        if source is None or not source.readable:
            print(f"signpost: no readable source lesson `{lesson_id}`", file=sys.stderr)
            return 1
        if target is None or not target.readable or lang == project.default_language.code:
            print(f"signpost: no readable `{lang}` translation of `{lesson_id}`", file=sys.stderr)
            return 1
        if args.diff:
            print(source_diff(project, source, target), end="")
            return 0
        try:
            print(mark_current(project, source, target), end="")
        except OSError as exc:
            print(f"signpost: {exc}; nothing was marked", file=sys.stderr)
            return 1
        print(f"signpost: marked {target.rel} as current")
        return 0
    result = status(project, files)
    print(as_json(result, project) if args.json else format_table(project, result))
    return 0


def _page_translation(project: Project, args: argparse.Namespace) -> int:
    """`--diff`/`--mark-current docs/page.md LANG`: a site page, as a lesson."""
    from .content.page_translations import mark_page_current, page_status, page_text, recorded_hash
    from .content.translations import _read_snapshot, diff_texts, snapshot_path

    rel, lang = args.mark_current or args.diff
    row = next((r for r in page_status(project) if r.source.rel == rel.removeprefix("./")), None)
    if row is None:
        print(f"signpost: no site page `{rel}` in the default language", file=sys.stderr)
        return 1
    target = row.translations.get(lang)
    if target is None:
        print(f"signpost: no `{lang}` translation of `{rel}`", file=sys.stderr)
        return 1
    if args.diff:
        from .content.page_translations import page_hash, snapshot_id

        before = recorded_hash(target.path)
        path = snapshot_path(project, snapshot_id(row.source), before) if before else None
        old = _read_snapshot(project, path) if path else None
        now = page_hash(row.source.path)
        print(diff_texts(old, page_text(row.source.path), row.source.rel, before, now), end="")
        return 0
    try:
        print(mark_page_current(project, row.source, target), end="")
    except OSError as exc:
        print(f"signpost: {exc}; nothing was marked", file=sys.stderr)
        return 1
    print(f"signpost: marked {target.rel} as current")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .content.schema import json_schema
    from .data import load_data
    from .findings import Report
    from .project import load_project

    project = load_project(Path(args.project))
    data = load_data(project, Report())
    out = project.root / args.output
    out.write_text(json.dumps(json_schema(data.topics), indent=2) + "\n", encoding="utf-8")
    print(f"signpost: wrote {out}")
    return 0


COMMANDS = {
    "init": _init,
    "check": _check,
    "new": _new,
    "build": _build,
    "serve": _serve,
    "pack": _pack,
    "report": _report,
    "translations": _translations,
    "schema": _schema,
}
