"""One entry under `services:` in `hotlines.yml`: a hotline, checked key by key."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .file import File, check_id
from .model import PURPOSES, Data, Hotline
from .values import ID_RE, MISSING, SHORT, show

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")

STATUSES = ("confirmed", "unconfirmed")
SERVICE_KEYS = frozenset(
    {"id", "locale", "name", "purpose", "call", "text", "text_keyword", "tty", "chat", "hours"}
    | {"languages", "status", "source", "checked", "mentions"}
)


def service(
    file: File, i: int, entry: object, data: Data, locales_ok: bool, seen: set[str], default: str
) -> Hotline | None:
    """One entry under `services:`, or None after reporting everything wrong with it."""
    base: tuple[object, ...] = ("services", i)
    entry = file.mapping(base, entry, f"service {i + 1}")
    if entry is None:
        return None
    before = file.count
    sid = entry.get("id")
    what = (
        f"service `{sid}`" if isinstance(sid, str) and ID_RE.fullmatch(sid) else f"service {i + 1}"
    )
    file.unknown_keys(base, entry, SERVICE_KEYS, what)

    def text(key: str, **kwargs: Any) -> str | None:
        return file.text((*base, key), entry.get(key, MISSING), f"{what}: `{key}`", **kwargs)

    def optional(key: str, check: Any) -> str | None:
        if entry.get(key) is None and key in entry:
            file.problem((*base, key), f"{what}: `{key}` is empty; remove the line instead")
            return None
        return check((*base, key), entry[key], f"{what}: `{key}`") if key in entry else None

    hotline_id = text("id")
    check_id(file, (*base, "id"), hotline_id, seen, what, "is used by an earlier service")
    locale = text("locale", limit=SHORT)
    if locale is not None and locales_ok and locale not in data.locales:
        file.problem(
            (*base, "locale"),
            f"{what}: locale `{show(locale)}` is not listed under `locales:`",
        )
    names = _per_language(file, (*base, "name"), entry.get("name", MISSING), what, default)
    purpose = entry.get("purpose", "trafficking")
    if purpose not in PURPOSES:  # at the entry's line, as `signpost check` always reported it
        file.problem(
            base,
            f"hotline entry {i + 1}: purpose `{show(purpose)}` is not one of "
            + ", ".join(PURPOSES),
        )
    call, sms, tty = (optional(key, file.phone) for key in ("call", "text", "tty"))
    keywords = {}
    if "text_keyword" in entry:
        keywords = _keywords(file, (*base, "text_keyword"), entry["text_keyword"], what)
    if keywords and sms is None:
        file.problem((*base, "text_keyword"), f"{what}: `text_keyword` needs `text:` beside it")
    chat = optional("chat", file.https)
    if not any(key in entry for key in ("call", "text", "tty", "chat")):
        file.problem(base, f"{what} needs at least one of `call`, `text`, `tty` or `chat`")

    def short(path: tuple[object, ...], value: object, label: str) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # `languages: 12`
        return file.text(path, value, label, limit=SHORT)

    hours = optional("hours", short)
    languages = optional("languages", short)
    status = entry.get("status", MISSING)
    if status not in STATUSES:
        state = "missing" if status is MISSING else f"`{show(status)}`"
        file.problem(
            (*base, "status"), f"{what}: `status` must be confirmed or unconfirmed, not {state}"
        )
    source = entry.get("source", MISSING)
    title = url = None
    if source is MISSING:
        file.problem(
            base, f"{what}: `source` is missing; write `source: {{title: ..., url: https://...}}`"
        )
    elif (source := file.mapping((*base, "source"), source, f"{what}: `source`")) is not None:
        file.unknown_keys((*base, "source"), source, ["title", "url"], f"{what}: `source`")
        title = file.text(
            (*base, "source", "title"), source.get("title", MISSING), f"{what}: `source.title`"
        )
        url = file.https(
            (*base, "source", "url"), source.get("url", MISSING), f"{what}: `source.url`"
        )
    checked = _date(file, (*base, "checked"), entry.get("checked", MISSING), f"{what}: `checked`")
    mentions = _mentions(file, (*base, "mentions"), entry.get("mentions", []), what)
    if file.count != before or None in (hotline_id, locale, title, url, checked) or not names:
        return None
    return Hotline(
        id=hotline_id,
        locale=locale,
        names=names,
        call=call,
        text=sms,
        keywords=keywords,
        tty=tty,
        chat=chat,
        purpose=str(purpose),
        hours=hours,
        languages=languages,
        confirmed=status == "confirmed",
        source_title=title,
        source_url=url,
        checked=checked,
        line=file.line(*base),
        mentions=mentions,
    )


def _per_language(
    file: File, path: tuple[object, ...], value: object, what: str, default: str
) -> dict[str, str]:
    """`name: Kids Help Phone`, or a name per language: `{en: ..., fr: Jeunesse, J'écoute}`."""
    if isinstance(value, dict):
        return file.labels(path, value, f"{what}: `name`", default)
    text = file.text(path, value, f"{what}: `name`", limit=120)
    return {default: text} if text is not None else {}


def _keywords(file: File, path: tuple[object, ...], value: object, what: str) -> dict[str, str]:
    """The word a texting service asks for first (`CONNECT`): one for every language, or one
    per language (`{en: CONNECT}`), leaving out the languages whose word is not confirmed."""
    words = value if isinstance(value, dict) else {"*": value}
    out = {}
    for lang, word in words.items():
        if isinstance(word, str) and re.fullmatch(r"[A-Za-z0-9]{1,20}", word):
            out[str(lang)] = word
        else:
            where = path if lang == "*" else (*path, lang)
            file.problem(
                where,
                f"{what}: `text_keyword` must be one word of letters and digits, such as CONNECT",
            )
    return out


def _mentions(file: File, path: tuple[object, ...], value: object, what: str) -> tuple[str, ...]:
    """Words that name the service in a lesson, beside its names: `[988, CyberTipline]`."""
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        words = tuple(str(v) for v in value)
        if all(0 < len(w) <= 60 and "\n" not in w for w in words):
            return words
    file.problem(path, f"{what}: `mentions` must be a list of short words, such as [CyberTipline]")
    return ()


def _date(file: File, path: tuple[object, ...], value: object, what: str) -> dt.date | None:
    if value is MISSING:
        file.problem(path, f"{what} is missing; write the date you checked, as YYYY-MM-DD")
        return None
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            file.problem(path, f"{what}: `{show(value)}` is not a date in the calendar")
            return None
    file.problem(path, f"{what} must be a date written YYYY-MM-DD, not `{show(value)}`")
    return None
