"""The checks that keep the curriculum honest for its readers: spelling of the edition,
youth summaries that speak to students, and help boxes worded for each audience."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_validate import check, check_ran, edit

LESSON = "lessons/spotting-secrets/index.md"
ES = "lessons/spotting-secrets/index.es.md"


@pytest.mark.parametrize(
    ("rel", "old", "new", "prefix", "fragment"),
    [
        (LESSON, "A surprise is fun.", "Tell your mum. A surprise is fun.",
         f"{LESSON}:25: spelling", "write “mom”, not “mum”"),
        (LESSON, "A surprise is fun.", "A Neighbourhood surprise is fun.",
         f"{LESSON}:25: spelling", "“neighborhood”"),
        ("docs/index.md", "# Fixture home", "# Fixture home\n\nOur programme.",
         "docs/index.md:7: spelling", "“program”"),
        (LESSON, "title: Spotting unsafe secrets", "title: Spotting unsafe secrets at the centre",
         f"{LESSON}:2: spelling", "“center”"),
    ],
)  # fmt: skip
def test_british_forms_are_warned_and_strict_refuses(
    project: Path, capsys, rel, old, new, prefix, fragment
) -> None:
    edit(project, rel, old, new)
    code, out = check(project, capsys)
    assert code == 0, "a spelling is a warning"
    line = next(ln for ln in out.splitlines() if ln.startswith(prefix))
    assert fragment in line
    code, _ = check(project, capsys, "--strict")
    assert code == 1


def test_link_targets_and_code_are_not_spelling(project: Path, capsys) -> None:
    edit(project, "docs/index.md", "# Fixture home", "# Fixture home\n\n`colour: red`\n")
    out = check_ran(project, capsys)
    assert "spelling" not in out, "catalogue.md in a link, and code, are left alone"


@pytest.mark.parametrize(
    ("rel", "summary", "phrase"),
    [
        (LESSON, "Children learn the difference between a surprise and a secret.", "Children"),
        (LESSON, "Teens compare healthy and controlling relationships.", "Teens"),
        (LESSON, "In this lesson, students find out what to do.", "students"),
        (ES, "Niñas y niños aprenden la diferencia.", "Niñas y niños"),
    ],
)
def test_youth_summary_in_the_third_person_is_warned(
    project: Path, capsys, rel: str, summary: str, phrase: str
) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^summary: .*$", f"summary: {summary}", text, flags=re.M))
    code, out = check(project, capsys, "--strict")
    assert code == 1
    assert f"{rel}:3: summary-third-person (warning)" in out and f"“{phrase}”" in out


def test_a_summary_that_speaks_to_students_passes(project: Path, capsys) -> None:
    out = check_ran(project, capsys)
    assert "summary-third-person" not in out


def test_adult_summary_may_name_its_audience(project: Path, capsys) -> None:
    edit(project, "lessons/staff-basics/index.md", "School staff learn", "Teachers learn")
    out = check_ran(project, capsys)
    assert "summary-third-person" not in out


def _help_box(built_site: Path, rel: str) -> str:
    html = (built_site / rel).read_text(encoding="utf-8")
    return html.split('class="sp-help"')[1].split("</aside>")[0]


def test_help_box_for_young_readers_uses_neutral_words(built_site: Path) -> None:
    """Under-11s: their child line first, in words a child understands, and nothing that
    names trafficking or exploitation, here or in the list of other countries."""
    young = _help_box(built_site, "en/lessons/spotting-secrets/index.html")
    assert "Human trafficking help" not in young and "trafficking" not in young.lower()
    assert "Online exploitation of children" not in young
    assert "If someone is hurting you or you feel unsafe" in young
    assert young.index("tel:18004224453") < young.index("tel:911")
    assert "988" not in young, "no suicide line in a box for 8-year-olds"
    adult = _help_box(built_site, "en/lessons/untranslated-one/index.html")
    assert "Human trafficking help" in adult


def test_youth_box_puts_a_crisis_line_right_after_emergency(project: Path) -> None:
    from signpost.checks.pipeline import check_project
    from signpost.data import helplines

    data = check_project(project, quality=False).data
    (us,) = helplines.help_for(data, ["US"], "youth")
    assert [h.id for h in us.services][:3] == ["us-emergency", "us-988", "us-childhelp"]
    (children,) = helplines.help_for(data, ["US"], "youth", young=True)
    assert [h.purpose for h in children.services] == ["child", "emergency"]
    (ca,) = helplines.help_for(data, ["CA"], "youth")
    assert [h.purpose for h in ca.services][:2] == ["emergency", "child"]


def test_help_box_speaks_to_its_reader(built_site: Path) -> None:
    youth = _help_box(built_site, "en/lessons/spotting-secrets/index.html")
    staff = _help_box(built_site, "en/lessons/staff-basics/index.html")
    community = _help_box(built_site, "en/lessons/untranslated-one/index.html")
    assert "tell a trusted adult" in youth
    assert "trusted adult" not in staff and "mandated-reporter law" in staff
    assert "trusted adult" not in community and "Never confront" in community


def test_texting_a_keyword_says_which_word(built_site: Path) -> None:
    from signpost.checks.pipeline import check_project

    checked = check_project(built_site.parent, quality=False)
    khp = next(h for h in checked.data.hotlines if h.id == "ca-kids-help-phone")
    assert khp.text == "686868" and khp.keyword_in("en") == "CONNECT"
    assert khp.keyword_in("fr") is None, "no French keyword until its own page confirms one"
    assert khp.name_in("fr") == "Jeunesse, J'écoute" and khp.name_in("es") == "Kids Help Phone"


def test_get_help_lists_only_confirmed_services(built_site: Path) -> None:
    page = (built_site / "en/get-help/index.html").read_text(encoding="utf-8")
    assert "0800 1111" not in page and "627" not in page, "unconfirmed numbers stay out"
    assert "0800 222 777" not in page, "a source that does not name the number is not enough"
    assert "988" in page and "1-800-668-6868" in page
