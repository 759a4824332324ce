"""Every PDF a build makes, as a screen reader and a text search get it (issue #21).

Two readers that share no code with the writer (WeasyPrint, finished with pikepdf) read
each file back: poppler's pdftotext and pypdf. pypdf also reads the structure tree and
the marked content (`pdf_audit`). Checked on every PDF of the built fixture site: plans,
handouts and packs, every language, both papers.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from pdf_audit import Audit, audit
from pypdf import PdfReader

from signpost.checks.pipeline import check_project
from signpost.data.strings import strings_for
from signpost.handouts import fonts
from signpost.handouts.render import render_pdf

ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")


def comparable(text: str, lang: str) -> str:
    """Text as a search compares it: NFKC (presentation forms become their letters), no
    case, no spaces (readers split lines and marks differently), no hyphens (pdftotext
    joins "person-" at a line's end to "first" as "personfirst"), and in Arabic no vowel
    marks (a reader may put a mark before or after its ligature)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\s\u00ad\u2010\u2011\u200e\u200f\u202a-\u202e\u2066-\u2069-]+", "", text)
    return ARABIC_MARKS.sub("", text) if lang == "ar" else text


def words(text: str) -> list[str]:
    """The runs of letters and digits: punctuation between a right-to-left and a
    left-to-right run ("Campaign،", "و«أحبّك") is placed differently by each reader."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", ARABIC_MARKS.sub("", text)))


def pdftotext(pdf: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext missing: apt-get install poppler-utils (.ci/run installs it)")
    run = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout


def pypdf_text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


@dataclass
class Expected:
    """What a PDF must say: the words of its titles and of the interface strings it prints,
    and its running footer's page counter."""

    pdf: Path
    lang: str
    phrases: list[str]
    description: str
    page_label: str


def expected_pdfs(site: Path) -> list[Expected]:
    """Every PDF the build made, with the text it was made from."""
    checked = check_project(site.parent, quality=False)
    project, data = checked.project, checked.data
    default = project.default_language.code
    found = []
    for lang in project.codes:
        t = strings_for(project, data, lang)
        page = t("handout_page", page="{page}", pages="{pages}")
        folder = site / lang / "handouts"
        for lesson in checked.lessons:
            text = lesson.texts.get(lang) or lesson.texts[default]
            for paper in ("a4", "letter"):
                found.append(
                    Expected(
                        folder / f"{lesson.id}-{paper}.pdf",
                        lang,
                        [text.title, t("handout_label"), t("help_heading")],
                        text.summary,
                        page,
                    )
                )
                found.append(
                    Expected(
                        folder / f"{lesson.id}-plan-{paper}.pdf",
                        lang,
                        [text.title, t("objectives_plan"), t("schedule_heading"), *text.objectives],
                        text.summary,
                        page,
                    )
                )
            cards = [card.text for cs in text.card_sets for card in cs.cards]
            questions = [q.ask for q in text.questions]
            for paper in ("a4", "letter") if cards else ():
                found.append(
                    Expected(folder / f"{lesson.id}-cards-{paper}.pdf", lang, cards[:2], "", page)
                )
            for paper in ("a4", "letter") if questions else ():
                found.append(
                    Expected(
                        folder / f"{lesson.id}-evaluation-{paper}.pdf",
                        lang,
                        [t("eval_no_names"), *questions[:1]],
                        "",
                        page,
                    )
                )
        by_id = {lesson.id: lesson for lesson in checked.lessons}
        for pack in data.packs:
            titles = [
                (by_id[i].texts.get(lang) or by_id[i].texts[default]).title for i in pack.lessons
            ]
            for paper in ("a4", "letter"):
                found.append(
                    Expected(
                        folder / "packs" / f"{pack.id}-{paper}.pdf",
                        lang,
                        [pack.title(lang, default), t("pack_agenda"), *titles],
                        "",
                        page,
                    )
                )
    made = sorted(site.glob("*/handouts/**/*.pdf"))
    assert sorted(e.pdf for e in found) == made, "a PDF the build made is not checked, or missing"
    return found


@pytest.fixture(scope="module")
def pdfs(built_site: Path) -> list[tuple[Expected, Audit]]:
    return [(e, audit(e.pdf)) for e in expected_pdfs(built_site)]


def test_every_pdf_of_every_kind_language_and_paper_is_checked(pdfs) -> None:
    kinds = {(e.lang, e.pdf.parent.name, e.pdf.stem.rsplit("-", 1)[-1]) for e, _ in pdfs}
    assert {lang for lang, _, _ in kinds} == {"en", "es", "ar"}
    assert {paper for _, _, paper in kinds} == {"a4", "letter"}
    assert any("-plan-" in e.pdf.name for e, _ in pdfs)
    assert any(e.pdf.parent.name == "packs" for e, _ in pdfs)


def test_every_glyph_maps_back_to_text(pdfs) -> None:
    unmapped = {e.pdf.name: dict(a.unmapped) for e, a in pdfs if a.unmapped_total}
    assert not unmapped, f"glyphs with no text (read as gaps, found by no search): {unmapped}"


def test_both_readers_find_every_word_the_pdf_was_made_from(pdfs) -> None:
    """The titles, objectives and printed interface strings, word for word, in pdftotext's
    text and in pypdf's; the summary is the document's description."""
    missing = []
    for e, _ in pdfs:
        for reader, text in (("pdftotext", pdftotext(e.pdf)), ("pypdf", pypdf_text(e.pdf))):
            assert "\ufffd" not in text, f"{reader} found a character it could not read: {e.pdf}"
            flat = comparable(text, e.lang)
            for phrase in e.phrases:
                lost = [w for w in words(phrase) if comparable(w, e.lang) not in flat]
                if lost:
                    missing.append(f"{reader} {e.lang}/{e.pdf.name}: {lost} of {phrase!r}")
        if e.description:
            meta = PdfReader(e.pdf).metadata
            assert meta.subject == e.description, e.pdf
    assert not missing, "\n".join(missing)


def test_heading_levels_never_skip(pdfs) -> None:
    skips = {e.pdf.name: a.heading_skips() for e, a in pdfs if a.heading_skips()}
    assert not skips, f"(from, to) heading levels: {skips}"
    assert all(a.headings and a.headings[0] == 1 for _, a in pdfs), "each opens with an H1"


def test_every_table_header_has_a_scope(pdfs) -> None:
    tables = [(e, a) for e, a in pdfs if a.th_scopes]
    assert any("-plan-" in e.pdf.name for e, _ in tables), "plans have their schedule table"
    assert any(e.pdf.parent.name == "packs" for e, _ in tables), "packs have their agenda"
    lacking = {e.pdf.name: a.th_without_scope for e, a in tables if a.th_without_scope}
    assert not lacking, f"TH without /Scope: {lacking}"


def test_pack_agenda_total_is_a_row_header(pdfs) -> None:
    """The agenda's column titles head columns; its "Total" heads its own row."""
    packs = [a for e, a in pdfs if e.pdf.parent.name == "packs"]
    assert packs
    for found in packs:
        agenda = found.th_scopes[:5]
        assert agenda == ["/Column"] * 4 + ["/Row"], found.th_scopes


def test_running_footers_are_artifacts_not_content(pdfs) -> None:
    """A screen reader skips the footer (title, date, licence, "Page 1 of 2") instead of
    reading it on every page, and nothing is left untagged."""
    for e, a in pdfs:
        assert not a.untagged_content(), (e.pdf, [r.text for r in a.untagged_content()])
        for page in range(a.page_count):
            counter = e.page_label.format(page=page + 1, pages=a.page_count)
            number = comparable(counter, e.lang)
            # Content streams hold right-to-left text in visual order.
            either = (number, number[::-1])
            footer, content = (
                comparable(a.artifact_text(page), e.lang),
                comparable(a.tagged_text(page), e.lang),
            )
            assert any(n in footer for n in either), (e.pdf, page, counter)
            assert not any(n in content for n in either), (e.pdf, page)


def test_arabic_cluster_of_letter_and_mark_maps_each_glyph(tmp_path: Path) -> None:
    """The shaping that broke "أسئلة": a medial yeh-hamza first met with tanween ("شيئًا")
    shares a cluster with the mark, and lam-alef with its vowel ("لاً"). Every glyph must
    still read as its letter, in both readers."""
    source = "شيئًا ثم أسئلة كثيرة، لاً ولا لأن الأهداف"
    html = (
        f'<html lang="ar" dir="rtl"><head><title>t</title><style>{fonts.font_face_css()}'
        f" html {{ font-family: {fonts.family_for('ar')}; }}</style></head>"
        f"<body><p>{source}</p><p><b>{source}</b></p></body></html>"
    )
    pdf = tmp_path / "ar.pdf"
    pdf.write_bytes(render_pdf(html, (str(fonts.FONT_DIR),), b"0" * 32))
    assert audit(pdf).unmapped_total == 0
    for text in (pdftotext(pdf), pypdf_text(pdf)):
        for word in words(source):
            assert comparable(text, "ar").count(comparable(word, "ar")) >= 2, (word, text)


def test_site_pages_headings_never_skip(built_site: Path) -> None:
    """The home page's lesson list (age bands) sits right under the page's h1."""
    for lang in ("en", "es", "ar"):
        html = (built_site / lang / "index.html").read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", article)]
        assert levels and levels[0] == 1, (lang, levels)
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (lang, levels)
        assert 2 in levels, (lang, levels)


def test_shipped_for_students_page_headings_never_skip(shipped_site: Path) -> None:
    for lang in ("en", "es", "fr", "ar"):
        html = (shipped_site / lang / "for-students" / "index.html").read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", article)]
        assert levels[0] == 1 and 2 in levels, (lang, levels)
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (lang, levels)


def test_handout_headings_follow_the_title_whatever_level_the_author_chose(
    project: Path, tmp_path: Path
) -> None:
    """A handout block written with `###` and `####` prints as h2 and h3 under the
    handout's h1, so the outline a screen reader lists has no gap."""
    from signpost.handouts.document import Builder

    lesson_file = project / "lessons/spotting-secrets/index.md"
    source = lesson_file.read_text(encoding="utf-8")
    lesson_file.write_text(
        source.replace("/// handout\n", "/// handout\n### What to do\n\n#### Who can help\n\n", 1),
        encoding="utf-8",
    )
    checked = check_project(project, quality=False)
    lesson = next(each for each in checked.lessons if each.id == "spotting-secrets")
    doc = Builder(checked, "en").handout(lesson, "a4")
    assert "<h2>What to do</h2>" in doc.html and "<h3>Who can help</h3>" in doc.html
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(render_pdf(doc.html, (str(fonts.FONT_DIR), str(project)), b"0" * 32))
    assert audit(pdf).headings == [1, 2, 3, 2]


def test_footer_marks_written_another_way_still_become_artifacts(tmp_path: Path) -> None:
    """The byte-level rewrite knows only WeasyPrint's way of writing a mark; any other
    spelling is parsed, with the same result."""
    import pikepdf
    from weasyprint import HTML

    from signpost.handouts.finish import finish

    html = (
        '<html lang="en"><head><title>t</title><style>@page { @bottom-left {'
        ' content: "Footer words" } }</style></head><body><h1>Body words</h1></body></html>'
    )
    raw = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        page = pdf.pages[0]
        data = re.sub(
            rb"<</MCID (\d+)>>", rb"<< /Lang (en) /MCID \1 >>", page.Contents.read_bytes()
        )
        assert data != page.Contents.read_bytes()
        page.obj.Contents = pdf.make_stream(data)
        out = io.BytesIO()
        pdf.save(out)
    path = tmp_path / "other.pdf"
    path.write_bytes(finish(out.getvalue()))
    found = audit(path)
    assert not found.untagged_content()
    assert "Footer words" in found.artifact_text(0)
    assert "Body words" in found.tagged_text(0) and "Footer" not in found.tagged_text(0)
