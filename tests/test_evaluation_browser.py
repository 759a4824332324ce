"""The self-check in a real browser, in every language, with JavaScript on and off: a reader
picks an answer and learns whether it was right and why; nothing is stored or sent, and the
page still passes axe, its Content-Security-Policy and a keyboard walk."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from chromium import serve
from conftest import make_evaluation_project
from test_accessibility import tab_through, violations

pytestmark = pytest.mark.browser

LANGS = ["en", "es", "fr", "ar"]
WRONG = {
    "en": "Not quite.",
    "es": "No es esa.",
    "fr": "Pas tout à fait.",
    "ar": "ليست هذه الإجابة.",
}
RIGHT = {"en": "That's right.", "es": "¡Correcto!", "fr": "C'est juste.", "ar": "إجابة صحيحة."}
# Question 2's right choice and its why, as each translation words them.
SECRET = {
    "en": "An unsafe secret",
    "es": "Un secreto inseguro",
    "fr": "Un secret dangereux",
    "ar": "سر غير آمن",
}
WHY = {"en": "is not safe", "es": "no es seguro", "fr": "n'est pas sûr", "ar": "ليس آمنًا"}


@pytest.fixture(scope="module")
def eval_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from signpost.build.build import build_site

    root = make_evaluation_project(tmp_path_factory.mktemp("evaluation"))
    assert build_site(root, handouts=False) == 0
    with serve(root / "site") as base:
        yield base


def _open(browser, base: str, lang: str, js: bool, **options):
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, java_script_enabled=js, **options
    )
    page = context.new_page()
    page.goto(f"{base}/{lang}/lessons/spotting-secrets/")
    return context, page


@pytest.mark.parametrize("lang", LANGS)
def test_picking_an_answer_says_right_or_wrong_and_why(browser, eval_server: str, lang: str):
    context, page = _open(browser, eval_server, lang, js=True)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.wait_for_load_state("networkidle")
    requests: list[str] = []  # from here on, what the reader's answers cause
    page.on("request", lambda r: requests.append(r.url))
    second = page.locator(".sp-question").nth(1)
    buttons = second.locator("button.sp-choice")
    assert buttons.count() == 3, "each choice is a real button"
    assert not second.locator("details.sp-answer").is_visible(), "the answer waits for a pick"
    feedback = second.locator(".sp-feedback")
    assert feedback.get_attribute("aria-live") == "polite"

    buttons.nth(0).click()
    said = feedback.inner_text()
    assert said.startswith(WRONG[lang]) and SECRET[lang] in said and WHY[lang] in said, said
    assert buttons.nth(0).get_attribute("aria-pressed") == "true"
    assert page.evaluate("document.activeElement.textContent") == buttons.nth(0).inner_text()

    buttons.nth(1).click()
    said = feedback.inner_text()
    assert said.startswith(RIGHT[lang]) and WHY[lang] in said, said
    assert buttons.nth(0).get_attribute("aria-pressed") == "false"

    true_false = page.locator(".sp-question").nth(2).locator("button.sp-choice")
    assert true_false.count() == 2
    true_false.nth(1).click()  # "False": the statement is true
    assert (
        page.locator(".sp-question")
        .nth(2)
        .locator(".sp-feedback")
        .inner_text()
        .startswith(WRONG[lang])
    )
    stored = page.evaluate("localStorage.length + sessionStorage.length")
    cookies = context.cookies()
    assert (stored, cookies, requests) == (0, [], []), "nothing stored, nothing sent"
    assert not [e for e in errors if "Content Security Policy" in e], errors
    if lang == "ar":
        direction = page.evaluate(
            "getComputedStyle(document.querySelector('.sp-self-check')).direction"
        )
        assert direction == "rtl"
        first, ask = buttons.nth(0).bounding_box(), second.locator(".sp-ask").bounding_box()
        edge = ask["x"] + ask["width"]
        assert abs(first["x"] + first["width"] - edge) < 2, "the first choice starts at the right"
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_each_answer_is_behind_a_disclosure(
    browser, eval_server: str, lang: str
):
    context, page = _open(browser, eval_server, lang, js=False)
    second = page.locator(".sp-question").nth(1)
    assert page.locator("button.sp-choice").count() == 0
    assert second.locator(".sp-choices li").count() == 3
    why = second.locator(".sp-why")
    assert not why.is_visible()
    second.locator("details.sp-answer > summary").click()
    assert why.is_visible() and WHY[lang] in why.inner_text()
    assert SECRET[lang] in second.locator(".sp-key").inner_text()
    context.close()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_self_check_passes_axe(browser, axe, eval_server: str, lang: str, js: bool):  # noqa: F811
    """axe needs script, so "no JavaScript" is the page with the self-check's script refused."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, bypass_csp=True)
    if not js:
        context.route("**/assets/self-check.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(f"{eval_server}/{lang}/lessons/spotting-secrets/")
    if js:  # audit it as a reader leaves it: one answer picked, its feedback showing
        page.locator(".sp-question").nth(1).locator("button.sp-choice").nth(0).click()
    else:
        assert page.locator("button.sp-choice").count() == 0
        page.locator("details.sp-answer > summary").nth(0).click()
    assert violations(axe, page) == []
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_keyboard_reaches_every_choice_with_a_visible_focus(
    browser, eval_server: str, lang: str
):
    context, page = _open(browser, eval_server, lang, js=True)
    stops = {f"choice {i}": f".sp-question:nth-child({i}) button.sp-choice" for i in (1, 2, 3)}
    reached, problems = tab_through(page, stops)
    assert problems == [] and reached == set(stops), (reached, problems)
    page.focus(".sp-question:nth-child(2) button.sp-choice")
    page.keyboard.press("Enter")
    assert (
        page.locator(".sp-question:nth-child(2) .sp-feedback").inner_text().startswith(WRONG[lang])
    )
    assert page.evaluate("document.activeElement.classList.contains('sp-choice')")
    context.close()
