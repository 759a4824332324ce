"""The project: where things live and which languages exist, read from signpost.yml.

Everything else in the core takes a `Project` instead of guessing paths, so the
same code serves the CLI, the MkDocs adapter and the tests' fixture sites.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .findings import Severity
from .layout import PAPERS

CONFIG_NAME = "signpost.yml"
DISTRIBUTION = "signpost-lessons"
"""The engine's name on PyPI (`signpost` there is an unrelated project); the import
package and the command stay `signpost`."""
# The quick exit's destination when signpost.yml names none: a page nobody would question.
DEFAULT_EXIT_URL = "https://www.google.com/"
_EXIT_URL = re.compile(r"https?://[^\s\"'<>\\]+")
PLACEHOLDER_HOSTS = Path(__file__).resolve().parent / "placeholder-hosts.yml"


def engine_version() -> str:
    """The installed engine's version: one number, kept in pyproject.toml."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def parse_allowed(values: list[object]) -> frozenset[int]:
    """`U+200F` entries from signpost.yml as code points; anything else is a ValueError."""
    points = set()
    for value in values:
        text = str(value).upper()
        if not re.fullmatch(r"U\+[0-9A-F]{4,6}", text):
            raise ValueError(f"`{value}` is not a code point written U+XXXX")
        points.add(int(text[2:], 16))
    return frozenset(points)


def _countries(path: Path, i: int, entry: dict) -> tuple[str, ...]:
    """`countries:`, or `hotline_locales:`, its name in projects made before it."""
    value = entry.get("countries", entry.get("hotline_locales")) or []
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise ConfigError(f"{path}: languages[{i}].countries must be a list such as [US, CA]")
    return tuple(value)


@functools.cache
def _placeholders() -> tuple[frozenset[str], frozenset[str]]:
    raw = yaml.safe_load(PLACEHOLDER_HOSTS.read_text(encoding="utf-8"))
    return (
        frozenset(str(h).lower() for h in raw["hosts"]),
        frozenset(str(t).lower() for t in raw["tlds"]),
    )


def site_url_problem(url: str) -> str:
    """Why `url` cannot be printed as the site's address, as words to follow "`site_url`"
    ('' when it can): unset, not a full http(s) address, or a placeholder host
    (placeholder-hosts.yml). A QR code printed with such an address leads nowhere."""
    if not url.strip():
        return "is not set"
    try:
        parts = urlsplit(url.strip())
        scheme, host = parts.scheme, (parts.hostname or "").rstrip(".").lower()
    except ValueError:  # an unclosed [IPv6 bracket
        scheme, host = "", ""
    if scheme not in ("http", "https") or not host:
        return f"is not a full http(s) address ({url.strip()})"
    hosts, tlds = _placeholders()
    if host.rsplit(".", 1)[-1] in tlds or any(host == h or host.endswith("." + h) for h in hosts):
        return f"is a placeholder ({url.strip()})"
    return ""


class ConfigError(Exception):
    """signpost.yml is missing or malformed; the message names the file and key."""


def _given_url(value: str) -> str:
    """`--site-url` as a folder address; anything but a full http(s) address is refused."""
    value = value.strip()
    if not re.fullmatch(r"https?://[^\s\"'<>\\]+", value) or not urlsplit(value).hostname:
        raise ConfigError(f"--site-url must be a full http(s) address, got {value!r}")
    return value if value.endswith("/") else value + "/"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    dir: str = "ltr"
    countries: tuple[str, ...] = ()
    """The countries (keys of `locales:` in hotlines.yml) this edition's readers live in, in
    order: each gets its emergency number and help lines, under its name. Empty: the reader
    chooses a country from every one listed."""
    paper: str = "a4"
    """The paper size offered first for this language's handouts: `a4` or `letter`."""
    allowed_characters: frozenset[int] = frozenset()
    """Invisible marks this language's spelling needs (e.g. U+200F in Arabic); see hygiene.py."""
    exit_url: str = DEFAULT_EXIT_URL
    """Where the quick exit sends a reader of this language: an ordinary, innocent page."""


@dataclass(frozen=True)
class Project:
    root: Path
    languages: tuple[Language, ...]
    site_name: str = "Signpost"
    site_url: str = ""
    site_url_given: bool = False
    """`site_url` came from `--site-url` (the address known only where the site is
    deployed, such as GitHub Pages'), not from signpost.yml."""
    licence: str = ""
    """The content licence printed in every handout's footer, e.g. `CC BY 4.0`."""
    lessons_dir: str = "lessons"
    docs_dir: str = "docs"
    data_dir: str = "data"
    site_dir: str = "site"
    severities: dict[str, Severity] = field(default_factory=dict)
    age_bands: tuple[tuple[int, int], ...] = ((8, 10), (11, 13), (14, 18))

    @property
    def public_url(self) -> str:
        """`site_url` when it is a real address to print on paper, else '': a QR code or
        web address pointing at a placeholder would send a reader nowhere."""
        return "" if site_url_problem(self.site_url) else self.site_url

    @property
    def default_language(self) -> Language:
        return self.languages[0]

    @property
    def codes(self) -> list[str]:
        return [lang.code for lang in self.languages]

    def allowed_characters(self, code: str | None) -> frozenset[int]:
        """Marks allowed in a file of language `code`; a file for every language gets all."""
        if code is None:
            return frozenset().union(*(lang.allowed_characters for lang in self.languages))
        return next(
            (la.allowed_characters for la in self.languages if la.code == code), frozenset()
        )

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(code)

    @property
    def lessons_path(self) -> Path:
        return self.root / self.lessons_dir

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    @property
    def data_path(self) -> Path:
        return self.root / self.data_dir

    @property
    def site_path(self) -> Path:
        return self.root / self.site_dir


FOLDER_KEYS = ("lessons_dir", "docs_dir", "data_dir", "site_dir")


def _check_folders(path: Path, root: Path, folders: dict[str, str]) -> None:
    """Every folder lies inside the project, and the build's output overlaps no input:
    a build replaces `site_dir` whole, so it must never be the project or its content."""
    resolved = {}
    for key, value in folders.items():
        if "\x00" in value:
            raise ConfigError(f"{path}: `{key}` holds a NUL character")
        where = (root / value).resolve()
        if where == root or not where.is_relative_to(root):
            raise ConfigError(f"{path}: `{key}: {value}` must be a folder inside the project")
        resolved[key] = where
    site = resolved["site_dir"]
    for key in ("lessons_dir", "docs_dir", "data_dir"):
        other = resolved[key]
        if site == other or site.is_relative_to(other) or other.is_relative_to(site):
            raise ConfigError(
                f"{path}: `site_dir` and `{key}` overlap; the build would replace your content"
            )


def load_project(root: Path | str, site_url: str | None = None) -> Project:
    """Read signpost.yml; the first language listed is the default (source) language.

    `site_url`, from `--site-url`, replaces the file's: a deployment that learns its address
    only when it runs (GitHub Pages' `base_url`) prints it without anyone editing the file.
    """
    root = Path(root).resolve()
    path = root / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(f"{path}: no {CONFIG_NAME} here; run signpost from the project root")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    # PyYAML's constructors raise more than YAMLError on odd values (`x: !!int` is an
    # IndexError, `x: !!timestamp` an AttributeError: make fuzz found both)
    except (
        yaml.YAMLError,
        UnicodeDecodeError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
        OverflowError,
    ) as exc:
        raise ConfigError(f"{path}: cannot read: {' '.join(str(exc).split())}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: must be `key: value` lines, such as `site_name: …`")
    langs = raw.get("languages")
    if not isinstance(langs, list) or not langs:
        raise ConfigError(f"{path}: `languages:` must list at least one language")
    languages = []
    for i, entry in enumerate(langs):
        if not isinstance(entry, dict) or "code" not in entry or "name" not in entry:
            raise ConfigError(f"{path}: languages[{i}] needs `code` and `name`")
        direction = entry.get("dir", "ltr")
        if direction not in ("ltr", "rtl"):
            raise ConfigError(f"{path}: languages[{i}].dir must be ltr or rtl")
        try:
            chars = entry.get("allowed_characters") or []
            if not isinstance(chars, list):
                raise ValueError("must be a list such as [U+200F]")
            allowed = parse_allowed(chars)
        except ValueError as exc:
            raise ConfigError(f"{path}: languages[{i}].allowed_characters: {exc}") from None
        paper = str(entry.get("paper", "a4")).lower()
        if paper not in PAPERS:
            raise ConfigError(f"{path}: languages[{i}].paper must be one of: {', '.join(PAPERS)}")
        exit_url = str(entry.get("exit_url") or raw.get("exit_url") or DEFAULT_EXIT_URL)
        if not _EXIT_URL.fullmatch(exit_url):
            raise ConfigError(
                f"{path}: languages[{i}].exit_url must be a full http(s) address, got {exit_url!r}"
            )
        languages.append(
            Language(
                code=str(entry["code"]),
                name=str(entry["name"]),
                dir=direction,
                countries=_countries(path, i, entry),
                paper=paper,
                allowed_characters=allowed,
                exit_url=exit_url,
            )
        )
    severities = {}
    checks = raw.get("checks") or {}
    if not isinstance(checks, dict):
        raise ConfigError(f"{path}: `checks:` must be `code: error` or `code: warning` lines")
    for code, level in checks.items():
        try:
            severities[code] = Severity(level)
        except ValueError:
            raise ConfigError(f"{path}: checks.{code} must be `error` or `warning`") from None
    bands = []
    age_bands = raw.get("age_bands") or ["8-10", "11-13", "14-18"]
    if not isinstance(age_bands, list):
        raise ConfigError(f"{path}: `age_bands:` must be a list such as [8-10, 11-13]")
    for band in age_bands:
        try:
            low, high = (int(x) for x in str(band).split("-"))
        except ValueError:
            raise ConfigError(f"{path}: age_bands entries are MIN-MAX, got {band!r}") from None
        bands.append((low, high))
    folders = {key: str(raw.get(key, key.removesuffix("_dir"))) for key in FOLDER_KEYS}
    _check_folders(path, root, folders)
    return Project(
        root=root,
        age_bands=tuple(bands),
        languages=tuple(languages),
        site_name=str(raw.get("site_name", "Signpost")),
        site_url=str(raw.get("site_url", "")) if site_url is None else _given_url(site_url),
        site_url_given=site_url is not None,
        licence=str(raw.get("licence", "")),
        **folders,
        severities=severities,
    )
