"""Printable PDFs as a seminar host gets them: size, pages, text, fonts, QR code, tags, cache.

The fixture site is built once with its PDFs (the `built_site` fixture); each test
opens the files a host would print. Poppler's pdftotext and zbar's zbarimg read
them the way a person (or a phone camera) would.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import warm_copy
from pdf_boxes import sheet
from pypdf import PdfReader

from signpost.build.build import build_site
from signpost.cli import main

SIZES = {"a4": (595, 842), "letter": (612, 792)}
LESSONS = ("spotting-secrets", "staff-basics", "untranslated-one")
LANGS = ("en", "es", "ar")


def text_of(pdf: Path, *options: str) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext missing: apt-get install poppler-utils (.ci/run installs it)")
    run = subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """Without any space or bidi mark (pdftotext adds them around right-to-left lines): a
    long address wraps after a `/`, and a line break is no part of it."""
    return re.sub(r"[\s\u202a-\u202e\u2066-\u2069]", "", text)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("paper", SIZES)
def test_every_lesson_has_handout_and_plan_on_the_right_paper(
    built_site: Path, lang: str, paper: str
) -> None:
    for lesson in LESSONS:
        for name, max_pages in ((f"{lesson}-{paper}", 2), (f"{lesson}-plan-{paper}", 99)):
            reader = PdfReader(built_site / lang / "handouts" / f"{name}.pdf")
            assert 1 <= len(reader.pages) <= max_pages, name
            box = reader.pages[0].mediabox
            assert (round(float(box.width)), round(float(box.height))) == SIZES[paper], name


def test_handout_text_has_title_handout_block_and_help(built_site: Path) -> None:
    en = flat(text_of(built_site / "en/handouts/spotting-secrets-letter.pdf"))
    assert "Spotting unsafe secrets" in en
    assert "HANDOUT-TEXT: Tell a trusted adult" in en, "the handout block is printed"
    assert "Facilitator" not in en, "no facilitator notes on a handout"
    assert "1-800-422-4453" in en, "the child line's number is written out in full"
    assert "1-888-373-7888" not in en, "an 8-10 sheet names no trafficking line"
    assert "fixture.signpost-lessons.org/en/lessons/spotting-secrets/" in squeezed(en)
    assert "fixture.signpost-lessons.org/en/get-help/" in squeezed(en)
    assert re.search(r"Page 1 of [12]", en)
    assert "Reviewed 2026-" in en and "License: CC BY 4.0" not in en, "the fixture sets none"
    es = flat(text_of(built_site / "es/handouts/spotting-secrets-a4.pdf"))
    assert "Reconocer secretos inseguros" in es
    assert "116 111" in es and "Europa (muchos países)" in es, "and the EU child line, named"
    assert re.search(r"Página 1 de [12]", es)


def test_a_language_with_no_country_prints_every_countrys_lines(built_site: Path) -> None:
    ar = flat(text_of(built_site / "ar/handouts/untranslated-one-a4.pdf"))
    for number in ("911", "1-888-373-7888", "999", "08000 121 700", "000", "112"):
        assert number in ar, number
    assert "0800 1111" not in ar, "an unconfirmed service is never printed"
    child = flat(text_of(built_site / "ar/handouts/spotting-secrets-a4.pdf"))
    for number in ("911", "1-800-422-4453", "1-800-668-6868", "999", "000", "116 111"):
        assert number in child, number
    assert "1-888-373-7888" not in child, "a child's sheet lists each country's child line"


def test_arabic_handout_reads_right_to_left(built_site: Path) -> None:
    """The Arabic chrome hugs the right margin; numbers keep their left-to-right order."""
    pdf = built_site / "ar/handouts/untranslated-one-a4.pdf"
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]+)</word>',
        text_of(pdf, "-bbox"),
    )
    arabic = [(float(x1), w) for _, x1, w in words if re.search("[\u0600-\u06ff]", w)]
    assert arabic, "the Arabic interface text is there"
    assert max(x1 for x1, _ in arabic) > 595 - 60, "Arabic lines start at the right margin"
    numbers = [w for _, _, w in words if re.fullmatch(r"[\d-]+", w)]
    assert "1-888-373-7888" in numbers and "8887-373-888-1" not in numbers
    fonts = {f.split("+")[-1] for f in embedded_fonts(pdf)}
    assert {"Signpost-Arabic", "Signpost-Sans"} <= fonts


def embedded_fonts(pdf: Path) -> set[str]:
    names = set()
    for page in PdfReader(pdf).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
            names.add(str(font["/BaseFont"]).lstrip("/"))
    return names


def test_only_bundled_fonts_are_embedded(built_site: Path) -> None:
    for pdf in (built_site / "en/handouts").glob("*.pdf"):
        fonts = {name.split("+")[-1] for name in embedded_fonts(pdf)}
        assert fonts and all(f.startswith("Signpost-") for f in fonts), (pdf.name, fonts)


def test_qr_code_scans_back_to_the_lesson(built_site: Path, tmp_path: Path) -> None:
    if not shutil.which("zbarimg") or not shutil.which("pdftoppm"):
        pytest.skip("zbarimg/pdftoppm missing: apt-get install zbar-tools poppler-utils")
    for lang in LANGS:
        pdf = built_site / lang / "handouts/spotting-secrets-letter.pdf"
        pages = len(PdfReader(pdf).pages)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "150", "-f", str(pages), str(pdf), str(tmp_path / lang)],
            check=True,
        )
        png = sorted(tmp_path.glob(f"{lang}*.png"))[-1]
        scan = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
        assert (
            scan.stdout.strip()
            == f"https://fixture.signpost-lessons.org/{lang}/lessons/spotting-secrets/"
        )


def _structure(node, found: dict[str, list]) -> None:
    node = node.get_object()
    kind = node.get("/S")
    if kind is not None:
        found.setdefault(str(kind), []).append(node)
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict):
            _structure(kid, found)


@pytest.mark.parametrize(("lang", "alt"), [("en", "QR code"), ("ar", "رمز QR")])
def test_handouts_are_tagged_pdf_ua(built_site: Path, lang: str, alt: str) -> None:
    reader = PdfReader(built_site / lang / "handouts/spotting-secrets-a4.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert bool(root["/MarkInfo"]["/Marked"])
    assert reader.metadata.title.startswith(
        "Spotting unsafe secrets" if lang == "en" else "Spotting"
    )
    found: dict[str, list] = {}
    _structure(root["/StructTreeRoot"], found)
    assert {"/H1", "/H2", "/L", "/LI", "/Figure"} <= set(found)
    figure = found["/Figure"][0]
    assert alt in str(figure.get("/Alt"))


def test_plan_pdf_carries_the_lesson_plan(built_site: Path) -> None:
    text = flat(text_of(built_site / "en/handouts/spotting-secrets-plan-a4.pdf"))
    for part in ("Lesson plan: Spotting unsafe secrets", "Objectives", "Schedule", "Running time"):
        assert part in text, part
    assert "Facilitator notes" in text
    assert "Sources" in text and "Warning signs" in text


def test_pages_link_to_their_pdfs_in_the_languages_paper_first(built_site: Path) -> None:
    def links(rel: str) -> list[str]:
        html = (built_site / rel).read_text(encoding="utf-8")
        nav = html.split('class="sp-print-links"')[1].split("</nav>")[0]
        return re.findall(r'href="([^"]+\.pdf)"', nav)

    en = links("en/lessons/spotting-secrets/index.html")
    assert en == [
        "../../handouts/spotting-secrets-letter.pdf",
        "../../handouts/spotting-secrets-a4.pdf",
    ]
    es = links("es/lessons/spotting-secrets/plan/index.html")
    assert es[0] == "../../../handouts/spotting-secrets-plan-a4.pdf"
    assert len(es) == 6, "the plan, the handout and the cards, on both papers"
    for rel, found in (
        ("en/lessons/spotting-secrets", en),
        ("es/lessons/spotting-secrets/plan", es),
    ):
        for href in found:
            assert (built_site / rel / href).resolve().is_file(), href


def test_declared_pack_is_built_listed_and_linked(built_site: Path) -> None:
    catalog = json.loads((built_site / "catalog.json").read_text(encoding="utf-8"))
    pack = catalog["packs"][0]
    assert pack["id"] == "fixture-evening" and pack["duration"] == 75
    assert pack["translations"]["es"]["title"] == "Tarde de prueba"
    assert pack["translations"]["ar"]["title"] == "Fixture evening"
    for entry in pack["translations"].values():
        for rel in entry["pdf"].values():
            assert (built_site / rel).is_file(), rel
    for lang, first in (("en", "letter"), ("ar", "a4")):
        home = (built_site / lang / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'href="(handouts/packs/fixture-evening-[a-z0-9]+\.pdf)"', home)
        assert links[0] == f"handouts/packs/fixture-evening-{first}.pdf"
    text = flat(text_of(built_site / "en/handouts/packs/fixture-evening-letter.pdf"))
    assert "Fixture evening" in text and "Agenda" in text and "Local contacts" in text


def test_second_build_renders_no_pdf_and_a_change_renders_only_its_own(
    built_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    """A copy of the built project with a copy of its cache folder starts warm."""
    root = warm_copy(built_site, tmp_path, monkeypatch)
    capsys.readouterr()
    assert build_site(root) == 0
    assert "48 PDF(s): 0 rendered, 48 from the cache" in capsys.readouterr().out
    lesson = root / "lessons/staff-basics/index.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("designated", "named"), encoding="utf-8")
    assert build_site(root) == 0
    # Only the lesson plans hold that word: 2 papers in each of 3 languages.
    assert "6 rendered, 42 from the cache" in capsys.readouterr().out
    lesson.write_text(text.replace("same day", "same school day"), encoding="utf-8")
    assert build_site(root) == 0
    # The handout text: staff-basics has no translation, so its handout and plan change
    # in every language, and so does the pack that includes it.
    assert "18 rendered, 30 from the cache" in capsys.readouterr().out
    cards = root / "lessons/spotting-secrets/index.md"
    edit = cards.read_text(encoding="utf-8").replace("party for Dad", "party for Mum")
    cards.write_text(edit, encoding="utf-8")
    assert build_site(root) == 0
    # A card's text: the card sheet, the plan (its answer key) and the pack, on both papers,
    # in English and in Arabic, which shows this lesson in English; not Spanish, not a handout.
    assert "12 rendered, 36 from the cache" in capsys.readouterr().out
    assert not list((root / "site").rglob("*.tmp"))


def test_unchanged_inputs_copy_the_pdfs_without_working_out_any_document(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """A warm rebuild costs what the HTML costs: no handout HTML is built to find its key.
    Any change to the content, even one no PDF shows, takes the full path again."""
    import signpost.handouts as handouts_pkg
    import signpost.handouts.site as handouts_site

    root = warm_copy(built_site, tmp_path, monkeypatch)
    assert build_site(root) == 0  # the copy's own manifest, for its own path
    worked_out: list[list[str]] = []
    real = handouts_site.documents

    def counting(checked, languages):
        worked_out.append(list(languages))
        return real(checked, languages)

    monkeypatch.setattr(handouts_site, "documents", counting)
    monkeypatch.setattr(handouts_pkg, "documents", counting)
    before = (root / "site/es/handouts/spotting-secrets-a4.pdf").read_bytes()
    capsys.readouterr()
    assert build_site(root) == 0
    assert "48 PDF(s): 0 rendered, 48 from the cache" in capsys.readouterr().out
    assert worked_out == []
    assert (root / "site/es/handouts/spotting-secrets-a4.pdf").read_bytes() == before
    strings = root / "data/strings/en.yml"
    strings.write_text(strings.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert build_site(root) == 0
    assert worked_out, "a changed data file means every key is worked out again"
    assert "0 rendered, 48 from the cache" in capsys.readouterr().out


def test_no_handouts_builds_html_only(project: Path) -> None:
    assert build_site(project, handouts=False, languages=["en"]) == 0
    site = project / "site"
    assert not (site / "en/handouts").exists()
    assert "sp-print-links" not in (site / "en/lessons/spotting-secrets/index.html").read_text()
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["lessons"][0]["translations"]["en"]["handouts"] is None
    assert catalog["packs"] == []


def test_a_character_no_font_covers_stops_the_check(project: Path, capsys) -> None:
    es = project / "lessons/spotting-secrets/index.es.md"
    es.write_text(es.read_text(encoding="utf-8") + "\nUn dibujo: \u2603 y 中\n", encoding="utf-8")
    assert main(["-C", str(project), "check"]) == 1
    err = capsys.readouterr().err
    line = len(es.read_text(encoding="utf-8").splitlines())
    assert f"lessons/spotting-secrets/index.es.md:{line}: glyph `\u2603` (U+2603 SNOWMAN)" in err
    assert "in this `es` lesson has no glyph in the handout fonts" in err
    assert "U+4E2D" in err
    assert "Traceback" not in err


def test_renderer_reads_only_the_projects_files(tmp_path: Path) -> None:
    from signpost.handouts.render import _fetcher

    inside = tmp_path / "project"
    inside.mkdir()
    (inside / "picture.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    fetch = _fetcher((str(inside),))
    assert fetch((inside / "picture.svg").as_uri()).read().startswith(b"<svg")
    assert fetch("data:text/plain,ok").read() == b"ok"
    for url in ("file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.org/x.png"):
        with pytest.raises(ValueError, match="project's own files"):
            fetch(url)
    (inside / "leak.txt").symlink_to("/etc/hostname")
    with pytest.raises(ValueError):
        fetch((inside / "leak.txt").as_uri())


class TestPackCommand:
    def run(self, project: Path, *args: str) -> int:
        return main(["-C", str(project), "pack", *args])

    def test_writes_cover_handouts_and_help(self, project: Path, tmp_path: Path, capsys) -> None:
        out = tmp_path / "pack.pdf"
        code = self.run(
            project, "staff-basics", "spotting-secrets", "-o", str(out),
            "--title", "Parents' evening", "--date", "2026-12-03", "--start", "18:30",
        )  # fmt: skip
        assert code == 0, capsys.readouterr().err
        reader = PdfReader(out)
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == SIZES["letter"]
        pages = [flat(p.extract_text()) for p in reader.pages]
        cover = pages[0]
        for part in ("Parents' evening", "2026-12-03", "Agenda", "18:30", "19:15", "19:45", "75"):
            assert part in cover, part
        assert "Staff basics" in pages[1] and "Spotting unsafe secrets" in "".join(pages[2:])
        help_pages = " ".join(pages[-2:])  # the lines, then a page for local contacts
        assert "Hotlines and referral contacts" in help_pages and "911" in help_pages
        assert "wrote" in capsys.readouterr().out

    def test_unknown_lesson_names_the_likely_one(self, project: Path, tmp_path: Path, capsys):
        assert self.run(project, "spotting-secret", "-o", str(tmp_path / "p.pdf")) == 1
        err = capsys.readouterr().err
        assert "unknown lesson `spotting-secret`" in err and "spotting-secrets" in err
        assert "Traceback" not in err and not (tmp_path / "p.pdf").exists()

    def test_untranslated_lesson_offers_the_fallback(self, project: Path, tmp_path: Path, capsys):
        out = tmp_path / "p.pdf"
        assert self.run(project, "staff-basics", "--lang", "es", "-o", str(out)) == 1
        err = capsys.readouterr().err
        assert "not translated into Español" in err and "--fallback" in err
        assert not out.exists()
        assert self.run(project, "staff-basics", "--lang", "es", "--fallback", "-o", str(out)) == 0
        assert PdfReader(out).trailer["/Root"]["/Lang"] == "es"
        box = PdfReader(out).pages[0].mediabox
        assert round(float(box.width)) == SIZES["a4"][0], "Spanish defaults to A4"

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--paper", "a5"], "unknown paper size `a5`; use one of: a4, letter"),
            (["--lang", "de"], "unknown language `de`"),
            (["--date", "2026-02-30"], "--date must be a date like"),
            (["--start", "25:00"], "--start must be a time like 18:30"),
        ],
    )
    def test_bad_options_are_one_clear_line(
        self, project: Path, tmp_path: Path, capsys, args: list[str], message: str
    ) -> None:
        assert self.run(project, "staff-basics", *args, "-o", str(tmp_path / "p.pdf")) == 1
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1

    def test_output_that_cannot_be_written(self, project: Path, tmp_path: Path, capsys) -> None:
        assert self.run(project, "staff-basics", "-o", str(tmp_path / "nowhere/p.pdf")) == 1
        assert "the folder" in capsys.readouterr().err
        assert self.run(project, "staff-basics", "-o", str(tmp_path)) == 1
        assert "it is a folder" in capsys.readouterr().err


CARD_TEXT = {"en": "CARD-ONE", "es": "TARJETA-UNO", "ar": "CARD-ONE"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("paper", SIZES)
def test_card_sheet_for_every_declaring_lesson_language_and_paper(
    built_site: Path, lang: str, paper: str
) -> None:
    """Arabic has no translation of the lesson, so its sheet carries the English cards."""
    sheet = built_site / lang / "handouts" / f"spotting-secrets-cards-{paper}.pdf"
    reader = PdfReader(sheet)
    assert len(reader.pages) == 1, "two cards and two pile labels fit one page"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == SIZES[paper]
    text = flat(text_of(sheet))
    assert CARD_TEXT[lang] in text
    assert "· 1" in text and "· 2" in text, "each card carries its number"
    for lesson in ("staff-basics", "untranslated-one"):
        assert not (sheet.parent / f"{lesson}-cards-{paper}.pdf").exists(), "no cards, no sheet"


def test_card_sheet_marks_each_card_and_never_prints_the_answers(built_site: Path) -> None:
    text = flat(text_of(built_site / "en/handouts/spotting-secrets-cards-a4.pdf"))
    assert "Spotting unsafe secrets · 1" in text and "Spotting unsafe secrets · 2" in text
    assert "CARD-ONE: a party for Dad on Sunday." in text
    assert text.count("Spotting unsafe secrets · Pile") == 2, "the piles print as labels"
    assert "Surprise" in text and "Tell" in text
    assert "Answer" not in text
    assert "License: CC BY 4.0" not in text and "Page 1 of 1" in text, "the footer, as on handouts"
    es = flat(text_of(built_site / "es/handouts/spotting-secrets-cards-letter.pdf"))
    assert "Reconocer secretos inseguros · 2" in es and "TARJETA-DOS" in es
    assert "Montón" in es and "Cuéntalo" in es and "Respuesta" not in es


def test_arabic_card_sheet_is_right_to_left_and_tagged(
    project: Path, tmp_path: Path, kept_pdfs: Path
) -> None:
    """A lesson translated into Arabic lays its cards out from the right; the English sheet
    of the same lesson from the left."""
    from signpost.checks.pipeline import check_project
    from signpost.handouts import Builder, render

    source = (project / "lessons/spotting-secrets/index.md").read_text(encoding="utf-8")
    header = (
        "---\ntitle: اكتشاف الأسرار غير الآمنة\nsummary: الفرق بين المفاجأة والسرّ غير الآمن.\n"
        "objectives:\n  - في النهاية، تستطيع التمييز بين المفاجأة والسرّ غير الآمن.\n"
        "warning_signs:\n  - شخص يطلب منك أن تخفي سرًّا عن عائلتك.\n---\n"
    )
    body = source.split("\n---\n", 1)[1]
    body = body.replace("[Surprise] CARD-ONE", "[مفاجأة] CARD-ONE").replace(
        "[Tell] CARD-TWO", "[أخبِر] CARD-TWO"
    )
    body = body.replace("sort: [Surprise, Tell]", "sort: [مفاجأة, أخبِر]")
    (project / "lessons/spotting-secrets/index.ar.md").write_text(header + body, encoding="utf-8")
    checked = check_project(project, quality=False)
    assert not checked.report.errors, [f.message for f in checked.report.findings]
    lesson = next(le for le in checked.lessons if le.id == "spotting-secrets")
    docs = [
        (Builder(checked, lang).cards(lesson, "a4"), tmp_path / f"{lang}.pdf")
        for lang in ("ar", "en")
    ]
    render(docs, kept_pdfs, jobs=1)
    reader = PdfReader(tmp_path / "ar.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "ar"
    found: dict[str, list] = {}
    _structure(root["/StructTreeRoot"], found)
    assert {"/H1", "/H2", "/L", "/LI"} <= set(found)
    for lang, right_to_left in (("ar", True), ("en", False)):
        layout = text_of(tmp_path / f"{lang}.pdf", "-layout")
        row = next(line for line in layout.splitlines() if "CARD-ONE" in line)
        assert (row.index("CARD-ONE") > row.index("CARD-TWO")) is right_to_left, (lang, row)


def test_catalog_lists_card_sheets_and_only_for_lessons_with_cards(built_site: Path) -> None:
    catalog = json.loads((built_site / "catalog.json").read_text(encoding="utf-8"))
    lessons = {item["id"]: item for item in catalog["lessons"]}
    for lang in LANGS:
        cards = lessons["spotting-secrets"]["translations"][lang]["cards"]
        assert cards == {
            "a4": f"{lang}/handouts/spotting-secrets-cards-a4.pdf",
            "letter": f"{lang}/handouts/spotting-secrets-cards-letter.pdf",
        }
        for rel in cards.values():
            assert (built_site / rel).is_file(), rel
        assert lessons["staff-basics"]["translations"][lang]["cards"] is None


def test_plan_links_the_cards_and_lists_them_with_the_answer_key(built_site: Path) -> None:
    plan = (built_site / "en/lessons/spotting-secrets/plan/index.html").read_text(encoding="utf-8")
    nav = plan.split('class="sp-print-links"')[1].split("</nav>")[0]
    links = re.findall(r'href="([^"]+-cards-[a-z0-9]+\.pdf)"', nav)
    assert links == [
        "../../../handouts/spotting-secrets-cards-letter.pdf",
        "../../../handouts/spotting-secrets-cards-a4.pdf",
    ]
    for href in links:
        assert (built_site / "en/lessons/spotting-secrets/plan" / href).resolve().is_file()
    assert "Cards and answer key" in plan
    assert re.search(r"Card 2\.</strong> CARD-TWO.*?Answer: Tell", plan, re.S)
    student = (built_site / "en/lessons/spotting-secrets/index.html").read_text(encoding="utf-8")
    assert "CARD-TWO" in student, "a student reading alone still has the cards"
    assert "Answer" not in student
    assert "spotting-secrets-cards-" not in student, "the sheet is for the teacher's plan"
    assert "sort:" not in student and "[Tell]" not in student
    pdf = flat(text_of(built_site / "en/handouts/spotting-secrets-plan-a4.pdf"))
    assert "CARD-ONE: a party for Dad on Sunday. — Answer: Surprise" in pdf


def test_pack_includes_each_lessons_cards_after_its_handout(built_site: Path) -> None:
    text = flat(text_of(built_site / "en/handouts/packs/fixture-evening-a4.pdf"))
    handout = text.index("HANDOUT-TEXT")
    assert (
        text.index("CARDS TO CUT OUT", handout)
        < text.index("CARD-ONE")
        < text.index("Where to get help" if "Where to get help" in text else "Local contacts")
    )
    assert "Answer" not in text
    es = flat(text_of(built_site / "es/handouts/packs/fixture-evening-letter.pdf"))
    assert "TARJETA-UNO" in es


def qr_codes(pdf: Path, folder: Path) -> list[str]:
    """Every QR code on every page of `pdf`, as a phone camera would read the printout."""
    if not shutil.which("zbarimg") or not shutil.which("pdftoppm"):
        pytest.skip("zbarimg/pdftoppm missing: apt-get install zbar-tools poppler-utils")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "110", str(pdf), str(folder / "p")], check=True)
    pages = sorted(str(p) for p in folder.glob("p*.png"))
    scan = subprocess.run(["zbarimg", "-q", "--raw", *pages], capture_output=True, text=True)
    return scan.stdout.split()


SITE = "https://fixture.signpost-lessons.org"


def test_every_plan_and_pack_scans_back_to_its_page(built_site: Path, tmp_path: Path) -> None:
    """A teacher's plan leads to the plan online; a pack, to the hosts' page (the home page
    here: the fixture has no for-hosts.md)."""
    for lang in LANGS:
        for paper in SIZES:
            for lesson in LESSONS:
                pdf = built_site / lang / f"handouts/{lesson}-plan-{paper}.pdf"
                codes = qr_codes(pdf, tmp_path / pdf.stem / lang)
                assert codes == [f"{SITE}/{lang}/lessons/{lesson}/plan/"], (lang, pdf.name)
            pack = built_site / lang / f"handouts/packs/fixture-evening-{paper}.pdf"
            assert qr_codes(pack, tmp_path / pack.stem / lang) == [f"{SITE}/{lang}/"]


# Lines every plan prints, whoever its reader: the teachers' box (youth and staff lessons)
# and the community box (a host's lesson) share these. Arabic has no country of its own, so
# it prints every country's emergency number and first line.
PLAN_LINES = {
    "en": ("911", "988", "1-800-422-4453", "1-888-373-7888"),
    "es": ("911", "988", "1-888-373-7888", "112", "116 111"),
    "ar": ("911", "999", "08000 121 700", "000", "112"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_every_plan_prints_the_help_lines_for_its_language(built_site: Path, lang: str) -> None:
    for lesson in LESSONS:
        for paper in SIZES:
            text = flat(text_of(built_site / lang / f"handouts/{lesson}-plan-{paper}.pdf"))
            for number in PLAN_LINES[lang]:
                assert number in text, (lesson, paper, number)
            addresses = squeezed(text)
            assert f"signpost-lessons.org/{lang}/lessons/{lesson}/plan/" in addresses
            assert f"signpost-lessons.org/{lang}/get-help/" in addresses


def test_a_teachers_plan_lists_more_than_the_childs_handout(built_site: Path) -> None:
    """The 8-10 sheet gives a child their child line; the teacher running that lesson also
    gets the trafficking hotline and the CyberTipline."""
    child = flat(text_of(built_site / "en/handouts/spotting-secrets-letter.pdf"))
    plan = flat(text_of(built_site / "en/handouts/spotting-secrets-plan-letter.pdf"))
    for number in ("1-888-373-7888", "1-800-843-5678"):
        assert number not in child and number in plan, number
    es = flat(text_of(built_site / "es/handouts/spotting-secrets-plan-a4.pdf"))
    assert "116 000" in es, "and the EU missing-children line"


def test_a_pack_for_hosts_scans_to_the_hosts_page(project: Path, tmp_path: Path) -> None:
    (project / "docs/for-hosts.md").write_text("# For hosts\n\nEvery pack.\n", encoding="utf-8")
    out = tmp_path / "pack.pdf"
    assert main(["-C", str(project), "pack", "staff-basics", "-o", str(out)]) == 0
    assert qr_codes(out, tmp_path / "scan") == [f"{SITE}/en/for-hosts/"]
    assert "signpost-lessons.org/en/for-hosts/" in squeezed(text_of(out))


def _set_site_url(project: Path, line: str) -> None:
    config = project / "signpost.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"^site_url:.*\n", line, text, flags=re.M), encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("site_url: https://signpost.example.org/\n", "is a placeholder"),
        ("site_url: http://localhost:8000/\n", "is a placeholder"),
        ("site_url: https://lessons.school.test/\n", "is a placeholder"),
        ("site_url: lessons.harbor.org\n", "is not a full http(s) address"),
        ("", "is not set"),
    ],
)
def test_a_placeholder_site_url_prints_no_address_and_strict_refuses_it(
    project: Path, tmp_path: Path, capsys, line: str, problem: str
) -> None:
    _set_site_url(project, line)
    assert main(["-C", str(project), "check"]) == 0, "only a warning"
    assert main(["-C", str(project), "check", "--strict"]) == 1
    err = capsys.readouterr().err
    at = 2 if line else 1
    assert f"signpost.yml:{at}: site-url (warning) `site_url` {problem}" in err
    assert "hint: Set `site_url:` to the https:// address" in err
    out = tmp_path / "pack.pdf"
    assert (
        main(["-C", str(project), "pack", "staff-basics", "spotting-secrets", "-o", str(out)]) == 0
    )
    said = capsys.readouterr().err
    assert said.count("no QR code and no web address") == 1
    text = flat(text_of(out))
    for address in ("example.org", "localhost", ".test", "harbor.org", "/en/lessons/"):
        assert address not in text, address
    assert "1-800-422-4453" in text, "the help lines are still printed"
    assert qr_codes(out, tmp_path / "scan") == []


def test_the_build_says_once_that_its_pdfs_have_no_address(project: Path, capsys) -> None:
    _set_site_url(project, "site_url: https://signpost.example.org/\n")
    assert build_site(project, languages=["en"]) == 0
    captured = capsys.readouterr()
    assert "16 PDF(s)" in captured.out, "handouts, plans, the card sheet and the pack"
    line = "signpost: the PDFs have no QR code and no web address: `site_url` is a placeholder"
    assert captured.err.count(line) == 1
    plan = flat(text_of(project / "site/en/handouts/staff-basics-plan-a4.pdf"))
    assert "example.org" not in plan and "911" in plan


def test_an_address_given_by_site_url_is_printed_and_built_into_every_language(
    project: Path, tmp_path: Path, capsys
) -> None:
    """A GitHub Pages workflow learns its address only when it runs: `--site-url` gives it
    to check, pack and build without editing signpost.yml, which keeps its placeholder."""
    _set_site_url(project, "site_url: https://signpost.example.org/\n")
    given = "https://harbor-youth.github.io/lessons"
    assert main(["-C", str(project), "check", "--site-url", given]) == 0
    assert "site-url" not in capsys.readouterr().err
    out = tmp_path / "pack.pdf"
    (project / "docs/for-hosts.md").write_text("# For hosts\n\nEvery pack.\n", encoding="utf-8")
    assert (
        main(["-C", str(project), "pack", "staff-basics", "-o", str(out), "--site-url", given]) == 0
    )
    assert qr_codes(out, tmp_path / "scan") == [f"{given}/en/for-hosts/"]
    assert main(["-C", str(project), "check", "--site-url", "https://x.test/"]) == 0
    assert "is a placeholder (https://x.test/) (given by --site-url)" in capsys.readouterr().err
    assert main(["-C", str(project), "check", "--site-url", "lessons.org"]) == 2
    assert "--site-url must be a full http(s) address" in capsys.readouterr().err
    assert build_site(project, languages=["es"], handouts=False, site_url=given) == 0
    page = (project / "site/es/lessons/spotting-secrets/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{given}/es/lessons/spotting-secrets/">' in page
    assert f"<loc>{given}/es/" in (project / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "example.org" not in page


@pytest.mark.parametrize(
    ("url", "placeholder"),
    [
        ("https://example.com/", True),
        ("https://www.example.net/curriculum/", True),
        ("https://docs.example/", True),
        ("https://site.invalid/", True),
        ("http://127.0.0.1:8000/", True),
        ("https://printer.local/", True),
        ("https://example.org.uk/", False),
        ("https://myexample.org/", False),
        ("https://lessons.harbor.org/", False),
        ("https://someone.github.io/signpost/", False),
    ],
)
def test_placeholder_hosts_come_from_the_data_file(url: str, placeholder: bool) -> None:
    from signpost.project import site_url_problem

    assert site_url_problem(url).startswith("is a placeholder") is placeholder


@pytest.mark.parametrize(("left", "over"), [("2mm", ["QRBLOCKER"]), ("40mm", [])])
def test_the_qr_reader_sees_text_printed_over_a_code(tmp_path: Path, left: str, over: list):
    """The reader the handout tests trust (`pdf_boxes`): a word printed across a real code,
    drawn by the renderer the handouts use, is found, and the same word beside it is not."""
    from signpost.handouts.qr import data_uri
    from signpost.handouts.render import render_pdf

    html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>QR</title>
<style>@page {{ size: A4; margin: 20mm }} .code {{ position: relative; height: 27mm }}
img {{ width: 27mm; height: 27mm }} .word {{ position: absolute; top: 10mm; left: {left};
margin: 0; font: bold 14pt sans-serif }}</style></head><body><p>Scan to open the lesson.</p>
<div class="code"><img alt="QR code" src="{data_uri("https://lessons.example.org/en/")}">
<p class="word">QRBLOCKER</p></div></body></html>"""
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(render_pdf(html, (), b"qr-reader-check-0"))
    _, qr, found = sheet(pdf)
    assert qr
    assert [line.rsplit(": ", 1)[1] for line in found] == over


def test_a_long_address_keeps_clear_of_the_qr_code_in_arabic(
    project: Path, tmp_path: Path, kept_pdfs: Path
) -> None:
    """Right to left, the code sits at the left. An address too long for the line beside the
    code, though short enough for a full line, once ran on under it; now it wraps after a
    `/` inside its own column. Addresses of every length through that window are tried."""
    import dataclasses

    from signpost.checks.pipeline import check_project
    from signpost.handouts import Builder, render

    checked = check_project(project)
    docs = []
    for n in range(16, 44, 4):
        checked.project = dataclasses.replace(
            checked.project, site_url=f"https://lessons.fixture.org/{'e' * n}/"
        )
        builder = Builder(checked, "ar")
        for lesson in checked.lessons:
            for paper in SIZES:
                doc = builder.handout(lesson, paper)
                docs.append((doc, tmp_path / str(n) / doc.target))
    render(docs, kept_pdfs)
    for _, pdf in docs:
        _, qr, over = sheet(pdf)
        assert qr, pdf
        assert over == []
        assert "/ar/lessons/" in squeezed(text_of(pdf)), pdf


def test_the_help_box_never_starts_a_page_alone(
    project: Path, tmp_path: Path, kept_pdfs: Path
) -> None:
    """However far the content runs down the sheet, the help box is never left alone on a
    last page: it takes the content's last paragraph with it. One line more at a time
    walks the content's end through the bottom of the first page."""
    from signpost.checks.pipeline import check_project
    from signpost.handouts import Builder, Document, render

    checked = check_project(project)
    lesson = next(le for le in checked.lessons if le.id == "spotting-secrets")
    base = Builder(checked, "en").handout(lesson, "a4")
    end = '</div>\n<section class="help"'
    assert end in base.html
    docs = []
    for n in range(2, 30):
        filler = "".join(f"<p>Filler line {i}.</p>" for i in range(1, n + 1))
        html = base.html.replace(end, filler + end, 1)
        doc = Document(base.kind, base.lang, base.paper, f"handouts/filler-{n}.pdf", html)
        docs.append((doc, tmp_path / doc.target))
    render(docs, kept_pdfs)
    pages = set()
    for n, (_, pdf) in zip(range(2, 30), docs, strict=True):
        count = len(PdfReader(pdf).pages)
        pages.add(count)
        last = text_of(pdf, "-f", str(count), "-l", str(count))
        assert "Need help or want to talk?" in text_of(pdf)
        if count > 1:
            assert f"Filler line {n}." in last, f"{n} lines: the help box is alone on page {count}"
    assert pages == {1, 2}, "the walk spans the end of the first page"


@pytest.mark.parametrize("jobs", [1, 2])
def test_rendering_leaves_no_temporary_files(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """WeasyPrint copies each document's fonts into a temporary folder that only a garbage
    collection removes. The pool's workers exited without one, so the folders of their last
    PDFs stayed in /tmp, 2.5 MB each: 3 from a cold build of the curriculum, all 6 from a
    render of 6 PDFs, and 475 after a day of test runs here."""
    import tempfile

    from signpost.checks.pipeline import check_project
    from signpost.handouts import Builder, render

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # inherited by the pool's workers
    checked = check_project(project)
    builder = Builder(checked, "en")
    docs = [
        (doc, tmp_path / "out" / doc.target)
        for doc in (builder.handout(lesson, "a4") for lesson in checked.lessons[:2])
    ]
    stats = render(docs, tmp_path / "cache" / "pdf", jobs=jobs)
    assert stats.rendered == 2, "rendered here, not taken from a cache"
    assert sorted(p.name for p in scratch.iterdir()) == []


def test_a_change_to_the_code_that_makes_a_pdf_changes_its_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """PDFs are kept between builds (and between test runs) by key: a changed renderer or
    finishing pass, or another pikepdf, must not be handed the PDFs older code made."""
    import importlib

    from signpost.handouts.document import Document

    rendering = importlib.import_module("signpost.handouts.render")

    doc = Document("handout", "en", "a4", "x-a4.pdf", "<p>Same page</p>")
    keys = {rendering.cache_key(doc, "70.0")}
    real = Path.read_bytes
    for changed in ("finish.py", "render.py"):

        def edited(path: Path, name: str = changed) -> bytes:
            return real(path) + (b"\n# changed" if path.name == name else b"")

        monkeypatch.setattr(Path, "read_bytes", edited)
        rendering.code_fingerprint.cache_clear()
        keys.add(rendering.cache_key(doc, "70.0"))
        monkeypatch.undo()
    monkeypatch.setattr("importlib.metadata.version", lambda name: "0.0-other")
    rendering.code_fingerprint.cache_clear()
    keys.add(rendering.cache_key(doc, "70.0"))
    monkeypatch.undo()
    rendering.code_fingerprint.cache_clear()
    assert len(keys) == 4, "each change gives another key"
    assert rendering.cache_key(doc, "70.0") in keys
