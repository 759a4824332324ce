"""Word lists for the wording checks: terms to avoid, spellings outside a language's
edition, and phrases that speak about students instead of to them."""

from __future__ import annotations

from .file import File
from .model import AvoidTerm, Data
from .values import MISSING, kind, show


def load_avoid(data: Data, file: File, lang: str) -> None:
    data.avoid[lang] = term_list(file)


def term_list(file: File) -> list[AvoidTerm]:
    """A list of `{term, replacement}`: words to avoid, or spellings outside the edition's."""
    raw = file.data
    terms: list[AvoidTerm] = []
    if raw is None:
        return terms
    if not isinstance(raw, list):
        file.problem(
            (),
            f"the file must be a list of `- {{term: ..., replacement: ...}}`, not {kind(raw)}",
        )
        return terms
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        what = f"term {i + 1}"
        entry = file.mapping((i,), entry, f"{what} (`{{term: ..., replacement: ...}}`)")
        if entry is None:
            continue
        before = file.count
        file.unknown_keys((i,), entry, ["term", "replacement"], what)
        term = file.text((i, "term"), entry.get("term", MISSING), f"{what}: `term`")
        replacement = file.text(
            (i, "replacement"), entry.get("replacement", MISSING), f"{what}: `replacement`"
        )
        if term is not None and term.casefold() in seen:
            file.problem((i, "term"), f"{what}: `{show(term)}` is listed twice")
        if file.count == before and term is not None and replacement is not None:
            seen.add(term.casefold())
            terms.append(AvoidTerm(term, replacement))
    return terms


def phrase_list(file: File) -> list[str]:
    """A plain list of phrases, such as openings that speak about students, not to them."""
    if not isinstance(file.data, list):
        file.problem((), f"the file must be a list of phrases, not {kind(file.data)}")
        return []
    return [
        text
        for i, entry in enumerate(file.data)
        if (text := file.text((i,), entry, f"phrase {i + 1}")) is not None
    ]
