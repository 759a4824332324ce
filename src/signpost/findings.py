"""Findings: every problem Signpost reports, with one registry of messages and hints.

A check never prints. It records findings by code; the registry supplies the
message template and the hint, so adding a check means one function and one entry
here. One formatter prints findings plainly or as CI annotations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class CheckInfo:
    message: str
    hint: str
    severity: Severity = Severity.ERROR
    fixed: bool = False
    """A site cannot downgrade it: the build could not survive what it finds."""


DOCS = "docs/authoring.md"

REGISTRY: dict[str, CheckInfo] = {
    "encoding": CheckInfo(
        "file is not valid UTF-8 (byte {position})",
        "Save the file as UTF-8 in your editor (File > Save with encoding > UTF-8).",
    ),
    "empty-file": CheckInfo(
        "file is empty",
        f"A lesson needs a front matter header and a body; `signpost new` writes one. See {DOCS}.",
    ),
    "front-matter": CheckInfo(
        "{problem}",
        "Start the file with a line `---`, the YAML header, then another `---` line.",
    ),
    "yaml-syntax": CheckInfo(
        "broken YAML in the header: {problem}",
        'Check indentation and quote values that contain a colon, e.g. title: "Gifts: a trap".',
    ),
    "missing-key": CheckInfo(
        "missing required key `{key}`",
        f"Add `{{key}}:` to the header. See the table in {DOCS}.",
    ),
    "unknown-key": CheckInfo(
        "unknown key `{key}`{suggestion}",
        "Only the keys in the authoring guide are allowed; check the spelling.",
    ),
    "wrong-type": CheckInfo(
        "`{key}` {problem}",
        f"See the table in {DOCS} for what each key expects.",
    ),
    "untranslatable-key": CheckInfo(
        "`{key}` cannot be set in a translation",
        "A translation repeats only title, summary, objectives, warning_signs and content_note; "
        "it inherits the rest from index.md.",
    ),
    "unknown-audience": CheckInfo(
        "unknown audience `{value}`{suggestion}",
        "Use one of: youth, teachers, community.",
    ),
    "unknown-topic": CheckInfo(
        "unknown topic `{value}`{suggestion}",
        "Use one of: {topics}. A new topic goes in data/topics.yml first, with a label in "
        "every language.",
    ),
    "misspelled-key": CheckInfo(
        "`{key}` looks like a misspelling of `{expected}`",
        "Rename the key to `{expected}`.",
    ),
    "ages-adult": CheckInfo(
        "`ages` is only for youth lessons; this lesson is for {audience}",
        "Delete the `ages:` line: lessons for adults have no age band.",
    ),
    "topic-label": CheckInfo(
        "topic `{topic}` has no `{lang}` label, so {lang} pages show it in {fallback}",
        "Add `{lang}: ...` to its `label:` in data/topics.yml.",
        Severity.WARNING,
    ),
    "phone-number": CheckInfo(
        "`{number}` looks like a phone number that is not in data/hotlines.yml",
        "Numbers belong in data/hotlines.yml, with a source and the date checked, so every "
        "page shows the same, checked number; point readers to the help box or Get help.",
        Severity.WARNING,
    ),
    "ages": CheckInfo(
        "{problem}",
        "Write ages as MIN-MAX with 5 <= MIN <= MAX <= 99, e.g. `ages: 11-13`.",
    ),
    "lesson-id": CheckInfo(
        "lesson folder `{value}` is not a valid lesson id",
        "Rename the folder with lowercase letters, digits and hyphens only, e.g. `online-friends`.",
    ),
    "block-unclosed": CheckInfo(
        "`{fence} {name}` block is never closed",
        "End the block with a line holding only `{fence}`.",
    ),
    "block-stray-close": CheckInfo(
        "`{fence}` closes a block that was never opened",
        "Remove the line, or add the opening line such as `/// facilitator`.",
    ),
    "block-unknown": CheckInfo(
        "unknown block `{name}`{suggestion}",
        "Lessons use four blocks: facilitator, activity, handout, and cards inside an activity.",
    ),
    "block-option": CheckInfo(
        "`{name}` block: {problem}",
        "An activity looks like `/// activity | Title` followed by `    minutes: 20` (4 spaces).",
    ),
    "cards-outside-activity": CheckInfo(
        "a `cards` block outside an activity prints nowhere",
        "Put `//// cards` (four slashes) inside the `/// activity` that uses the cards.",
    ),
    "cards-format": CheckInfo(
        "`cards` block: {problem}",
        "Write one card per list item (`- text`), optionally starting with its pile: "
        f"`- [Red flag] text`, piles declared as `    sort: [Red flag, Probably OK]`. See {DOCS}.",
    ),
    "card-empty": CheckInfo(
        "card {number} has no text",
        "Write the card's words after the `-`, or remove the empty item.",
    ),
    "card-too-long": CheckInfo(
        "card {number} has {length} characters; a card holds at most {limit}",
        "Shorten the card, or split it into two cards; the rest can go in the activity's text.",
    ),
    "card-category": CheckInfo(
        "card {number}: `[{category}]` is not one of this activity's piles{suggestion}",
        "Use a pile from the block's `sort:` line, spelled the same, or add the pile there.",
    ),
    "cards-mismatch": CheckInfo(
        "{problem} (the source `{source}` {expected})",
        "A translation declares the same cards, in the same activities, as its source: "
        "translate each card, keep their order and count, and use the translated pile names.",
    ),
    "duration-mismatch": CheckInfo(
        "activity minutes add up to {total}, but duration is {duration}",
        "Change `duration:` or the `minutes:` of the activities so that they agree.",
    ),
    "optional-edge": CheckInfo(
        "activity `{title}` is the lesson's {which} activity, which cannot be optional",
        "The first activity (welcome, ground rules, content note) and the last (the close, "
        "with where to get help) run in every version of a lesson, and a seminar pack's "
        "welcome and close stand in for them. Delete its `optional: true` line.",
    ),
    "optional-mismatch": CheckInfo(
        "activity {n} (`{title}`) is {here} here but {there} in {source}",
        "A translation marks the same activities `optional: true` as its source, so the "
        "short version is the same lesson in every language. Copy the source's option lines.",
    ),
    "orphan-translation": CheckInfo(
        "translation has no default-language file {expected}",
        "Create the English index.md first, or rename this file if the folder name is wrong.",
    ),
    "unknown-language": CheckInfo(
        "`{lang}` is not a configured language",
        "Add the language to `languages:` in signpost.yml, or fix the file name.",
    ),
    "broken-link": CheckInfo(
        "link to missing page `{target}`",
        "Link lessons as ../<lesson-id>/index.md and site pages as ../../<page>.md.",
    ),
    "image-alt": CheckInfo(
        "image `{target}` has no alt text",
        "Describe what the image shows: ![Two friends on a bench](bench.png).",
    ),
    "unsafe-html": CheckInfo(
        "{reason}: `{snippet}`",
        "Signpost keeps plain, safe HTML and https:, mailto:, tel: and sms: links only, and "
        "removes the rest from the page; write it in Markdown instead (docs/authoring.md).",
    ),
    "tel-link": CheckInfo(
        "{reason}: `{snippet}`",
        "A phone link must dial the number it shows, or a number from data/hotlines.yml; "
        "the build removes any other.",
    ),
    "directive": CheckInfo(
        "unknown page directive `{value}`",
        "A directive line is one of {known}.",
    ),
    "reading-level": CheckInfo(
        "student text reads at grade {grade:.1f}, above the target of {target} for {band}",
        "Use shorter sentences and everyday words; `signpost check --verbose` shows each grade.",
    ),
    "not-reviewed": CheckInfo(
        "this lesson has not been reviewed yet (no `reviewed:` date)",
        "Two reviewers read it first (see docs/contributing.md); then add "
        "`reviewed: YYYY-MM-DD`. Until then --strict, and so CI, will not publish it.",
        Severity.WARNING,
    ),
    "placeholder": CheckInfo(
        "skeleton text still here: \u201c{text}\u201d",
        "Replace the text `signpost new` wrote with your own before publishing.",
        Severity.WARNING,
    ),
    "review-stale": CheckInfo(
        "last reviewed {reviewed}, {months} months ago",
        "Review the lesson against its sources, then update `reviewed:`.",
        Severity.WARNING,
    ),
    "avoid-term": CheckInfo(
        "avoid \u201c{term}\u201d; write \u201c{replacement}\u201d",
        "Person-first language keeps the focus on people, not labels (data/avoid/<lang>.yml).",
    ),
    "spelling": CheckInfo(
        "write \u201c{replacement}\u201d, not \u201c{term}\u201d",
        "Each edition keeps to one spelling (the English one is US English); "
        "the forms to avoid are in data/spelling/{lang}.yml.",
        Severity.WARNING,
    ),
    "summary-third-person": CheckInfo(
        "this youth summary talks about its readers (\u201c{phrase}\u201d) instead of to them",
        "Students read the summary on their own page: speak to them, e.g. "
        "\u201cFind out how\u2026\u201d. Keep teacher wording for the objectives.",
        Severity.WARNING,
    ),
    "source-https": CheckInfo(
        "no source has an https:// URL",
        "Add at least one source from a recognised organisation with an https:// link.",
    ),
    "review-unnamed": CheckInfo(
        "`translation_reviewed` says who approved this translation without naming them",
        "Add `reviewed_by:` with the fluent speaker's name, or remove the date: an approval "
        "nobody can be asked about is worth nothing. A checklist pass by someone else is "
        "`translation_checked:`.",
    ),
    "review-undated": CheckInfo(
        "`reviewed_by` without `translation_reviewed`",
        "Add the date of the approval, `translation_reviewed: YYYY-MM-DD`.",
    ),
    "review-untranslated-by": CheckInfo(
        "an approved translation does not say who translated it",
        "Add `translated_by:`, so anyone can see the approval is someone else's.",
    ),
    "review-by-translator": CheckInfo(
        "`{name}` both translated and approved this translation",
        "A review by the writer is not a review: ask a fluent speaker who did not translate "
        "it, and set `reviewed_by` to their name.",
    ),
    "character-reused": CheckInfo(
        "`{name}` is a character of `{lesson}`; each name belongs to one lesson",
        "A reader who met {name} in one story should not meet another {name} in a different "
        "role or age: rename this character, and add the new name to data/characters.yml.",
    ),
    "character-lesson": CheckInfo(
        "characters are registered for `{lesson}`, which is not a lesson",
        "Use the lesson's folder name, or remove the entry.",
        Severity.WARNING,
    ),
    "help-country": CheckInfo(
        "the `{lang}` edition targets `{country}`, which data/hotlines.yml does not list under "
        "`locales:`",
        "Add the country under `locales:` with its emergency number and help lines, or remove "
        "it from `countries:`.",
    ),
    "help-missing": CheckInfo(
        "the `{lang}` edition's `{box}` help box has no {need} for `{country}`",
        "Every country an edition targets needs its emergency number, and young readers a "
        "crisis or child line right after it: add a confirmed service to data/hotlines.yml "
        "(with its source) or its purpose to `help_box:`, or stop targeting the country.",
    ),
    "site-url": CheckInfo(
        "`site_url` {problem}, so handouts, lesson plans and packs print no QR code and no "
        "web address",
        "Set `site_url:` to the https:// address the site is served at before you print or "
        "publish (or give it as --site-url where the site is deployed): each sheet's QR code "
        "then takes its reader back to the page online. Until then --strict, and so CI, will "
        "not publish.",
        Severity.WARNING,
    ),
    "help-unconfirmed": CheckInfo(
        "names `{name}`, whose number is not confirmed, so no help box can list it",
        "Confirm the number on the service's own page and set `status: confirmed` in "
        "data/hotlines.yml, or name a service whose number the page can print.",
    ),
    "hotline-stale": CheckInfo(
        "hotline `{name}` was last checked {checked}, over 12 months ago",
        "Call or visit the service's page, confirm the details, then update `checked:`.",
        Severity.WARNING,
    ),
    "data-file": CheckInfo(
        "{problem}",
        "Fix the data file; its layout is described in the comment at its top.",
    ),
    "strings-from-engine": CheckInfo(
        "the engine's `{lang}` wording is used for strings this file lacks: `{key}`",
        "Your file was copied before the engine added them. Add them to it in your own "
        "wording, or delete the file to follow the engine's wording for every string.",
        Severity.WARNING,
    ),
    "setting-renamed": CheckInfo(
        "`{old}` is now called `{new}`; its value is still read",
        "Rename `{old}:` to `{new}:` on this line (see CHANGELOG.md, 0.4.0).",
        Severity.WARNING,
    ),
    "former-engine-copy": CheckInfo(
        "an unchanged copy of the engine's `{name}` from before 0.4: it hides the engine's "
        "current file",
        "The engine ships `{name}` since 0.4 and keeps it up to date: delete {file}. "
        "To change the engine's file, copy today's and edit it (see ADOPTING.md).",
        Severity.WARNING,
    ),
    "string-missing": CheckInfo(
        "interface strings not translated into `{lang}`, shown in English: `{key}`",
        "Add the keys to data/strings/{lang}.yml.",
        Severity.WARNING,
    ),
    "invisible-character": CheckInfo(
        "invisible {char} can make text read differently from what it is",
        "Delete it (your editor may show it as nothing at all). If {lang} spelling needs it, "
        "add it to that language's `allowed_characters` in signpost.yml.",
    ),
    "control-character": CheckInfo(
        "a header value holds the control character {char}",
        "Remove the escape (such as `\\f` or `\\x1b`) from the quoted value: control "
        "characters can end the text early in a page or a printed handout and show other text.",
    ),
    "control-in-text": CheckInfo(
        "the text holds the control character {char}",
        "Delete it (your editor may show it as nothing at all, or as a box): control "
        "characters are dropped from the page or shown as other text.",
    ),
    "markup-in-text": CheckInfo(
        "`{key}` is plain text, but holds markup `{snippet}`",
        "Header fields and block titles are shown exactly as typed; remove the markup.",
    ),
    "page-key": CheckInfo(
        "`{key}` cannot be set in a site page's header{suggestion}",
        "A site page's header sets only title, description and hide. Templates, scripts and "
        "other theme settings are configuration: ask a maintainer (overrides/, mkdocs.yml).",
    ),
    "page-value": CheckInfo(
        "`{key}` {problem}",
        "`title` and `description` are one line of plain text; `hide` lists some of: "
        "navigation, toc, footer, path, tags, feedback.",
    ),
    "symlink": CheckInfo(
        "symbolic link (to `{target}`) in content",
        "Content must be real files inside the project: a link could publish a file from the "
        "build machine. Copy the file in instead.",
    ),
    "tracked-state": CheckInfo(
        "git tracks this file, which only a build writes (a cache, `.venv`, `site/`, bytecode)",
        "Builds keep their state outside the project and never read it from a checkout. "
        "Remove it with `git rm -r --cached <path>` and find out who committed it.",
    ),
    "file-name": CheckInfo(
        "file name `{name}` holds characters other than letters, digits, `.`, `_` and `-`",
        "A file's name becomes part of an address, the sitemap and the offline zip; rename "
        "it with plain letters, digits, hyphens and underscores (e.g. `q-and-a.md`).",
    ),
    "asset-type": CheckInfo(
        "`{suffix}` files are not published",
        "A lesson or site page may carry images and PDFs ({allowed}); an .html or .svg file "
        "could run a script on the site. Export the picture as PNG.",
    ),
    "file-size": CheckInfo(
        "file is {size} KB, over the limit of {limit} KB",
        "Split the lesson, or shrink the image; students read on slow, metered phones.",
    ),
    "glyph": CheckInfo(
        "`{char}` ({point} {name}) in this `{lang}` lesson has no glyph in the handout fonts",
        "It would print as an empty box. Use another character, or bundle a font that "
        "covers it in src/signpost/handouts/fonts/ (see the README there).",
    ),
    "pack-lesson": CheckInfo(
        "pack `{pack}` names unknown lesson `{value}`{suggestion}",
        "List lesson folder names from lessons/ under the pack's `lessons:`.",
    ),
    "pack-fit": CheckInfo(
        "pack `{pack}` {reason}",
        "Give the pack more `minutes:`, shorter breaks, fewer lessons, or mark more activities "
        "`optional: true` in its lessons (never the first or the last). Lessons run their core "
        "version when time is short; see docs/host-guide.md.",
        fixed=True,
    ),
    "question-format": CheckInfo(
        "{problem}",
        "A question has `ask:`, `choices:` (2 to 4), `answer:`, `why:` and `objective:`; "
        f"a true-false one has `type: true-false` and no choices. See {DOCS}.",
    ),
    "question-count": CheckInfo(
        "the lesson has {n} questions; it needs {low} to {high}",
        "Ask at least one question per objective, and few enough to answer in five minutes.",
    ),
    "question-answer": CheckInfo(
        "{problem}",
        "`answer:` is the number of the right choice, counting from 1 (`answer: 2` is the "
        "second); for `type: true-false` it is `true` or `false`.",
    ),
    "question-objective": CheckInfo(
        "question {n}'s `objective: {value}` is not one of the lesson's {count} objectives",
        "`objective:` is the number of the objective the question measures, counting from 1 "
        "in the `objectives:` list.",
    ),
    "question-mismatch": CheckInfo(
        "{problem}",
        "A translation rewords `ask`, `choices` and `why`, and keeps the source's questions in "
        "the same order with the same `type`, `answer`, `objective` and number of choices.",
    ),
    "objective-untested": CheckInfo(
        "objective {n} has no question that measures it",
        "Add a question with `objective: {n}`, so the before/after questionnaire shows whether "
        "the lesson taught it.",
        Severity.WARNING,
    ),
    "tally-encoding": CheckInfo(
        "file is not valid UTF-8 (byte {position})",
        "Save the tally as CSV UTF-8 (in a spreadsheet: Save as > CSV UTF-8).",
    ),
    "tally-empty": CheckInfo(
        "the tally has no sessions",
        "Write one line per session: lesson, language, date, group_size, then the counts.",
    ),
    "tally-lesson": CheckInfo(
        "unknown lesson `{value}`{suggestion}",
        "The first column is the lesson id printed on the tally sheet (a folder name in "
        "lessons/), for a lesson that has questions.",
    ),
    "tally-columns": CheckInfo(
        "line has {got} columns; lesson `{lesson}` has {n} questions, so it needs {want}",
        "lesson, language, date, group_size, then before_1 to before_{n}, then after_1 to "
        "after_{n}: the columns printed at the bottom of the lesson's tally sheet.",
    ),
    "tally-language": CheckInfo(
        "unknown language `{value}`",
        "The second column is the language code printed on the tally sheet: one of {codes}.",
    ),
    "tally-date": CheckInfo(
        "`{value}` is not a date written YYYY-MM-DD",
        "Write the session's date like 2026-12-03.",
    ),
    "tally-number": CheckInfo(
        "`{column}` is `{value}`, not a whole number",
        "Counts are whole numbers from 0: how many sheets had the right answer.",
    ),
    "tally-group": CheckInfo(
        "group_size is {value}; a tally sheet counts a group of 1 to {most}",
        "Write how many people answered; split a bigger group over two lines.",
    ),
    "tally-over": CheckInfo(
        "`{column}` is {value}, more than the group of {size}",
        "A count of right answers cannot exceed group_size; check the tally sheet.",
    ),
    "translation-unmarked": CheckInfo(
        "translation was never marked as matching its source",
        "When it matches the current source, run "
        "`signpost translations --mark-current {lesson} {lang}`; "
        "`signpost translations --diff {lesson} {lang}` shows later changes.",
        Severity.WARNING,
    ),
    "translation-stale": CheckInfo(
        "translation is stale: the English source changed since it was translated",
        "See what changed with `signpost translations --diff {lesson} {lang}`, update the "
        "translation, then run `signpost translations --mark-current {lesson} {lang}`.",
        Severity.WARNING,
    ),
    "markdown-depth": CheckInfo(
        "Markdown nested {depth} levels deep, over the limit of {limit}",
        "Split this list, quote, admonition, block or `<div markdown>` into flatter parts: "
        "deeper nesting crashes the Markdown engine and no reader can follow it.",
        fixed=True,
    ),
    "markdown-rescan": CheckInfo(
        "{what} make Markdown read this text {cost} characters' worth, over {limit}",
        "Close every [ with ] and ( with ), write \\[ for a bracket meant as text, put a "
        "blank line around headings and rules, and split long paragraphs.",
        fixed=True,
    ),
    "markdown-count": CheckInfo(
        "more than {limit} {what} on one page",
        "Split the page: each of these makes the build slower for every one after it.",
        fixed=True,
    ),
}


# Line breaks and other control characters from a file (a snippet, a key) are written as
# escapes, so a finding stays one line and no file can print a finding of its own.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _shown(value: str) -> str:
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), value)


@dataclass(frozen=True)
class Finding:
    """One problem at one place; `line` is 1-based and counts the front matter."""

    path: str
    line: int
    code: str
    message: str
    hint: str
    severity: Severity


@dataclass
class Report:
    """Collects findings from every phase; severities may be overridden by config."""

    overrides: dict[str, Severity] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    verbose: list[str] = field(default_factory=list)

    def add(
        self,
        code: str,
        path: str,
        line: int,
        *,
        severity: Severity | None = None,
        **values: object,
    ) -> None:
        """Record a finding; config beats the check's own severity, which beats the default."""
        info = REGISTRY[code]
        values = {k: _shown(v) if isinstance(v, str) else v for k, v in values.items()}
        severity = severity or info.severity
        severity = severity if info.fixed else self.overrides.get(code, severity)
        self.findings.append(
            Finding(
                path=path,
                line=max(line, 1),
                code=code,
                message=info.message.format(**values),
                hint=info.hint.format(**values),
                severity=severity,
            )
        )

    def note(self, text: str) -> None:
        """Record a line for `--verbose` output (measurements, not problems)."""
        self.verbose.append(text)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (f.path, f.line, f.code))


def format_finding(finding: Finding, style: str = "plain") -> str:
    """`path:line: CODE message` then the hint; `github` emits a workflow annotation."""
    if style == "github":
        kind = "error" if finding.severity is Severity.ERROR else "warning"
        return (
            f"::{kind} file={finding.path},line={finding.line},title={finding.code}::"
            f"{finding.message} ({finding.hint})"
        )
    label = finding.code if finding.severity is Severity.ERROR else f"{finding.code} (warning)"
    return f"{finding.path}:{finding.line}: {label} {finding.message}\n    hint: {finding.hint}"


def format_report(report: Report, style: str = "plain") -> str:
    lines = [format_finding(f, style) for f in report.sorted()]
    errors, warnings = len(report.errors), len(report.warnings)
    lines.append(f"signpost: {errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


class SignpostError(Exception):
    """Raised by the core when input is unusable; carries the report that explains why."""

    def __init__(self, report: Report, summary: str = "validation failed") -> None:
        super().__init__(summary)
        self.report = report
