"""Today's date, asked for in one place so a test suite can hold it still.

Review dates and hotline checks age with the calendar, and a pack's cover carries the
date. The tests' fixtures were reviewed on fixed dates, so left to the real clock the
suite would start failing on its own one day. `SIGNPOST_TODAY=YYYY-MM-DD` (set by
`tests/conftest.py`, inherited by every `mkdocs build` and `signpost` it starts) fixes
the date; it is a test-only setting, and `make check-dates` checks the real curriculum
against the real date.
"""

from __future__ import annotations

import datetime as dt
import os

from .project import ConfigError

ENV = "SIGNPOST_TODAY"


def today() -> dt.date:
    """`SIGNPOST_TODAY` if it is set, otherwise the machine's date."""
    value = os.environ.get(ENV, "")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{ENV} must be a date like 2026-12-01, not `{value}`") from None
