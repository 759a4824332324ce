"""The offline zip: one language's site that works opened from disk, with no connection.

A teacher unzips it on a classroom laptop and double-clicks index.html: links,
search, catalogue filters and handouts must all work from `file://`.
"""

from __future__ import annotations

import json
import posixpath
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from signpost.theme.offline import file_links, file_locations, index_script, write_zip
from signpost.theme.search_index import dumps


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../", "../index.html"),
        ("lessons/x/", "lessons/x/index.html"),
        ("..", "../index.html"),
        ("../..", "../../index.html"),
        ("../../..", "../../../index.html"),
        ("../..#top", "../../index.html#top"),
        ("../get-help/#call", "../get-help/index.html#call"),
        ("", "index.html"),
        ("#top", "#top"),
        ("https://example.org/", "https://example.org/"),
        ("tel:911", "tel:911"),
        ("../handouts/x-a4.pdf", "../handouts/x-a4.pdf"),
    ],
)
def test_folder_links_name_their_index_page(href: str, expected: str) -> None:
    """One link in, one link out: each case must hold on its own."""
    assert file_links(f'<a href="{href}">x</a>') == f'<a href="{expected}">x</a>'
    link = f'<link rel="stylesheet" href="{href}">'
    assert file_links(link) == link.replace(f'"{href}"', f'"{expected}"')


def test_search_index_becomes_a_script_with_file_locations() -> None:
    index = {
        "config": {"lang": ["ar"]},
        "docs": [
            {"location": "", "title": "الرئيسية", "text": ""},
            {"location": "lessons/a/#help", "title": "a", "text": ""},
        ],
    }
    file_locations(index)
    script = index_script(dumps(index))
    assert script.startswith("var __index = ")
    docs = index["docs"]
    assert [d["location"] for d in docs] == ["index.html", "lessons/a/index.html#help"]
    assert "الرئيسية" in script, "written as UTF-8, not escapes"


def test_zip_is_reproducible_and_leaves_out_source_maps(tmp_path: Path) -> None:
    site = tmp_path / "en"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Home</h1>", encoding="utf-8")
    (site / "assets" / "bundle.js.map").write_text("{}", encoding="utf-8")
    write_zip(site, tmp_path / "one.zip", "signpost-en")
    write_zip(site, tmp_path / "two.zip", "signpost-en")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    assert zipfile.ZipFile(tmp_path / "one.zip").namelist() == ["signpost-en/index.html"]


def test_catalog_and_pages_link_every_zip(built_site: Path) -> None:
    catalog = json.loads((built_site / "catalog.json").read_text(encoding="utf-8"))
    assert set(catalog["offline"]) == set(catalog["languages"])
    for lang, rel in catalog["offline"].items():
        zip_file = built_site / rel
        assert zip_file.is_file(), rel
        names = zipfile.ZipFile(zip_file).namelist()
        assert f"signpost-{lang}/index.html" in names
        assert f"signpost-{lang}/search/search_index.js" in names
        assert f"signpost-{lang}/handouts/spotting-secrets-a4.pdf" in names
        assert not any(n.endswith(".map") for n in names)
    home = (built_site / "en" / "index.html").read_text(encoding="utf-8")
    assert 'href="offline/signpost-en.zip"' in home


def _unzip(site: Path, dest: Path) -> dict[str, Path]:
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    out = {}
    for lang, rel in catalog["offline"].items():
        zipfile.ZipFile(site / rel).extractall(dest)
        out[lang] = dest / f"signpost-{lang}"
    return out


@pytest.fixture(scope="module")
def unzipped(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _unzip(built_site, tmp_path_factory.mktemp("offline"))


@pytest.fixture(scope="module")
def shipped_unzipped(
    shipped_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    return _unzip(shipped_site, tmp_path_factory.mktemp("offline-shipped"))


class _Links(HTMLParser):
    """Every address a page asks the browser to open or load: `href` and `src`."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("href", "src") and value]


def _broken_links(zip_path: Path) -> tuple[int, list[str]]:
    """Each local link of each HTML file in the zip, checked against the zip's own files.

    From disk a link to a folder shows a folder listing, so a link must name a file.
    """
    with zipfile.ZipFile(zip_path) as zf:
        names = set(zf.namelist())
        checked, broken = 0, []
        for name in sorted(n for n in names if n.endswith(".html")):
            parser = _Links()
            parser.feed(zf.read(name).decode("utf-8"))
            for url in parser.urls:
                parts = urlsplit(url)
                if parts.scheme or parts.netloc or not parts.path:
                    continue  # another site, a number to call, or a place on this page
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), parts.path))
                checked += 1
                if unquote(target) not in names:
                    broken.append(f"{name}: {url}")
    return checked, broken


def test_every_link_in_every_shipped_zip_names_a_file_in_the_zip(shipped_site: Path) -> None:
    """Every page of every language's zip, not a sample: the logo, the drawer's logo and
    the navigation's Home link on lessons and plans once led to `../..`, a folder."""
    catalog = json.loads((shipped_site / "catalog.json").read_text(encoding="utf-8"))
    assert set(catalog["offline"]) == {"en", "es", "fr", "ar"}
    for lang, rel in catalog["offline"].items():
        checked, broken = _broken_links(shipped_site / rel)
        assert checked > 1000, f"{lang}: only {checked} links found"
        assert broken == [], f"{lang}: {len(broken)} links lead to no file:\n" + "\n".join(
            broken[:20]
        )


def _open(browser, start: Path):
    page = browser.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file:") else None)
    page.goto(start.as_uri())
    return page, outside


def _search(page, word: str, lesson: str):
    """Type `word` as a reader would and return the result that leads to `lesson`."""
    search = page.locator("input.md-search__input")
    search.click()
    # Opened from disk, the index loads when search opens; a reader then types letter by letter.
    page.wait_for_function("() => typeof __index !== 'undefined'")
    search.press_sequentially(word, delay=80)
    result = page.locator(f".md-search-result__item a[href$='lessons/{lesson}/index.html']").first
    result.wait_for(timeout=15000)
    return result


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_offline_copy_navigates_to_lessons_and_handouts(browser, unzipped, lang: str) -> None:
    page, outside = _open(browser, unzipped[lang] / "index.html")
    page.locator(".md-content a[href$='lessons/spotting-secrets/index.html']").first.click()
    page.wait_for_url("**/lessons/spotting-secrets/index.html")
    assert page.locator("h1").count() == 1
    handout = page.locator("a[href$='.pdf']").first
    target = Path(page.url.removeprefix("file://")).parent / (handout.get_attribute("href") or "")
    assert target.resolve().is_file(), "the handout link opens a PDF inside the zip"
    page.locator(".md-content a[href$='get-help/index.html']").first.click()
    page.wait_for_url("**/get-help/index.html")
    assert outside == [], "an offline copy requests nothing from any network"


@pytest.mark.browser
def test_offline_search_finds_the_lesson_from_disk(browser, unzipped) -> None:
    page, outside = _open(browser, unzipped["en"] / "index.html")
    _search(page, "secrets", "spotting-secrets").click()
    page.wait_for_url("**/lessons/spotting-secrets/index.html*")
    assert outside == []


# A word of the lesson's title in each language of the shipped curriculum.
GIFTS = {"en": "gifts", "es": "regalos", "fr": "cadeaux", "ar": "الهدايا"}


@pytest.mark.browser
@pytest.mark.parametrize("lang", sorted(GIFTS))
def test_shipped_offline_search_works_in_every_language(
    browser, shipped_unzipped, lang: str
) -> None:
    page, outside = _open(browser, shipped_unzipped[lang] / "index.html")
    _search(page, GIFTS[lang], "online-friends-and-gifts").click()
    page.wait_for_url("**/lessons/online-friends-and-gifts/index.html*")
    assert page.locator("html").get_attribute("lang") == lang
    assert outside == []


@pytest.mark.browser
def test_offline_catalogue_filters_work_from_disk(browser, unzipped) -> None:
    page, outside = _open(browser, unzipped["en"] / "catalogue" / "index.html")
    visible = page.locator(".sp-catalogue li:visible")
    assert visible.count() == 3
    page.select_option("select[data-facet=audience]", "teachers")
    assert visible.count() == 1
    assert outside == []


def test_the_zip_leaves_out_a_name_windows_would_unzip_as_a_folder(tmp_path: Path) -> None:
    """`check` refuses such names; if a site downgrades that, the zip still holds only
    the site's own paths: `a\\..\\..\\x` would land outside the folder on Windows."""
    from signpost.theme.offline import write_zip

    site = tmp_path / "site"
    (site / "lessons").mkdir(parents=True)
    (site / "index.html").write_text("home", encoding="utf-8")
    (site / "lessons" / "..\\..\\evil.png").write_bytes(b"x")
    (site / "lessons" / "ok.png").write_bytes(b"y")
    dest = tmp_path / "out.zip"
    write_zip(site, dest, "signpost-en")
    names = zipfile.ZipFile(dest).namelist()
    assert names == ["signpost-en/index.html", "signpost-en/lessons/ok.png"]


# The word in each form a reader may type, and words typed without their accents.
OFFLINE_FORMS = [
    *[
        ("ar", typed, "how-grooming-works")
        for typed in ("استدراج", "الاستدراج", "والاستدراج", "بالاستدراج", "للاستدراج", "استدراجها")
    ],
    ("fr", "pedopiegeage", "how-grooming-works"),
    ("es", "sextorsion", "sextortion-and-image-abuse"),
]


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "typed", "lesson"), OFFLINE_FORMS)
def test_offline_search_finds_a_word_however_it_is_typed(
    browser, shipped_unzipped, lang: str, typed: str, lesson: str
) -> None:
    page, outside = _open(browser, shipped_unzipped[lang] / "index.html")
    assert _search(page, typed, lesson).count() == 1
    assert outside == []
