"""Help that reaches the reader: every number under its country, the right first line for
each age, and no page that names a service without printing its number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_handouts import flat, text_of
from test_validate import check_ran, edit

from signpost.checks.pipeline import check_project
from signpost.data import helplines
from signpost.handouts import Builder

COMMUNITY = "lessons/untranslated-one/index.md"
YOUNG = "lessons/spotting-secrets/index.md"


def _box(site: Path, rel: str) -> str:
    html = (site / rel).read_text(encoding="utf-8")
    return html.split('class="sp-help"')[1].split("</aside>")[0]


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_every_number_in_a_help_box_sits_under_its_country(built_site: Path, lang: str) -> None:
    for page in ("lessons/spotting-secrets/index.html", "lessons/untranslated-one/index.html"):
        box = _box(built_site, f"{lang}/{page}")
        listed = box.split('<details class="sp-countries"')[0]
        for match in re.finditer(r'href="tel:', listed):
            before = listed[: match.start()]
            assert before.rfind('class="sp-country-name"') > before.rfind("</ul>"), (lang, page)
        details = box[len(listed) :]
        for row in re.findall(r"<li>.*?</li>", details, re.S):
            assert 'class="sp-country"' in row, row


def test_spanish_readers_get_numbers_named_by_country_in_spanish(built_site: Path) -> None:
    box = _box(built_site, "es/lessons/spotting-secrets/index.html")
    text = re.sub(r"<[^>]+>", " ", box)
    assert "Estados Unidos" in text and "Europa (muchos países)" in text
    assert "Emergencias" in text and "Emergency" not in text
    for number in ("tel:911", "tel:112", "tel:116111", "tel:18004224453"):
        assert number in box, number
    assert box.index("Estados Unidos") < box.index("tel:911") < box.index("Europa")


def test_the_spanish_handout_prints_each_country_with_its_numbers(built_site: Path) -> None:
    text = flat(text_of(built_site / "es/handouts/spotting-secrets-a4.pdf"))
    for expected in ("Estados Unidos", "911", "Europa (muchos países)", "112", "116 111"):
        assert expected in text, expected
    assert "Canadá" in text, "other countries' lines are printed too, not left off the sheet"


def test_a_lesson_that_names_a_service_lists_it_with_its_number(project: Path) -> None:
    edit(project, COMMUNITY, "call the hotline", "the HSI tip line takes tips; call the hotline")
    checked = check_project(project)
    assert not checked.report.errors
    lesson = next(x for x in checked.lessons if x.id == "untranslated-one")
    groups = helplines.for_lesson(checked.data, ["US"], lesson, "en", "en")
    assert "us-hsi-tips" in [h.id for g in groups for h in g.services]
    html = Builder(checked, "en").handout(lesson, "letter").html
    assert "1-866-347-2423" in html
    arabic = helplines.for_lesson(checked.data, [], lesson, "ar", "en")
    assert [g.locale.code for g in arabic] == ["US"], "named, so listed under its own country"


def test_naming_a_service_whose_number_is_unconfirmed_is_refused(project: Path, capsys) -> None:
    edit(project, YOUNG, "A surprise is fun.", "You can call Childline. A surprise is fun.")
    out = check_ran(project, capsys, code=1)
    assert f"{YOUNG}:25: help-unconfirmed names `Childline`" in out


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        (
            "signpost.yml",
            "countries: [US]",
            "countries: [US, XX]",
            "signpost.yml:4: help-country the `en` edition targets `XX`",
        ),
        (
            "data/hotlines.yml",
            "  children: [child, emergency]",
            "  children: [emergency]",
            "signpost.yml:4: help-missing the `en` edition's `children` help box has no crisis "
            "or child line for `US`",
        ),
        (
            "data/hotlines.yml",
            "  youth: [emergency, crisis, child,",
            "  youth: [emergency,",
            "signpost.yml:4: help-missing the `en` edition's `youth` help box has no crisis "
            "or child line for `US`",
        ),
        (
            "data/hotlines.yml",
            '    call: "911"\n    status: confirmed',
            '    call: "911"\n    status: unconfirmed',
            "signpost.yml:4: help-missing the `en` edition's `youth` help box has no emergency "
            "number for `US`",
        ),
    ],
)
def test_an_edition_without_emergency_or_a_line_for_the_young_is_refused(
    project: Path, capsys, rel: str, old: str, new: str, expected: str
) -> None:
    edit(project, rel, old, new)
    out = check_ran(project, capsys, code=1)
    assert expected in out, out


def test_an_under_11_sheet_lists_no_trafficking_line_for_any_country(project: Path) -> None:
    """The other countries' lines on a child's sheet come from the child's box as well."""
    checked = check_project(project)
    lesson = next(x for x in checked.lessons if x.id == "spotting-secrets")
    for lang in ("en", "es", "ar"):
        html = Builder(checked, lang).handout(lesson, "a4").html
        for number in ("1-833-900-1010", "08000 121 700", "1-888-373-7888"):
            assert number not in html, (lang, number)
        assert "1-800-668-6868" in html, "Canada's line for children and teens"
