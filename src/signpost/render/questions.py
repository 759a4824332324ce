"""A lesson's questions on its two pages: the student's self-check and the plan's
before/after list.

The self-check works without JavaScript: each question's answer and why sit behind a
`<details>`. `theme/assets/self-check.js` turns the choices into buttons that say at once
whether the pick was right, through a polite live region; nothing is stored or sent.
"""

from __future__ import annotations

from ..content.lessons import Lesson, LessonText
from ..data.strings import Strings
from ..evaluation.questions import TRUE_FALSE, Question
from .pageset import PageSet, esc, inert


def labels(t: Strings, question: Question) -> list[str]:
    """The choices a reader sees: a true-false question's are True and False."""
    if question.kind == TRUE_FALSE:
        return [t("answer_true"), t("answer_false")]
    return list(question.choices)


def young(lesson: Lesson) -> bool:
    """A lesson for 8-10 year olds gets the simpler wording (and, on paper, a reader)."""
    return lesson.ages is not None and lesson.ages[1] <= 10


def _lang(pages: PageSet, code: str) -> str:
    language = pages.project.language(code)
    return f' lang="{language.code}" dir="{language.dir}"'


def self_check(pages: PageSet, lesson: Lesson, text: LessonText, ui: str) -> str:
    """The self-check section, or '' for a lesson without questions. `ui` marks interface
    text inside an untranslated lesson; questions a translation lacks are marked as the
    source's language."""
    if not text.questions:
        return ""
    t = pages.t
    theirs = text.questions_lang and text.questions_lang != text.lang
    qa = _lang(pages, text.questions_lang) if theirs else ""
    intro = t("self_check_intro_young" if young(lesson) else "self_check_intro")
    items = []
    for n, question in enumerate(text.questions, 1):
        shown = labels(t, question)
        own = ui if question.kind == TRUE_FALSE else qa
        right = ' class="sp-right"'
        choices = "".join(
            f"<li{right if i == question.right else ''}{own}>{esc(label)}</li>"
            for i, label in enumerate(shown)
        )
        key = t("self_check_answer", answer=shown[question.right])
        items.append(
            f'<li class="sp-question">\n'
            f'<p class="sp-ask" id="sp-q{n}"{qa}>{esc(question.ask)}</p>\n'
            f'<ul class="sp-choices" aria-labelledby="sp-q{n}">{choices}</ul>\n'
            f'<details class="sp-answer"><summary{ui}>{esc(t("self_check_show"))}</summary>\n'
            f'<p class="sp-key"{ui}><strong>{esc(key)}</strong></p>\n'
            f'<p class="sp-why"{qa}>{esc(question.why)}</p>\n</details>\n'
            f'<p class="sp-feedback" aria-live="polite"></p>\n</li>\n'
        )
    attrs = f" {{:{ui} }}" if ui else ""
    return (
        f"## {inert(t('self_check_heading'))}{attrs}\n\n"
        f'<div class="sp-self-check">\n<p{ui}>{esc(intro)}</p>\n'
        f'<ol class="sp-questions">\n{"".join(items)}</ol>\n'
        f'<p class="sp-says-right" hidden{ui}>{esc(t("self_check_right"))}</p>\n'
        f'<p class="sp-says-wrong" hidden{ui}>{esc(t("self_check_wrong"))}</p>\n</div>\n\n'
    )


def plan_questions(pages: PageSet, text: LessonText, heading_attrs: str, para_attrs: str) -> str:
    """The plan's list: when to ask, then each question with its choices, the answer in
    bold, why, and the objective it measures."""
    if not text.questions:
        return ""
    t = pages.t
    out = [
        f"## {inert(t('plan_questions_heading'))}{heading_attrs}\n\n",
        f"{inert(t('plan_questions_when'))}{para_attrs}\n\n",
    ]
    for n, question in enumerate(text.questions, 1):
        shown = labels(t, question)
        choices = "".join(
            f"    - **{inert(label)}**\n" if i == question.right else f"    - {inert(label)}\n"
            for i, label in enumerate(shown)
        )
        # A translation's objectives are not held to the source's count; the number stands.
        at = question.objective - 1
        objective = text.objectives[at] if at < len(text.objectives) else ""
        out.append(
            f"{n}. {inert(question.ask)}\n\n{choices}\n"
            f"    {inert(t('self_check_answer', answer=shown[question.right]))}. "
            f"{inert(question.why)}\n\n"
            f"    *{inert(t('plan_question_measures', n=question.objective))}:* "
            f"{inert(objective)}\n\n"
        )
    return "".join(out)
