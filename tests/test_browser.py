"""Pages as a reader sees them, in headless Chromium: facets, no-JavaScript view, switcher, RTL.

Screenshots land in screenshots/ for people to look at; the assertions are what
a reader would notice if it broke.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parent.parent / "screenshots"


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_lesson_page_makes_no_failing_requests(browser, server: str) -> None:
    """Every failed request is data wasted on a student's phone plan."""
    page = browser.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(f"{server}/en/lessons/spotting-secrets/", wait_until="networkidle")
    assert failed == []


def test_handout_blanks_are_lines_to_write_on(browser, server: str) -> None:
    """'1. ____' must print as a line beside its number, not a rule above it."""
    page = browser.new_page()
    page.goto(f"{server}/en/lessons/spotting-secrets/")
    items = page.locator(".sp-handout ol > li")
    assert items.count() == 2
    for i in range(2):
        li, hr = items.nth(i).bounding_box(), items.nth(i).locator("hr").bounding_box()
        assert hr["width"] > 100
        assert li["y"] <= hr["y"] <= li["y"] + li["height"]
        assert hr["y"] > li["y"] + li["height"] / 2, "the line sits at the writing baseline"


def test_catalogue_facets_combine(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/en/catalogue/")
    visible = page.locator(".sp-catalogue li:visible")
    assert visible.count() == 3
    page.select_option("select[data-facet=audience]", "youth")
    assert visible.count() == 1
    page.select_option("select[data-facet=topic]", "disclosure")
    assert visible.count() == 0
    assert "No lessons match" in page.locator(".sp-count").inner_text()
    page.select_option("select[data-facet=audience]", "teachers")
    assert visible.count() == 1
    assert "Staff basics" in visible.first.inner_text()
    page.select_option("select[data-facet=topic]", "")
    page.select_option("select[data-facet=audience]", "")
    page.select_option("select[data-facet=ages]", "adults")
    assert visible.count() == 2
    shot(page, "catalogue-en")


def test_catalogue_without_javascript_is_a_full_list(browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/en/catalogue/")
    assert page.locator(".sp-catalogue li:visible").count() == 3
    assert not page.locator("form.sp-facets").is_visible()
    context.close()


def test_switcher_keeps_the_reader_on_the_lesson(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/en/lessons/spotting-secrets/")
    shot(page, "student-en")
    page.locator('a.md-select__link[hreflang="es"]').first.dispatch_event("click")
    page.wait_for_url("**/es/lessons/spotting-secrets/")
    assert page.locator("h1").inner_text() == "Reconocer secretos inseguros"
    page.goto(f"{server}/en/lessons/spotting-secrets/plan/")
    shot(page, "plan-en")


def test_arabic_reads_right_to_left(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/ar/lessons/untranslated-one/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    box = page.locator(".sp-untranslated").bounding_box()
    content = page.locator(".md-content").bounding_box()
    assert box["x"] + box["width"] > content["x"] + content["width"] * 0.6
    fallback = page.locator("div[lang=en]")
    assert fallback.evaluate("e => getComputedStyle(e).direction") == "ltr"
    shot(page, "fallback-ar")
