"""`hotlines.yml`: the help box's purposes per audience, the locales and their services."""

from __future__ import annotations

from ..content.schema import AUDIENCES
from .file import File, top_mapping
from .model import PURPOSES, Data, Locale
from .services import service
from .values import MISSING, kind, show

CHILDREN = "children"
"""The help box for readers under 11; `helplines.CHILDREN` reads it."""


def load_hotlines(data: Data, file: File, default: str) -> None:
    raw = top_mapping(file, "`help_box`, `locales` and `services`")
    if raw is None:
        return
    file.unknown_keys((), raw, ["help_box", "locales", "services"], "hotlines.yml")
    _load_help_box(data, file, raw.get("help_box", MISSING))
    locales_ok = _load_locales(data, file, raw.get("locales", MISSING), default)
    services = raw.get("services", MISSING)
    if not isinstance(services, list):
        state = "missing" if services is MISSING else f"{kind(services)}"
        file.problem(("services",), f"`services` must be a list of services, not {state}")
        return
    seen: set[str] = set()
    for i, entry in enumerate(services):
        hotline = service(file, i, entry, data, locales_ok, seen, default)
        if hotline is not None:
            data.hotlines.append(hotline)


def _load_help_box(data: Data, file: File, help_box: object) -> None:
    """One list for every audience, or a list per audience (youth, teachers, community), and
    optionally `children:`, the box for readers under 11."""
    if isinstance(help_box, dict):
        boxes = [*AUDIENCES, CHILDREN]
        file.unknown_keys(("help_box",), help_box, boxes, "`help_box`")
        for audience in boxes:
            if audience == CHILDREN and audience not in help_box:
                continue
            path = ("help_box", audience)
            purposes = _purposes(file, path, help_box.get(audience, MISSING))
            if purposes is not None:
                data.help_box[audience] = purposes
        return
    purposes = _purposes(file, ("help_box",), help_box)
    if purposes is not None:
        data.help_box = dict.fromkeys(AUDIENCES, purposes)


def _purposes(file: File, path: tuple[object, ...], value: object) -> tuple[str, ...] | None:
    need = "`help_box` must list purposes, in order, from: " + ", ".join(PURPOSES)
    if not isinstance(value, list):
        state = "it is missing" if value is MISSING else f"not {kind(value)}"
        file.problem(path, f"{need} ({state})")
        return None
    before = file.count
    for i, purpose in enumerate(value):
        if purpose not in PURPOSES:
            file.problem((*path, i), f"{need} (`{show(purpose)}` is not one)")
    return tuple(value) if file.count == before else None


def _load_locales(data: Data, file: File, locales: object, default: str) -> bool:
    """Read `locales:`; False when it is unusable, so services are not blamed for it."""
    example = f"`US: {{name: {{{default}: United States}}}}`"
    if not isinstance(locales, dict):
        state = "missing" if locales is MISSING else f"{kind(locales)}"
        file.problem(("locales",), f"`locales` must map locale codes to {example}, not {state}")
        return False
    for code, entry in locales.items():
        path = ("locales", code)
        if not isinstance(code, str) or not code:
            file.problem(
                path,
                f"locale code `{show(code)}` is not text; put it in quotes "
                '(YAML reads NO, YES, ON and OFF as true/false), e.g. `"NO":`',
            )
            continue
        before = file.count
        what = f"locale `{show(code)}`"
        entry = file.mapping(path, entry, f"{what} ({example})")
        if entry is None:
            continue
        file.unknown_keys(path, entry, ["name", "where"], what)
        names = file.labels((*path, "name"), entry.get("name", MISSING), f"{what} `name`", default)
        where = {}
        if "where" in entry:
            where = file.labels((*path, "where"), entry["where"], f"{what} `where`", default)
        if file.count == before:
            data.locales[code] = Locale(code, names, where)
    return True
