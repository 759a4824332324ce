"""The front door: three doors for three kinds of reader, and help on the home page.

A reader who lands on the home page either knows what they came for (a lesson for their
age, a plan, a seminar) or needs help now; both find it without reading a page of links.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from signpost.build.build import build_site

REPO = Path(__file__).resolve().parent.parent
LANGS = ("en", "es", "fr", "ar")


def _help_now(html: str) -> str:
    start = html.index('class="sp-help sp-help-now"')
    return html[start : html.index("</aside>", start)]


@pytest.mark.parametrize("lang", LANGS)
def test_home_has_a_door_for_each_reader_that_leads_somewhere(
    shipped_site: Path, lang: str
) -> None:
    home = shipped_site / lang / "index.html"
    html = home.read_text(encoding="utf-8")
    doors = re.findall(
        r'<li class="sp-door sp-door--(\w+)">(.*?)</li>\s*(?=<li class="sp-door|</ul>)', html, re.S
    )
    assert [kind for kind, _ in doors] == ["students", "teachers", "hosts"]
    for kind, card in doors:
        title = re.search(r'<h2 class="sp-door__title"><a href="([^"]+)">([^<]+)</a>', card)
        assert title and title.group(2).strip(), kind
        assert (home.parent / title.group(1) / "index.html").is_file(), title.group(1)
    bands = re.findall(r'href="for-students/#(ages-\d+-\d+)"', doors[0][1])
    assert bands == ["ages-8-10", "ages-11-13", "ages-14-18"]
    students = (shipped_site / lang / "for-students" / "index.html").read_text(encoding="utf-8")
    for anchor in bands:
        assert f'id="{anchor}"' in students, f"{lang}: the door's {anchor} leads nowhere"


@pytest.mark.parametrize("lang", LANGS)
def test_home_gives_the_numbers_for_the_readers_countries(shipped_site: Path, lang: str) -> None:
    settings = yaml.safe_load((REPO / "signpost.yml").read_text(encoding="utf-8"))
    countries = next(x for x in settings["languages"] if x["code"] == lang)["countries"]
    hotlines = yaml.safe_load((REPO / "data" / "hotlines.yml").read_text(encoding="utf-8"))
    box = _help_now((shipped_site / lang / "index.html").read_text(encoding="utf-8"))
    assert "<h2" in box and box.count('href="tel:') >= 2
    # The reassurance every help box carries: never your fault, and an adult outside home.
    strings = REPO / "src" / "signpost" / "starter" / "data" / "strings" / f"{lang}.yml"
    intro = yaml.safe_load(strings.read_text(encoding="utf-8"))["help_intro_youth"]
    assert f"<p>{intro}</p>" in html.unescape(box.split('class="sp-emergency"')[0]), lang
    listed = box.split('<details class="sp-countries"')[0]
    for code in countries:
        name = hotlines["locales"][code]["name"][lang]
        assert f'<p class="sp-country-name">{name}</p>' in listed, (lang, code)
        emergency = [
            s["call"]
            for s in hotlines["services"]
            if s.get("locale") == code and s.get("purpose") == "emergency" and "call" in s
        ]
        dial = re.sub(r"[^\d+]", "", str(emergency[0])) if emergency else "none"
        assert f'href="tel:{dial}"' in listed, (lang, code)
    # A language with no country of its own opens every country's numbers at once.
    opened = re.search(r'<details class="sp-countries"( open(?:="")?)?>', box)
    assert opened and bool(opened.group(1)) == (not countries)
    assert 'href="get-help/"' in box and 'href="safe-browsing/"' in box


def test_doors_only_lead_to_pages_the_project_has(project: Path) -> None:
    (project / "docs" / "index.md").write_text(
        "---\ntitle: Home\n---\n\n# Home\n\n[[doors]]\n\n[[help]]\n", encoding="utf-8"
    )
    (project / "docs" / "for-teachers.md").write_text(
        "---\ntitle: For teachers\n---\n\n# For teachers\n\n[[lessons teachers]]\n",
        encoding="utf-8",
    )
    assert build_site(project, handouts=False) == 0
    html = (project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'class="sp-door sp-door--(\w+)"', html) == ["teachers"]
    assert 'href="for-teachers/"' in html
    assert 'class="sp-help sp-help-now"' in html
