"""Checks that every reader is offered help that works where they are.

For each edition and each box a reader can get (children under 11, youth, teachers,
community), every country the edition targets must have its emergency number, and the
youth and children's boxes a crisis or child line too. A lesson may name only services
whose number is confirmed: a name with no number beside it sends a reader nowhere.
A printed sheet's way back online is its QR code and address, so `site_url` must be the
site's real address before anything is printed.
"""

from __future__ import annotations

import re

from ..content.lessons import LessonFile
from ..content.schema import AUDIENCES
from ..data import helplines
from ..findings import Report
from ..project import site_url_problem
from .validate import Context

YOUNG_LINES = ("crisis", "child")
"""What a young reader needs right after emergency: someone to talk to."""


def _language_line(ctx: Context, code: str) -> int:
    path = ctx.project.root / "signpost.yml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return 1
    match = re.search(rf"^\s*-?\s*\{{?\s*code:\s*['\"]?{re.escape(code)}\b", text, re.M)
    return text[: match.start()].count("\n") + 1 if match else 1


def check_site_url(ctx: Context, report: Report) -> None:
    """Every PDF's QR code and address come from `site_url`: one that is unset or a
    placeholder would print an address nobody can open, so the PDFs leave it out and
    this warning says why."""
    url = ctx.project.site_url
    problem = site_url_problem(url)
    if not problem:
        return
    try:
        text = (ctx.project.root / "signpost.yml").read_text(encoding="utf-8")
    except OSError:
        text = ""
    match = re.search(r"^site_url\s*:", text, re.M)
    line = text[: match.start()].count("\n") + 1 if match else 1
    given = " (given by --site-url)" if ctx.project.site_url_given else ""
    report.add("site-url", "signpost.yml", line, problem=problem + given)


def check_help_coverage(ctx: Context, report: Report) -> None:
    """Every targeted country, in every box, has emergency (and for the young, a line to
    talk to); every targeted country is one `hotlines.yml` knows."""
    data = ctx.data
    boxes = [(audience, False) for audience in AUDIENCES] + [("youth", True)]
    for language in ctx.project.languages:
        line = _language_line(ctx, language.code)
        for code in language.countries:
            if code not in data.locales:
                report.add("help-country", "signpost.yml", line, lang=language.code, country=code)
                continue
            for audience, young in boxes:
                if audience not in data.help_box:
                    continue  # the box itself is broken: hotlines.yml's own finding says so
                groups = helplines.help_for(data, (code,), audience, young)
                purposes = {h.purpose for g in groups for h in g.services}
                box = helplines.CHILDREN if young else audience
                needs = [] if "emergency" in purposes else ["emergency number"]
                if (young or audience == "youth") and not purposes & set(YOUNG_LINES):
                    needs.append("crisis or child line")
                for need in needs:
                    report.add(
                        "help-missing",
                        "signpost.yml",
                        line,
                        lang=language.code,
                        country=code,
                        box=box,
                        need=need,
                    )


def check_named_services(f: LessonFile, ctx: Context, report: Report) -> None:
    """A lesson that names a service whose number is not confirmed sends readers nowhere."""
    if not f.readable:
        return
    for service in helplines.named(ctx.data, f.text):
        if service.confirmed:
            continue
        pattern = re.compile(
            "|".join(re.escape(w) for w in (*service.names.values(), *service.mentions))
        )
        match = pattern.search(f.text)
        line = f.text[: match.start()].count("\n") + 1 if match else 1
        report.add("help-unconfirmed", f.rel, line, name=service.name)


def run_help_checks(ctx: Context, report: Report) -> None:
    check_help_coverage(ctx, report)
    check_site_url(ctx, report)
    for f in ctx.focused():
        check_named_services(f, ctx, report)
