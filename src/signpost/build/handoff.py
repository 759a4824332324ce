"""The one channel from `signpost build` and `signpost serve` into each `mkdocs build`.

Every language is an ordinary `mkdocs build` in a child process, and the plugin there must
know what the parent decided: which language, whether pages link to PDFs and offline zips,
whether this is the offline copy, whether the preview records page keys, where the check
made once is. The parent writes a `Handoff` as JSON into a folder private to this user,
beside the pickled check, and names the file in the one environment variable
`SIGNPOST_HANDOFF`. A plain `mkdocs build` has none: it builds the language the plugin's
`language:` option names (else the source language) and checks for itself.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, fields
from pathlib import Path

from ..checks.pipeline import private_file

ENV = "SIGNPOST_HANDOFF"
OFFLINE = ("", "zips", "build")


class HandoffError(Exception):
    """The hand-off file is not one this version of Signpost wrote."""


@dataclass(frozen=True)
class Handoff:
    """What the parent decided for one language's build. Every field is declared here."""

    lang: str = ""
    """The language to build; "" for the plugin's `language:` or the source language."""
    orchestrated: bool = False
    """`signpost build` or `serve` renders the PDFs and writes the files at the root of
    `site/` itself, after every language: the plugin leaves both to it."""
    handouts: bool = False
    """Pages link to the PDFs; without `orchestrated`, the plugin also renders its own."""
    offline: str = ""
    """"zips": pages link to each language's offline zip; "build": this build is the copy
    that goes into the zip (no language switcher, search that runs from disk)."""
    preview: bool = False
    """`signpost serve`: record each page's key beside it, so the next build can be quick."""
    site_url: str = ""
    """The address `--site-url` gave for this build, or "" for signpost.yml's."""
    checked: str = ""
    """The check pickled beside this file (`checks.pipeline.save_checked`), or ""."""

    def checked_path(self) -> Path | None:
        return Path(self.checked) if self.checked else None


def write(folder: Path, handoff: Handoff) -> Path:
    """Write `handoff` into `folder` (made by `tempfile.mkdtemp`) and return its path."""
    path = folder / f"handoff-{handoff.lang or 'default'}.json"
    path.write_text(json.dumps(dataclasses.asdict(handoff)), encoding="utf-8")
    return path


def environment(path: Path) -> dict[str, str]:
    """The child's environment: this process's, naming the hand-off file."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", **{ENV: str(path)})


def read(root: Path | str) -> Handoff | None:
    """The hand-off named in the environment, or None for a plain `mkdocs build`.

    Only a plain file in a folder private to this user and outside the project is read,
    like the check beside it; a file of another shape is a HandoffError, never a guess.
    """
    named = os.environ.get(ENV)
    if not named:
        return None
    path = Path(named)
    if not private_file(path) or Path(os.path.realpath(path)).is_relative_to(Path(root).resolve()):
        raise HandoffError(f"{ENV} names {path}, which signpost did not write for this build")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HandoffError(f"{path} cannot be read: {exc}") from None
    declared = {f.name: f.type for f in fields(Handoff)}
    if not isinstance(raw, dict) or set(raw) - set(declared):
        raise HandoffError(f"{path} holds fields this version does not declare")
    for name, value in raw.items():
        want = bool if declared[name] == "bool" else str
        if not isinstance(value, want):
            raise HandoffError(f"{path}: `{name}` must be {want.__name__}")
    handoff = Handoff(**raw)
    if handoff.offline not in OFFLINE:
        raise HandoffError(f"{path}: `offline` must be one of {OFFLINE}")
    return handoff
