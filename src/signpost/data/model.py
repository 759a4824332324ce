"""What the data files hold once read: the types every other module sees."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..findings import Severity
from .agenda import Timing

PURPOSES = (
    "emergency",
    "child",
    "crisis",
    "trafficking",
    "child-online",
    "missing-children",
    "police",
    "tips",
)


@dataclass(frozen=True)
class Hotline:
    id: str
    locale: str
    names: dict[str, str]
    """The service's own name in each language it has one (Jeunesse, J'écoute in French);
    the default language's name elsewhere."""
    call: str | None
    text: str | None
    keywords: dict[str, str]
    """The word to text first, per language; `*` for every language. A language with
    neither gets no texting line: a wrong keyword reaches nobody."""
    tty: str | None
    chat: str | None
    purpose: str
    hours: str | None
    languages: str | None
    confirmed: bool
    source_title: str
    source_url: str
    checked: dt.date
    line: int
    mentions: tuple[str, ...] = ()
    """Other words that name the service in a lesson (988, CyberTipline, HSI)."""

    @property
    def name(self) -> str:
        """The name in the data file's default language."""
        return next(iter(self.names.values()))

    def name_in(self, lang: str) -> str:
        return self.names.get(lang) or self.name

    def keyword_in(self, lang: str) -> str | None:
        return self.keywords.get(lang) or self.keywords.get("*")

    def __hash__(self) -> int:
        return hash(self.id)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hotline) and other.id == self.id


@dataclass(frozen=True)
class Locale:
    code: str
    names: dict[str, str]
    where: dict[str, str] = field(default_factory=dict)
    """The place as a sentence needs it ("in the United States", "au Canada"), per language."""


@dataclass(frozen=True)
class Character:
    """A named person in a lesson's stories; the name is this lesson's alone."""

    lesson: str
    name: str
    role: str
    spellings: dict[str, str]
    """The name in other scripts, by language (`ar: جاي`)."""
    line: int

    @property
    def names(self) -> set[str]:
        return {self.name, *self.spellings.values()}


@dataclass(frozen=True)
class ReadingTarget:
    audience: str
    ages: tuple[int, int] | None
    max_grade: float
    severity: Severity


@dataclass(frozen=True)
class AvoidTerm:
    term: str
    replacement: str


@dataclass(frozen=True)
class Pack:
    """A seminar pack declared in `data/packs.yml`: several lessons' handouts behind a cover."""

    id: str
    titles: dict[str, str]
    lessons: tuple[str, ...]
    line: int
    timing: Timing = field(default_factory=Timing)
    """Length, welcome, close, breaks and start time (`minutes:`, `welcome:` ... in packs.yml)."""

    def title(self, lang: str, default: str) -> str:
        return self.titles.get(lang) or self.titles.get(default) or self.id


@dataclass
class Data:
    topics: dict[str, dict[str, str]] = field(default_factory=dict)
    strings: dict[str, dict[str, str]] = field(default_factory=dict)
    strings_from_engine: dict[str, list[str]] = field(default_factory=dict)
    """Per language, the keys a project's own strings file lacks and the engine's supplied
    (strings added to the engine after the project copied its file)."""
    locales: dict[str, Locale] = field(default_factory=dict)
    hotlines: list[Hotline] = field(default_factory=list)
    help_box: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The purposes each audience's help box shows, in order (`help_box:` in hotlines.yml)."""
    reading: list[ReadingTarget] = field(default_factory=list)
    avoid: dict[str, list[AvoidTerm]] = field(default_factory=dict)
    spelling: dict[str, list[AvoidTerm]] = field(default_factory=dict)
    """Spellings outside a language's edition (British forms in US English), per language."""
    third_person: dict[str, list[str]] = field(default_factory=dict)
    """Phrases that describe students instead of speaking to them, for youth summaries."""
    packs: list[Pack] = field(default_factory=list)
    characters: list[Character] = field(default_factory=list)
    """Named characters by lesson (`characters.yml`); empty where a project keeps none."""

    def topic_label(self, topic: str, lang: str, default: str) -> str:
        labels = self.topics.get(topic, {})
        return labels.get(lang) or labels.get(default) or topic

    def reading_target(self, audience: str, ages: tuple[int, int] | None) -> ReadingTarget | None:
        """The target for the youngest reader the lesson is meant for."""
        for target in self.reading:
            if target.audience != audience:
                continue
            if target.ages is None or (ages and target.ages[0] <= ages[0] <= target.ages[1]):
                return target
        return None

    def dialable(self) -> frozenset[str]:
        """The digits of every hotline number: what a tel: or sms: link may dial unshown."""
        numbers = (n for h in self.hotlines for n in (h.call, h.text, h.tty) if n)
        return frozenset(d for n in numbers if (d := re.sub(r"[^0-9]", "", n)))

    def hotlines_for(self, locales: tuple[str, ...]) -> list[Hotline]:
        return [h for loc in locales for h in self.hotlines if h.locale == loc and h.confirmed]
