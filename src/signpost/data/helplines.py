"""Which help lines a reader sees, decided in one place for the web page and the printed sheet.

A language is not a country. Each edition names the countries its readers live in
(`countries:` in signpost.yml); every number is shown under its country's name, in the
reader's language. What a box lists depends on the reader: under-11s get their child line
first and nothing that names trafficking; teenagers get emergency, then a crisis or child
line. A service a lesson names in its text (988, the CyberTipline) is listed beside it
too, under its own country, so no page sends a reader to a number it does not print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..content.lessons import Lesson
from .hotlines import CHILDREN
from .model import Data, Hotline, Locale


@dataclass(frozen=True)
class CountryHelp:
    """One country's lines, as a box or a sheet shows them: under the country's name."""

    locale: Locale
    services: tuple[Hotline, ...]

    def name(self, lang: str, default: str) -> str:
        names = self.locale.names
        return names.get(lang) or names.get(default) or self.locale.code


def box_for(data: Data, audience: str, young: bool) -> tuple[str, ...]:
    """The purposes a reader's box shows, in order: the children's box for under-11s."""
    if young and CHILDREN in data.help_box:
        return data.help_box[CHILDREN]
    return data.help_box.get(audience, ())


def _mention_pattern(service: Hotline) -> re.Pattern[str] | None:
    words = sorted({*service.names.values(), *service.mentions}, key=len, reverse=True)
    words = [w for w in words if len(w) >= 3]
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def named(data: Data, text: str) -> list[Hotline]:
    """Every service, confirmed or not, that `text` names: by a name in any language or one
    of its `mentions` (a number such as 988, or a short name such as CyberTipline).
    Generic names ("Emergency") are not mentions: only names a reader could look up."""
    found = []
    for service in data.hotlines:
        if service.purpose == "emergency":
            continue
        pattern = _mention_pattern(service)
        if pattern is not None and pattern.search(text):
            found.append(service)
    return found


def help_for(
    data: Data,
    countries: Iterable[str],
    audience: str,
    young: bool = False,
    mentioned: Iterable[Hotline] = (),
    everything: bool = False,
) -> list[CountryHelp]:
    """The lines for each of an edition's countries, in its order, then any other country
    whose service the page names. `everything` (a host's pack) lists every confirmed
    service of those countries, emergency first."""
    order = {purpose: i for i, purpose in enumerate(box_for(data, audience, young))}
    groups: dict[str, list[Hotline]] = {}
    for code in countries:
        if code not in data.locales:
            continue
        confirmed = data.hotlines_for((code,))
        if everything:
            chosen = sorted(confirmed, key=lambda h: h.purpose != "emergency")
        else:
            chosen = sorted(
                (h for h in confirmed if h.purpose in order), key=lambda h: order[h.purpose]
            )
        groups[code] = chosen
    for service in mentioned:
        if not service.confirmed or service.locale not in data.locales:
            continue
        listed = groups.setdefault(service.locale, [])
        if service not in listed:
            listed.append(service)
    return [
        CountryHelp(data.locales[code], tuple(lines)) for code, lines in groups.items() if lines
    ]


def elsewhere(
    data: Data, countries: Iterable[str], audience: str = "community", young: bool = False
) -> list[CountryHelp]:
    """Every other country's emergency number and the first line its reader's box would
    give there: for a reader who is not where the edition expects."""
    skip = set(countries)
    order = {purpose: i for i, purpose in enumerate(box_for(data, audience, young))}
    out = []
    for code, locale in data.locales.items():
        if code in skip:
            continue
        services = sorted(
            (h for h in data.hotlines_for((code,)) if h.purpose in order),
            key=lambda h: order[h.purpose],
        )
        emergency = [h for h in services if h.purpose == "emergency"][:1]
        main = [h for h in services if h.purpose != "emergency"][:1]
        if emergency or main:
            out.append(CountryHelp(locale, tuple(emergency + main)))
    return out


def young_reader(lesson: Lesson | None) -> bool:
    """Readers under 11 get the children's box and neutral labels: their lessons never name
    trafficking."""
    return bool(lesson and lesson.ages and lesson.ages[0] < 11)


def lesson_text(lesson: Lesson, lang: str, default: str) -> str:
    """Everything a reader of `lang` sees of a lesson: page, plan and handout."""
    text = lesson.texts.get(lang) or lesson.texts[default]
    parts = [text.title, text.summary, *text.objectives, *text.warning_signs]
    return "\n".join([*parts, text.content_note or "", text.body])


def for_lesson(
    data: Data, countries: Iterable[str], lesson: Lesson, lang: str, default: str
) -> list[CountryHelp]:
    """A lesson's help, page and sheet alike: its readers' box for each country, and every
    service the lesson names, with its number."""
    young = young_reader(lesson)
    mentioned = named(data, lesson_text(lesson, lang, default))
    return help_for(data, countries, lesson.audience, young, mentioned)
