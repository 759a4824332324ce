"""The browser tests measure text drawn in the bundled Noto faces, never in whatever fonts
the machine has, so a layout test (the Arabic page at 180 px) passes or fails the same way
on every machine."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def fonts_drawn(page) -> set[str]:
    """The platform fonts Chromium drew the page's text with."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "body *"})["nodeIds"]
    drawn: set[str] = set()
    for node in nodes:
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            drawn.add(font["familyName"])
    cdp.detach()
    return drawn


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_pages_are_drawn_in_the_bundled_fonts(browser, server: str, lang: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 700})
    page.goto(f"{server}/{lang}/lessons/spotting-secrets/")
    drawn = fonts_drawn(page)
    page.close()
    assert drawn <= {"Noto Sans", "Noto Sans Arabic"}, drawn
    assert ("Noto Sans Arabic" if lang == "ar" else "Noto Sans") in drawn
