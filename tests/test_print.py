"""Pages printed from the browser, in headless Chromium: what ends up on paper.

Each test prints (or emulates print media for) a page of the fixture site and checks what
a reader holding the sheet would notice: no site chrome, the help numbers, web addresses
after links, collapsed blocks opened, blocks kept whole, right-to-left Arabic.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.browser

# The stylesheet's @page margins: 15mm top and bottom, 14mm each side.
MM = 96 / 25.4
PAGE_CONTENT_WIDTH = round((210 - 2 * 14) * MM)  # on A4


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each printed page, as pdftotext reads it."""
    if not shutil.which("pdftotext"):
        pytest.skip("reading the printed PDF needs pdftotext: apt-get install poppler-utils")
    done = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8").split("\f")[:-1]


def squeezed(text: str) -> str:
    """Text without whitespace, so a web address wrapped over two lines still matches."""
    return re.sub(r"\s+", "", text)


def test_print_shows_the_content_alone_across_the_full_width(page, server: str) -> None:
    page.goto(f"{server}/en/lessons/spotting-secrets/plan/")
    page.emulate_media(media="print")
    for chrome in (
        ".md-header",
        ".md-search",
        ".md-select",
        ".md-tabs",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".sp-switch",
    ):
        for i in range(page.locator(chrome).count()):
            assert not page.locator(chrome).nth(i).is_visible(), f"{chrome} is printed"
    assert page.locator(".sp-content-note").is_visible()
    article = page.locator("article.md-content__inner").bounding_box()
    assert article["x"] < 2, "the content starts at the page margin"
    assert article["width"] > 1280 * 0.98, "no empty sidebar column beside the content"
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible(), "the screen view is untouched"


def test_help_box_prints_with_its_numbers_in_black(page, server: str) -> None:
    page.goto(f"{server}/en/lessons/spotting-secrets/")
    page.emulate_media(media="print")
    assert page.locator(".sp-help").is_visible()
    call = page.locator('.sp-help a.sp-call[href="tel:18004224453"]')
    assert call.is_visible()
    assert "1-800-422-4453" in call.inner_text()
    # Browsers drop background colours in print: white-on-red would print as nothing.
    assert call.evaluate("a => getComputedStyle(a).color") == "rgb(0, 0, 0)"

    text = "\n".join(pdf_pages(page.pdf(format="A4")))
    assert "Call 1-800-422-4453" in text
    assert "Text 1-800-422-4453" in text
    assert "(tel:" not in text and "(sms:" not in text, "a number is not followed by its link"
    assert "Website(https://www.childhelphotline.org/)" in squeezed(text)


def test_lesson_plan_prints_whole_from_its_first_page(page, server: str) -> None:
    page.goto(f"{server}/en/lessons/spotting-secrets/plan/")
    pages = pdf_pages(page.pdf(format="A4"))
    assert all(p.strip() for p in pages), "no blank page"
    first = pages[0]
    assert "Lesson plan: Spotting unsafe secrets" in first
    for field in ("Audience", "Ages", "Duration", "Objectives", "Schedule", "Running time"):
        assert field in first
    text = "\n".join(pages)
    for part in ("FACILITATOR-ONLY", "NESTED-FACILITATOR", "Helping hand", "HANDOUT-TEXT"):
        assert part in text
    assert "DHSBlueCampaign(https://www.dhs.gov/blue-campaign)" in squeezed(text)
    assert "Read about grooming or the staff lesson." in " ".join(text.split()), (
        "internal links carry no address"
    )
    assert "Student page for this lesson" not in text


def test_printed_content_fits_the_sheet_width(page, server: str) -> None:
    """Nothing is cut off at the right edge: at the width of an A4 sheet, no element of
    the lesson plan (card, table, long web address) reaches past the page."""
    page.set_viewport_size({"width": PAGE_CONTENT_WIDTH, "height": 900})
    page.goto(f"{server}/en/lessons/spotting-secrets/plan/")
    page.emulate_media(media="print")
    too_wide = page.evaluate(
        """() => [...document.querySelectorAll("article *")]
          .filter(e => e.getClientRects().length)
          .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
          .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert too_wide == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PAGE_CONTENT_WIDTH


def _sheet_ending_inside(page, block: str, keep: str) -> dict[str, str]:
    """A sheet size on which page 1 ends just below `keep`, the first part of `block`."""
    page.set_viewport_size({"width": PAGE_CONTENT_WIDTH, "height": 900})
    page.emulate_media(media="print")
    bottom = page.evaluate(
        "keep => document.querySelector(keep).getBoundingClientRect().bottom + scrollY", keep
    )
    top = page.evaluate(
        "block => document.querySelector(block).getBoundingClientRect().top + scrollY", block
    )
    assert top < bottom
    return {"width": "210mm", "height": f"{bottom + 8 + 2 * 15 * MM:.1f}px"}


def _page_of(pages: list[str], text: str) -> int:
    found = [i for i, p in enumerate(pages) if text in p]
    assert found, f"{text!r} is not printed"
    return found[0]


@pytest.mark.parametrize(
    ("block", "keep", "first", "second"),
    [
        (".sp-activity", ".sp-activity > p", "Put each card in a pile.", "NESTED-FACILITATOR"),
        (
            "#a-surprise-or-a-secret",
            "#a-surprise-or-a-secret",
            "A surprise or a secret?",
            "A surprise is fun.",
        ),
    ],
    ids=["activity-whole", "heading-with-its-text"],
)
def test_blocks_and_headings_are_not_split_at_a_page_end(
    browser, server: str, block: str, keep: str, first: str, second: str
) -> None:
    """Where a page break would fall inside an activity, or just after a heading, the
    break moves before it. The control print, with every break rule lifted, shows the
    page break really does fall there."""
    results = []
    for lifted in (True, False):
        # The pages' CSP blocks inline styles; the control's injected rule is the test's own.
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        page.goto(f"{server}/en/lessons/spotting-secrets/plan/")
        if lifted:
            page.add_style_tag(
                content="* { break-inside: auto !important; break-after: auto !important; }"
            )
        pages = pdf_pages(page.pdf(**_sheet_ending_inside(page, block, keep)))
        results.append((_page_of(pages, first), _page_of(pages, second)))
        context.close()
    control, printed = results
    assert control == (0, 1), "set-up: without the print rules the break falls inside"
    assert printed == (1, 1)


def test_collapsed_blocks_open_for_print_and_close_after(page, server: str) -> None:
    # Material's own script opens the details it knows of; block it, so this is print.js alone.
    page.route("**/javascripts/bundle.*.js", lambda route: route.abort())
    page.goto(f"{server}/en/lessons/spotting-secrets/")
    page.evaluate(
        """() => {
          const article = document.querySelector("article");
          article.insertAdjacentHTML("afterbegin",
            '<details id="shut"><summary>More</summary><p>COLLAPSED-TEXT</p></details>' +
            '<details id="open" open><summary>Open</summary><p>OPEN-TEXT</p></details>');
        }"""
    )
    is_open = "id => document.getElementById(id).open"
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(is_open, "shut") and page.locator("text=COLLAPSED-TEXT").is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.evaluate(is_open, "shut"), "the reader finds the page as it was"
    assert page.evaluate(is_open, "open")

    text = "\n".join(pdf_pages(page.pdf(format="A4")))
    assert "COLLAPSED-TEXT" in text, "a real print opens it too"
    assert not page.evaluate(is_open, "shut")


def test_arabic_plan_prints_right_to_left(page, server: str) -> None:
    page.goto(f"{server}/ar/lessons/spotting-secrets/plan/")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    article = page.locator("article.md-content__inner").bounding_box()
    title_right = page.evaluate(
        """() => { const r = document.createRange();
          r.selectNodeContents(document.querySelector("h1"));
          return r.getBoundingClientRect().right; }"""
    )
    assert abs(title_right - (article["x"] + article["width"])) < 4, "the title starts on the right"
    note = page.locator(".sp-untranslated")
    left, right = note.evaluate(
        "e => [getComputedStyle(e).borderLeftWidth, getComputedStyle(e).borderRightWidth]"
    )
    assert float(right[:-2]) > float(left[:-2]), "the note's rule is on its reading side, the right"
    pages = pdf_pages(page.pdf(format="A4"))
    assert "Spotting unsafe secrets" in pages[0]
    assert "(https://www.dhs.gov/blue-campaign)" in squeezed("\n".join(pages))
