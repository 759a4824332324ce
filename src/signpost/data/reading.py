"""`readability.yml`: the reading level each audience's lessons must meet."""

from __future__ import annotations

from ..content.schema import AGES_RE, AUDIENCES
from ..findings import Severity
from .file import File, top_mapping
from .model import Data, ReadingTarget
from .values import MISSING, show


def load_reading(data: Data, file: File) -> None:
    raw = top_mapping(file, "audiences (" + ", ".join(AUDIENCES) + ") to reading targets")
    for audience, targets in (raw or {}).items():
        if audience not in AUDIENCES:
            file.problem(
                (audience,),
                f"audience `{show(audience)}` is not one of " + ", ".join(AUDIENCES),
            )
            continue
        if isinstance(targets, list):
            items = [((audience, i), t) for i, t in enumerate(targets)]
        else:
            items = [((audience,), targets)]
        for path, target in items:
            reading = _target(file, path, str(audience), target)
            if reading is not None:
                data.reading.append(reading)


def _target(
    file: File, path: tuple[object, ...], audience: str, target: object
) -> ReadingTarget | None:
    what = f"`{audience}` target"
    target = file.mapping(path, target, f"{what} (`{{ages: 8-10, max_grade: 5, severity: error}}`)")
    if target is None:
        return None
    before = file.count
    file.unknown_keys(path, target, ["ages", "max_grade", "severity"], what)
    ages = None
    if "ages" in target:
        match = AGES_RE.fullmatch(str(target["ages"])) if isinstance(target["ages"], str) else None
        if match and int(match.group(1)) <= int(match.group(2)):
            ages = (int(match.group(1)), int(match.group(2)))
        else:
            file.problem(
                (*path, "ages"),
                f"{what}: `ages` must be MIN-MAX with MIN <= MAX, e.g. `8-10`, "
                f"not `{show(target['ages'])}`",
            )
    grade = target.get("max_grade", MISSING)
    if grade is MISSING:
        file.problem(path, f"{what} needs `max_grade`, a US grade such as 7")
    elif isinstance(grade, bool) or not isinstance(grade, int | float) or not 0 < grade <= 20:
        file.problem(
            (*path, "max_grade"),
            f"{what}: `max_grade` must be a number from 1 to 20, not `{show(grade)}`",
        )
    severity = target.get("severity", "error")
    if severity not in ("error", "warning"):
        file.problem(
            (*path, "severity"),
            f"{what}: `severity` must be error or warning, not `{show(severity)}`",
        )
    if file.count != before:
        return None
    return ReadingTarget(audience, ages, float(grade), Severity(severity))
