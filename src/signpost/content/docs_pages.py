"""The site pages under `docs/`: each Markdown file with its page path and language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import layout
from ..project import Project
from ..safety.files import inside


@dataclass(frozen=True)
class DocsPage:
    path: Path
    rel: str
    virtual: str
    lang: str


def docs_pages(project: Project) -> list[DocsPage]:
    pages = []
    root = project.docs_path
    if not root.is_dir():
        return pages
    for path in sorted(root.rglob("*.md")):
        if path.is_symlink() or not inside(project, path):
            continue  # reported by files.check_trees
        rel_in_docs = path.relative_to(root).as_posix()
        virtual, lang = layout.split_docs_name(rel_in_docs, project.codes)
        pages.append(
            DocsPage(
                path,
                path.relative_to(project.root).as_posix(),
                virtual,
                lang or project.default_language.code,
            )
        )
    return pages
