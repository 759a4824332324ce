"""Quick exit, Content-Security-Policy and privacy, proven in headless Chromium.

The site is built here with each language's quick-exit destination pointing at a
fake "neutral" site on loopback, so leaving is tested end to end without the internet.
What the page looked like as it left is written down from inside it (in a test-only
cookie, which outlives the page) by a listener that runs after the quick exit's own, in
the same event: that is "at once".
"""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import json
import re
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from chromium import serve
from conftest import make_project

from signpost.safety.csp import inline_scripts, policy, protect, script_hash

LANGS = ["en", "es", "fr", "ar"]
LESSON = "lessons/spotting-secrets/"
# One of each page type, in every language.
PAGE_TYPES = ["", LESSON, f"{LESSON}plan/", "catalogue/", "get-help/", "glossary/",
              "translation-status/", "safe-browsing/", "privacy/"]  # fmt: skip
EXIT_LABEL = {
    "en": "Exit this page",
    "es": "Salir de esta página",
    "fr": "Quitter cette page",
    "ar": "الخروج من هذه الصفحة",
}
WATCH = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(e.violatedDirective + " " + e.blockedURI));
const report = () => {
  if (!document.documentElement.classList.contains("sp-leaving")) return;
  const state = {
    display: getComputedStyle(document.body).display,
    stored: localStorage.length + sessionStorage.length,
  };
  document.cookie = "sp_left=" + encodeURIComponent(JSON.stringify(state)) + "; path=/";
};
window.addEventListener("click", report);
window.addEventListener("keyup", report);"""


# --- the hash computation, on its own -------------------------------------------------


def test_script_hash_is_base64_sha256_of_the_utf8_text() -> None:
    assert script_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    text = 'var a="é";\n'
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    assert script_hash(text) == f"'sha256-{digest}'"
    assert script_hash("a") != script_hash("a ")  # whitespace counts, as in browsers


def test_only_scripts_a_browser_runs_are_hashed() -> None:
    page = (
        "<head><script>one()</script><SCRIPT type='module'>two()</SCRIPT>"
        '<script type="application/ld+json">{"a": 1}</script>'
        '<script id="__config" type="application/json">{}</script>'
        '<script src="x.js"></script><script type="text/javascript" >three()</script></head>'
    )
    assert inline_scripts(page) == ["one()", "two()", "three()"]
    csp = policy(page, {"one()", "two()", "three()"})
    for text in ("one()", "two()", "three()"):
        assert script_hash(text) in csp
    assert script_hash('{"a": 1}') not in csp
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp


def test_protect_puts_the_policy_first_and_moves_table_alignment_to_classes() -> None:
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><script>go()</script></head>'
        '<body><table><tr><th style="text-align:right">n</th>'
        '<td colspan="2" style="text-align: center;">1</td></tr></table></body></html>'
    )
    out = protect(page, {"go()"})
    head = out[out.index("<head>") : out.index("<script>")]
    assert head.index('<meta charset="utf-8">') < head.index("Content-Security-Policy")
    assert '<meta name="referrer" content="no-referrer">' in head
    assert script_hash("go()") in head
    assert "style=" not in out
    assert '<th class="sp-align-right">' in out
    assert '<td colspan="2" class="sp-align-center">' in out
    with pytest.raises(ValueError):
        protect("<p>no head</p>")


def test_exit_url_is_per_language_with_a_site_wide_default(project: Path) -> None:
    from signpost.project import ConfigError, load_project

    config = project / "signpost.yml"
    raw = yaml.safe_load(config.read_text(encoding="utf-8"))
    raw["exit_url"] = "https://weather.example/"
    raw["languages"][1]["exit_url"] = "https://weather.example/es/?q=a&b=c"
    config.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    loaded = load_project(project)
    assert [lang.exit_url for lang in loaded.languages] == [
        "https://weather.example/",
        "https://weather.example/es/?q=a&b=c",
        "https://weather.example/",
    ]
    for bad in ("javascript:alert(1)", "/relative/", 'https://x.example/"onclick=', "weather"):
        raw["languages"][1]["exit_url"] = bad
        config.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
        with pytest.raises(ConfigError, match=r"languages\[1\]\.exit_url"):
            load_project(project)


# --- a site whose quick exit leads to a fake neutral site on loopback -------------------


class Destination:
    """The fake neutral site, on its own loopback port (so another origin than the site)."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                owner.seen.append(self.path)
                body = f"<!doctype html><title>Weather</title><p>Weather {self.path}</p>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, format: str, *args: object) -> None:
                """Quiet."""

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def destination() -> Iterator[Destination]:
    dest = Destination()
    yield dest
    dest.httpd.shutdown()


@pytest.fixture(scope="module")
def safe_site(tmp_path_factory: pytest.TempPathFactory, destination: Destination) -> Path:
    """The fixture project, with per-language exit destinations, Browsing safely and Privacy."""
    from signpost.build.build import build_site

    repo = Path(__file__).resolve().parent.parent
    root = make_project(tmp_path_factory.mktemp("safety"))
    config = root / "signpost.yml"
    raw = yaml.safe_load(config.read_text(encoding="utf-8"))
    # The fixture has no French; a fourth language with its own direction of text and
    # strings proves the exit in every language the curriculum ships.
    raw["languages"].insert(2, {"code": "fr", "name": "Français", "dir": "ltr",
                                "countries": ["CA", "EU"]})  # fmt: skip
    for lang in raw["languages"]:
        lang["exit_url"] = f"{destination.base}/{lang['code']}/"
    config.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    for name in ("safe-browsing", "privacy"):
        for suffix in ("", ".es", ".fr", ".ar"):
            source = repo / "docs" / f"{name}{suffix}.md"
            (root / "docs" / source.name).write_text(source.read_text(encoding="utf-8"))
    assert build_site(root, handouts=False) == 0
    return root / "site"


@pytest.fixture(scope="module")
def site_url(safe_site: Path) -> Iterator[str]:
    with serve(safe_site) as base:
        yield base


def _open(browser: Any, url: str, **context: Any) -> tuple[Any, Any, dict[str, list[str]]]:
    """A phone-sized page that records CSP violations, console errors and every request."""
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, **context)
    ctx.add_init_script(WATCH)
    page = ctx.new_page()
    seen: dict[str, list[str]] = {"requests": [], "console": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: seen["console"].append(m.text) if m.type == "error" else None)
    page.goto(url, wait_until="networkidle")
    return ctx, page, seen


def _clean(page: Any, seen: dict[str, list[str]], base: str) -> None:
    """No CSP violation, no CSP console error, no request beyond the site's own origin."""
    assert page.evaluate("window.__violations") == []
    assert [m for m in seen["console"] if "Content Security Policy" in m] == []
    assert [u for u in seen["requests"] if not u.startswith(base + "/")] == []


# --- CSP and referrer on every built page -----------------------------------------------


def _strict_policy_everywhere(site: Path) -> None:
    """Every HTML file: one policy, before any script, naming exactly its inline scripts."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    meta = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
    for path in pages:
        text = path.read_text(encoding="utf-8")
        found = meta.findall(text)
        assert len(found) == 1, path
        csp = dict(part.split(" ", 1) for part in found[0].split("; "))
        assert csp["default-src"] == "'self'" and csp["object-src"] == "'none'", path
        sources = csp["script-src"].split()
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, path
        assert set(sources) == {"'self'"} | {script_hash(s) for s in inline_scripts(text)}, path
        assert csp["style-src"] == "'self'", path
        assert not re.search(r"<[a-zA-Z][^<>]*\sstyle=", text), f"{path}: a style attribute"
        assert '<meta name="referrer" content="no-referrer">' in text, path
        first_script = text.find("<script")
        assert first_script == -1 or text.index("Content-Security-Policy") < first_script, path


def test_every_built_page_carries_a_strict_policy_and_no_referrer(safe_site: Path) -> None:
    _strict_policy_everywhere(safe_site)


def test_every_shipped_page_carries_a_strict_policy(shipped_site: Path) -> None:
    """The real curriculum, all four languages: its tables and pages hold no inline style."""
    _strict_policy_everywhere(shipped_site)


@pytest.mark.browser
def test_browser_agrees_with_the_hashes(browser, site_url: str) -> None:
    """Chromium names the hash it wanted for a blocked inline script: it must be ours."""
    ctx, page, seen = _open(browser, f"{site_url}/en/")
    assert page.evaluate("typeof __md_scope") == "object", "Material's hashed inline script ran"
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__injected = 1;'; document.body.append(s); }""")
    assert page.evaluate("window.__injected") is None, "an inline script without a hash is blocked"
    wanted = re.search(r"a hash \('(sha256-[^']+)'\)", " ".join(seen["console"]))
    assert wanted and f"'{wanted.group(1)}'" == script_hash("window.__injected = 1;")
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.browser
def test_every_page_type_loads_clean(browser, site_url: str, lang: str) -> None:
    """No CSP violation, no CSP console error, no third-party request; nothing stored."""
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    ctx.add_init_script(WATCH)
    page = ctx.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for path in PAGE_TYPES:
        page.goto(f"{site_url}/{lang}/{path}", wait_until="networkidle")
        assert page.evaluate("window.__violations") == [], path
        assert page.locator(".sp-exit__button").inner_text() == EXIT_LABEL[lang], path
    page.goto(f"{site_url}/{lang}/404.html", wait_until="networkidle")
    assert page.locator(".sp-exit__button").count() == 1
    assert page.evaluate("window.__violations") == []
    assert [m for m in errors if "Content Security Policy" in m] == []
    assert [u for u in requests if not u.startswith(site_url + "/")] == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    ctx.close()


@pytest.mark.browser
def test_search_filters_and_print_stay_within_the_policy(browser, site_url: str) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    ctx.add_init_script(WATCH)
    page = ctx.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site_url}/en/catalogue/", wait_until="networkidle")
    page.select_option("select[data-facet=audience]", "youth")
    page.select_option("select[data-facet=topic]", "disclosure")
    page.get_by_role("button", name="Clear filters").click()
    assert page.evaluate("window.__violations") == []
    page.goto(f"{site_url}/en/{LESSON}", wait_until="networkidle")
    page.keyboard.press("s")
    page.keyboard.type("secret")
    page.locator(".md-search-result__item").first.wait_for()
    page.emulate_media(media="print")
    assert not page.locator(".sp-exit").is_visible(), "the quick exit is not printed"
    assert page.evaluate("window.__violations") == []
    assert [u for u in requests if not u.startswith(site_url + "/")] == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    ctx.close()


# --- the quick exit ---------------------------------------------------------------------


def _seed_storage(page: Any) -> None:
    """What the theme would store if a feature were on: the exit must clear it all."""
    page.evaluate("""() => { localStorage.setItem('/en/.__palette', '{"index":1}');
        sessionStorage.setItem('/en/.__source', '{}'); }""")


def _left_cleanly(page: Any, destination: Destination, lang: str, came_from: str) -> None:
    """Hidden and emptied as it left; at the destination; Back skips the page that was left."""
    page.wait_for_url(f"{destination.base}/{lang}/")
    assert "Weather" in page.content()
    left = [unquote(c["value"]) for c in page.context.cookies() if c["name"] == "sp_left"]
    assert [json.loads(v) for v in left] == [{"display": "none", "stored": 0}], (
        "hidden and emptied in the same event"
    )
    page.go_back(wait_until="load")
    assert page.url == came_from, "Back returns to the page before, never the one left"
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.browser
def test_quick_exit_by_click(browser, site_url: str, destination: Destination, lang: str) -> None:
    before = f"{site_url}/{lang}/"
    ctx, page, seen = _open(browser, before)
    page.goto(f"{site_url}/{lang}/{LESSON}", wait_until="networkidle")
    _seed_storage(page)
    page.locator(".sp-exit__button").click()
    _left_cleanly(page, destination, lang, before)
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.browser
def test_quick_exit_by_shift_three_times(
    browser, site_url: str, destination: Destination, lang: str
) -> None:
    before = f"{site_url}/{lang}/catalogue/"
    ctx, page, seen = _open(browser, before)
    page.goto(f"{site_url}/{lang}/{LESSON}", wait_until="networkidle")
    _seed_storage(page)
    live = page.locator("[data-sp-exit-live]")
    dots = page.locator(".sp-exit__dots i.sp-on")
    page.keyboard.press("Shift")
    assert re.search(r"\b1\b", live.inner_text()) and dots.count() == 1
    assert page.locator(".sp-exit__dots").is_visible(), "a visible count, not only a spoken one"
    page.keyboard.press("Shift")
    assert re.search(r"\b2\b", live.inner_text()) and dots.count() == 2
    page.keyboard.press("Shift")
    _left_cleanly(page, destination, lang, before)
    ctx.close()


@pytest.mark.browser
def test_shift_with_other_keys_does_not_leave(browser, site_url: str) -> None:
    url = f"{site_url}/en/{LESSON}"
    ctx, page, seen = _open(browser, url)
    live = page.locator("[data-sp-exit-live]")
    for _ in range(3):
        page.keyboard.press("Shift+KeyA")  # typing capitals is not a quick exit
    assert live.inner_text() == ""
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("x")  # any other key starts the count again
    assert live.inner_text() == ""
    page.keyboard.press("Shift")
    assert re.search(r"\b1\b", live.inner_text())
    page.keyboard.down("Shift")  # Shift held while something else is pressed
    page.keyboard.press("Tab")
    page.keyboard.up("Shift")
    page.keyboard.press("Shift")
    assert re.search(r"\b1\b", live.inner_text())
    assert page.url == url and page.locator("main").is_visible()
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.browser
def test_quick_exit_is_early_sticky_and_clear_of_the_header(
    browser, site_url: str, lang: str
) -> None:
    ctx, page, seen = _open(browser, f"{site_url}/{lang}/{LESSON}")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the skip link, then the quick exit
    assert page.evaluate("document.activeElement.classList.contains('sp-exit__button')")
    button = page.get_by_role("link", name=EXIT_LABEL[lang])
    assert button.count() == 1
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("() => window.scrollY > 300")
    box = button.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 60, "still at the top after scrolling"
    assert box["width"] >= 24 and box["height"] >= 24
    bar = page.locator(".sp-exit").bounding_box()
    for control in page.locator(".md-header label.md-header__button, .md-header button").all():
        if control.is_visible():
            assert control.bounding_box()["y"] >= bar["y"] + bar["height"], "header not covered"
    assert page.locator(".sp-exit__safe").get_attribute("href").endswith("safe-browsing/")
    ctx.close()


def test_help_box_links_browsing_safely(safe_site: Path) -> None:
    text = (safe_site / "en" / LESSON / "index.html").read_text(encoding="utf-8")
    box = text[text.index('class="sp-help"') :]
    box = box[: box.index("</aside>")]
    assert 'href="../../safe-browsing/"' in box


# --- the language chooser ---------------------------------------------------------------


@pytest.mark.browser
def test_chooser_highlights_the_browser_language_and_never_redirects(
    browser, site_url: str, destination: Destination
) -> None:
    ctx, page, seen = _open(browser, f"{site_url}/", locale="es-MX")
    _clean(page, seen, site_url)
    assert page.url == f"{site_url}/"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('sp-exit__button')")
    suggested = page.locator(".sp-langs li.sp-suggested")
    assert suggested.count() == 1 and suggested.get_attribute("lang") == "es"
    assert "Tu navegador usa este idioma" in suggested.inner_text()
    for lang in LANGS:
        item = page.locator(f'.sp-langs li[lang="{lang}"]')
        assert item.locator("p").inner_text().strip(), "a sentence saying what the site is"
    assert page.locator('.sp-langs li[lang="ar"]').get_attribute("dir") == "rtl"
    # On a phone the reader's language comes first, and the exit bar speaks it.
    assert page.locator(".sp-langs > li").first.get_attribute("lang") == "es"
    bar = page.locator(".sp-exit")
    assert bar.get_attribute("lang") == "es"
    assert page.locator(".sp-exit__button").inner_text().strip() == "Salir de esta página"
    assert page.locator(".sp-exit__safe").get_attribute("href") == "es/safe-browsing/"
    _seed_storage(page)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(f"{destination.base}/es/")
    ctx.close()

    ctx, page, seen = _open(browser, f"{site_url}/", locale="ar-EG")
    assert page.locator(".sp-langs > li").first.get_attribute("lang") == "ar"
    assert page.locator(".sp-exit").get_attribute("dir") == "rtl"
    page.locator(".sp-exit__button").click()
    page.wait_for_url(f"{destination.base}/ar/")
    ctx.close()

    # Without JavaScript the list stays as built and the bar in the site's first language.
    ctx, page, seen = _open(browser, f"{site_url}/", locale="es-MX", java_script_enabled=False)
    assert page.locator(".sp-langs > li").first.get_attribute("lang") == "en"
    assert page.locator(".sp-exit__button").inner_text().strip() == "Exit this page"
    ctx.close()

    ctx, page, seen = _open(browser, f"{site_url}/", locale="de-DE")
    assert page.locator(".sp-langs li.sp-suggested").count() == 0
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(f"{destination.base}/en/")
    ctx.close()


def test_chooser_carries_the_policy(safe_site: Path) -> None:
    text = (safe_site / "index.html").read_text(encoding="utf-8")
    assert "script-src 'self';" in text, "the chooser has no inline script at all"
    assert '<meta name="referrer" content="no-referrer">' in text
    assert inline_scripts(text) == []


# --- the preview ------------------------------------------------------------------------


@pytest.mark.browser
def test_preview_reloads_without_breaking_the_policy(browser, project: Path) -> None:
    """`signpost serve` adds its reload script to built pages: as a file, not inline."""
    from test_serve import _get, _start, _until

    proc, port = _start(project)
    base = f"http://127.0.0.1:{port}"
    try:
        _until(lambda: "Spotting unsafe secrets" in _get(f"{base}/en/{LESSON}"), what="preview")
        ctx, page, seen = _open(browser, f"{base}/en/{LESSON}")
        _clean(page, seen, base)
        assert f"{base}/__signpost/reload.js" in seen["requests"]
        page.wait_for_function(
            "() => performance.getEntriesByName(location.origin + '/__signpost/version').length"
        )
        ctx.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


# --- the root 404 page ------------------------------------------------------------------


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """A host serving the whole site, as static hosts do: an address it lacks gets the
    site's own `404.html`, with status 404, whatever the address's depth."""

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not news."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.browser
def test_root_404_page_has_the_exit_and_every_home_page(browser, safe_site: Path) -> None:
    """Deep under a language, the host's 404 is the site's own: styled, within the policy,
    with the quick exit and a working link to each language's home page."""
    handler = functools.partial(_StaticHost, directory=str(safe_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        ctx, page, seen = _open(browser, f"{base}/es/lessons/no-such-lesson/plan/")
        assert page.locator(".sp-exit__button").inner_text() == EXIT_LABEL["en"]
        bar = page.locator(".sp-chooser__bar")
        assert bar.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)", (
            "the stylesheet loads from any depth"
        )
        _clean(page, seen, base)
        homes = page.locator(".sp-langs a")
        langs = homes.evaluate_all("links => links.map(a => a.hreflang)")
        assert langs == ["en", "es", "fr", "ar"]
        for lang in langs:
            page.goto(f"{base}/es/lessons/no-such-lesson/plan/")
            page.locator(f".sp-langs a[hreflang={lang}]").click()
            page.wait_for_url(f"{base}/{lang}/")
            assert page.locator("html").get_attribute("lang") == lang
        ctx.close()
    finally:
        httpd.shutdown()
