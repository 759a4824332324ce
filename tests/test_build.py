"""The fixture site built in every language: separate student and facilitator pages,
catalogue data, languages, fallbacks and failure safety."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from signpost.build.build import build_site


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_student_page_hides_facilitator_notes(built_site: Path) -> None:
    page = read(built_site, "en/lessons/spotting-secrets/index.html")
    assert "Spotting unsafe secrets" in page
    assert "FACILITATOR-ONLY" not in page and "NESTED-FACILITATOR" not in page
    assert 'class="sp-handout"' in page and "HANDOUT-TEXT" in page
    assert "This lesson talks about secrets that feel bad." in page
    assert "By the end, you can tell a surprise from an unsafe secret." in page
    content = page.split('<article class="md-content__inner')[1].split("</article>")[0]
    assert 'href="plan/"' not in content, "a child is not one click from the facilitator notes"


def test_plan_page_has_notes_schedule_sources(built_site: Path) -> None:
    page = read(built_site, "en/lessons/spotting-secrets/plan/index.html")
    assert "FACILITATOR-ONLY" in page and "NESTED-FACILITATOR" in page
    for fact in ("Students", "8–10", "30 minutes", "Safe and unsafe secrets", "Trusted adults"):
        assert fact in page
    rows = re.findall(
        r"<tr>\s*<td[^>]*>(\d:\d\d)</td>\s*<td[^>]*>([^<]+)</td>\s*<td[^>]*>(\d+)"
        r"</td>\s*<td[^>]*>(\d:\d\d)</td>",
        page,
    )
    assert rows == [
        ("0:00", "Sort the cards", "10", "0:10"),
        ("0:10", "Helping hand", "20", "0:30"),
    ]
    assert "https://www.dhs.gov/blue-campaign" in page
    assert "2026-11-01" in page
    assert 'href="../"' in page


def test_warning_signs_tell_each_audience_what_to_do(built_site: Path) -> None:
    staff = read(built_site, "en/lessons/staff-basics/plan/index.html")
    assert "No single sign is proof" in staff
    assert "tell your designated lead the same day" in staff
    assert "report it yourself if your state" in staff, "a teacher's own duty to report"
    community = read(built_site, "en/lessons/untranslated-one/plan/index.html")
    assert "call a hotline for advice" in community and "you do not need to be sure" in community
    youth = read(built_site, "en/lessons/spotting-secrets/plan/index.html")
    assert "any one of them is a good reason to talk to someone you trust" in youth


def test_arabic_lists_use_the_arabic_comma(built_site: Path) -> None:
    card = read(built_site, "ar/lessons/spotting-secrets/plan/index.html")
    dd = re.search(r"<dt>المواضيع</dt>\s*<dd>(.*?)</dd>", card).group(1)
    assert "، " in dd and ", " not in dd


def test_help_box_on_every_student_page(built_site: Path) -> None:
    for lang in ("en", "es", "ar"):
        for page in (built_site / lang / "lessons").glob("*/index.html"):
            html = page.read_text(encoding="utf-8")
            assert 'class="sp-help"' in html, page
    en = read(built_site, "en/lessons/untranslated-one/index.html")
    assert 'href="tel:18883737888"' in en, "the community lesson lists the trafficking line"


def test_help_box_puts_emergency_first_and_leaves_police_tip_lines_to_get_help(
    built_site: Path,
) -> None:
    page = read(built_site, "en/lessons/untranslated-one/index.html")
    box = page.split('class="sp-help"')[1]
    calls = re.findall(r'href="tel:(\d+)"', box.split("</aside>")[0])
    assert calls[0] == "911"
    assert "18883737888" in calls and "18663472423" not in calls
    assert 'href="tel:18663472423"' in read(built_site, "en/get-help/index.html")


def test_catalog_json_shape(built_site: Path) -> None:
    data = json.loads(read(built_site, "catalog.json"))
    assert data["languages"] == ["en", "es", "ar"]
    lessons = {item["id"]: item for item in data["lessons"]}
    assert set(lessons) == {"spotting-secrets", "staff-basics", "untranslated-one"}
    youth = lessons["spotting-secrets"]
    assert youth["audience"] == "youth" and youth["ages"] == "8-10" and youth["duration"] == 30
    assert youth["topics"] == ["secrets", "trusted-adults"]
    es = youth["translations"]["es"]
    assert es == {
        "title": "Reconocer secretos inseguros",
        "url": "es/lessons/spotting-secrets/",
        "facilitator_url": "es/lessons/spotting-secrets/plan/",
        "status": "complete",
        "reviewed": None,
        "checked": None,
        "handouts": {
            "a4": "es/handouts/spotting-secrets-a4.pdf",
            "letter": "es/handouts/spotting-secrets-letter.pdf",
        },
        "plan_pdf": {
            "a4": "es/handouts/spotting-secrets-plan-a4.pdf",
            "letter": "es/handouts/spotting-secrets-plan-letter.pdf",
        },
        "evaluation": None,
        "cards": {
            "a4": "es/handouts/spotting-secrets-cards-a4.pdf",
            "letter": "es/handouts/spotting-secrets-cards-letter.pdf",
        },
    }
    for pdf in [*es["handouts"].values(), *es["plan_pdf"].values(), *es["cards"].values()]:
        assert (built_site / pdf).is_file()
    assert youth["translations"]["ar"]["status"] == "missing"
    assert lessons["staff-basics"]["ages"] is None
    for item in data["lessons"]:
        for entry in item["translations"].values():
            assert (built_site / entry["url"] / "index.html").is_file()
            assert (built_site / entry["facilitator_url"] / "index.html").is_file()


def test_json_ld_learning_resource(built_site: Path) -> None:
    page = read(built_site, "es/lessons/spotting-secrets/index.html")
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "LearningResource"
    assert data["inLanguage"] == "es"
    assert data["typicalAgeRange"] == "8-10"
    assert data["timeRequired"] == "PT30M"
    assert data["audience"]["educationalRole"] == "student"


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("es", "ltr"), ("ar", "rtl")])
def test_lang_and_dir_on_every_page(built_site: Path, lang: str, direction: str) -> None:
    pages = list((built_site / lang).rglob("*.html"))
    assert len(pages) > 8
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html, page
        # The direction is the body's (Material's template puts it there), not any `dir=`
        # on the page: the language switcher's links carry their own.
        body = re.search(r"<body\b[^>]*>", html)
        assert body and re.search(rf'\sdir="{direction}"', body.group(0)), page


def test_fallback_page_keeps_source_language(built_site: Path) -> None:
    page = read(built_site, "es/lessons/untranslated-one/index.html")
    assert 'class="sp-untranslated"' in page
    notice = re.search(r'class="sp-untranslated"[^>]*>([^<]+)<', page).group(1)
    assert "inglés" in notice and "español" in notice, "language names in the reader's language"
    assert "English" not in notice
    assert re.search(r'<div dir="ltr" lang="en">|<div lang="en" dir="ltr">', page)
    assert "UNTRANSLATED-BODY" in page
    ar = read(built_site, "ar/lessons/untranslated-one/index.html")
    assert '<html lang="ar"' in ar and re.search(
        r'<div[^>]*lang="en"[^>]*dir="ltr"|'
        r'<div[^>]*dir="ltr"[^>]*lang="en"',
        ar,
    )


def test_switcher_links_stay_on_the_same_lesson(built_site: Path) -> None:
    page = read(built_site, "en/lessons/spotting-secrets/plan/index.html")
    menu = re.findall(r'<a href="([^"]+)" hreflang="(\w+)"[^>]*class="md-select__link"', page)
    assert {lang for _, lang in menu} == {"en", "es", "ar"}
    base = built_site / "en/lessons/spotting-secrets/plan"
    for href, lang in menu:
        target = (base / href).resolve()
        assert target == (built_site / lang / "lessons/spotting-secrets/plan").resolve()
        assert (target / "index.html").is_file()


def test_search_index_is_per_language(built_site: Path) -> None:
    es = json.loads(read(built_site, "es/search/search_index.json"))
    en = json.loads(read(built_site, "en/search/search_index.json"))
    es_text = " ".join(d["title"] + d["text"] for d in es["docs"])
    en_text = " ".join(d["title"] + d["text"] for d in en["docs"])
    assert "Reconocer secretos inseguros" in es_text
    assert "Spotting unsafe secrets" not in es_text
    assert "Reconocer secretos inseguros" not in en_text
    assert es["config"]["lang"] == ["es"]


def test_sitemap_lists_alternates(built_site: Path) -> None:
    xml = read(built_site, "sitemap.xml")
    assert "<loc>https://fixture.signpost-lessons.org/es/lessons/spotting-secrets/</loc>" in xml
    assert (
        'hreflang="ar" href="https://fixture.signpost-lessons.org/ar/lessons/spotting-secrets/"'
        in xml
    )


def test_chooser_and_schema_at_root(built_site: Path) -> None:
    chooser = read(built_site, "index.html")
    assert 'href="es/"' in chooser and 'dir="rtl"' in chooser
    schema = json.loads(read(built_site, "lesson.schema.json"))
    assert "secrets" in schema["properties"]["topics"]["items"]["enum"]


def test_portal_directive_lists_lessons(built_site: Path) -> None:
    home = read(built_site, "es/index.html")
    assert 'href="lessons/spotting-secrets/"' in home
    assert "[[lessons" not in home
    help_page = read(built_site, "en/get-help/index.html")
    assert "National Human Trafficking Hotline" in help_page and "[[hotlines]]" not in help_page


def test_failed_build_keeps_previous_site(project: Path, capsys) -> None:
    site = project / "site"
    site.mkdir()
    (site / "marker.txt").write_text("previous build", encoding="utf-8")
    lesson = project / "lessons/staff-basics/index.md"
    lesson.write_text(lesson.read_text().replace("audience: teachers", "audience: teacher"))
    assert build_site(project) == 1
    err = capsys.readouterr().err
    assert "lessons/staff-basics/index.md:4: unknown-audience" in err
    assert "did you mean `teachers`" in err
    assert (site / "marker.txt").read_text() == "previous build"
    assert not list(project.glob(".site-staging-*"))


def test_plain_mkdocs_build_reports_the_same_finding(project: Path) -> None:
    import os
    import subprocess
    import sys

    lesson = project / "lessons/staff-basics/index.md"
    lesson.write_text(lesson.read_text().replace("audience: teachers", "audience: teacher"))
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert proc.returncode != 0
    assert "lessons/staff-basics/index.md:4: unknown-audience" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_home_page_title_names_the_site_once(built_site: Path) -> None:
    page = read(built_site, "en/index.html")
    assert "<title>Fixture</title>" in page
    assert '<h1 id="fixture-home">Fixture home</h1>' in page, "the page keeps its own heading"
    nav = page.split('class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    labels = re.findall(
        r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', nav
    )
    assert "Home" in labels and "Fixture" not in labels, labels


def test_a_plain_mkdocs_build_takes_its_language_from_the_plugin_option(project: Path) -> None:
    """Without `signpost build`, the plugin's declared `language:` option picks the edition;
    a variable of the environment from before 0.4 (SIGNPOST_LANG) no longer does."""
    import os
    import subprocess
    import sys

    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - signpost\n" in text
    config.write_text(text.replace("  - signpost\n", "  - signpost:\n      language: es\n"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SIGNPOST_LANG="ar")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert '<html lang="es"' in read(project / "site", "es/index.html")
    assert not (project / "site" / "ar").exists()


def test_the_handoff_is_one_declared_file_only_signpost_wrote(
    project: Path, tmp_path: Path, monkeypatch
) -> None:
    """The build hands each language its choices in one file, in a private folder: a file
    in the project, one of another shape, or one others could write is refused, in a line."""
    import json
    import os

    from signpost.build.handoff import ENV, Handoff, HandoffError, read, write

    monkeypatch.delenv(ENV, raising=False)
    assert read(project) is None  # a plain mkdocs build
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    given = Handoff(lang="es", orchestrated=True, handouts=True, offline="zips")
    path = write(private, given)
    monkeypatch.setenv(ENV, str(path))
    assert read(project) == given
    path.write_text(json.dumps({"lang": "es", "theme": "mine"}), encoding="utf-8")
    with pytest.raises(HandoffError, match="fields this version does not declare"):
        read(project)
    path.write_text(json.dumps({"lang": "es", "offline": "everything"}), encoding="utf-8")
    with pytest.raises(HandoffError, match="`offline` must be one of"):
        read(project)
    planted = project / "handoff.json"
    planted.write_text(json.dumps({"lang": "es"}), encoding="utf-8")
    os.chmod(planted, 0o600)
    monkeypatch.setenv(ENV, str(planted))
    with pytest.raises(HandoffError, match="signpost did not write"):
        read(project)
    os.chmod(private, 0o777)
    monkeypatch.setenv(ENV, str(path))
    with pytest.raises(HandoffError, match="signpost did not write"):
        read(project)
