"""Files at the root of `site/`, shared by every language: chooser, 404 page, catalogue data,
schema, sitemap.

They are written once per build, after the language sites, by whoever ran the
build: the `signpost build` orchestrator, or the adapter for a one-language build.
"""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .. import layout
from ..checks.pipeline import Checked
from ..content.docs_pages import docs_pages
from ..content.schema import json_schema
from ..content.translations import status
from ..render.catalogue import catalog_json
from ..render.chooser import chooser_html, not_found_html


def _xml_url(base: str, lang: str, path: str) -> str:
    """A page address, percent-encoded and escaped for XML: a file name such as `q&a.md`
    must not make the sitemap ill-formed (check refuses it too; this holds if downgraded)."""
    return escape(f"{base}/{lang}/{urllib.parse.quote(path, safe='/')}")


def sitemap_xml(checked: Checked) -> str:
    """One sitemap for all languages, each page listing its translations as alternates."""
    project = checked.project
    base = project.site_url.rstrip("/")
    paths = (
        [""]
        + [
            page_url
            for lesson in checked.lessons
            for page_url in (
                layout.page_url(layout.student_page(lesson.id)),
                layout.page_url(layout.plan_page(lesson.id)),
            )
        ]
        + [layout.page_url(p) for p in layout.GENERATED_PAGES]
    )
    paths += sorted({layout.page_url(p.virtual) for p in docs_pages(project)} - {""})
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for path in paths:
        for lang in project.codes:
            out.append(f"<url><loc>{_xml_url(base, lang, path)}</loc>")
            for alt in project.codes:
                href = quoteattr(_xml_url(base, alt, path))
                out.append(f'<xhtml:link rel="alternate" hreflang="{alt}" href={href}/>')
            out.append("</url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def write_root_files(
    checked: Checked, site_root: Path, handouts: bool = False, offline: bool = False
) -> None:
    site_root.mkdir(parents=True, exist_ok=True)
    project = checked.project
    (site_root / "index.html").write_text(chooser_html(checked), encoding="utf-8")
    (site_root / "404.html").write_text(not_found_html(checked), encoding="utf-8")
    (site_root / "catalog.json").write_text(
        catalog_json(
            project,
            checked.lessons,
            status(project, checked.files),
            checked.data.packs if handouts else None,
            offline,
        ),
        encoding="utf-8",
    )
    (site_root / "lesson.schema.json").write_text(
        json.dumps(json_schema(checked.data.topics), indent=2) + "\n", encoding="utf-8"
    )
    if project.site_url:
        (site_root / "sitemap.xml").write_text(sitemap_xml(checked), encoding="utf-8")
