"""The evaluation on paper: a questionnaire and tally sheet per lesson, language and paper,
made by the handout pipeline and cached like the rest; packs that carry them; and
`signpost report`, which charts a tally file or refuses its bad lines and writes nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import make_evaluation_project, warm_copy
from pypdf import PdfReader
from test_handouts import flat, text_of

from signpost.build.build import build_site
from signpost.cli import main

LANGS = ("en", "es", "fr", "ar")
COLUMNS = "lesson,language,date,group_size,before_1,before_2,before_3,after_1,after_2,after_3"
TALLY = COLUMNS + "\nspotting-secrets,en,2026-11-20,24,15,9,18,22,21,24\n"


@pytest.fixture(scope="module")
def eval_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_evaluation_project(tmp_path_factory.mktemp("evaluation-paper"))
    assert build_site(root) == 0
    return root / "site"


def test_each_lesson_with_questions_has_a_questionnaire_in_every_language_and_paper(
    eval_site: Path,
) -> None:
    catalog = json.loads((eval_site / "catalog.json").read_text(encoding="utf-8"))
    by_id = {item["id"]: item for item in catalog["lessons"]}
    assert by_id["spotting-secrets"]["questions"] == 3
    assert by_id["staff-basics"]["questions"] == 0
    for lang in LANGS:
        listed = by_id["spotting-secrets"]["translations"][lang]["evaluation"]
        assert listed == {
            paper: f"{lang}/handouts/spotting-secrets-evaluation-{paper}.pdf"
            for paper in ("a4", "letter")
        }
        for path in listed.values():
            assert (eval_site / path).is_file(), path
        assert by_id["staff-basics"]["translations"][lang]["evaluation"] is None
    assert not list(eval_site.rglob("staff-basics-evaluation-*.pdf"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_questionnaire_pages_then_one_tally_page(eval_site: Path, lang: str, paper: str):
    pdf = eval_site / lang / f"handouts/spotting-secrets-evaluation-{paper}.pdf"
    reader = PdfReader(pdf)
    assert 2 <= len(reader.pages) <= 3, "at most two pages of questions, then the tally"
    last = flat(reader.pages[-1].extract_text())
    assert COLUMNS in last, "the tally sheet prints the report CSV's columns"
    questions = flat(" ".join(page.extract_text() for page in reader.pages[:-1]))
    assert COLUMNS not in questions
    words = {
        "en": ("No names on this sheet", "reads each question", "Before", "After"),
        "es": ("Esta hoja no lleva nombres", "lee en voz alta", "Antes", "Después"),
        "fr": ("Aucun nom sur cette feuille", "à voix haute", "Avant", "Après"),
        "ar": ("هذه الورقة", "بصوت", "قبل", "بعد"),  # pdftotext splits lam-alef
    }[lang]
    plain = flat(text_of(pdf))
    for word in words:
        assert word in plain, (lang, word)


def _walk(node, out: list) -> None:
    node = node.get_object() if hasattr(node, "get_object") else node
    if not isinstance(node, dict):
        return
    if "/S" in node:
        out.append(node)
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, list) else [kids]:
        _walk(kid, out)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_questionnaire_is_tagged_with_table_headers_and_headings_in_order(
    eval_site: Path, lang: str
) -> None:
    reader = PdfReader(eval_site / lang / "handouts/spotting-secrets-evaluation-a4.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang and bool(root["/MarkInfo"]["/Marked"])
    elements: list = []
    _walk(root["/StructTreeRoot"], elements)
    headers = [e for e in elements if e["/S"] == "/TH"]
    assert len(headers) >= 3 * 3 + 7, "column and row headers of every table"
    # WeasyPrint writes no /Scope into the tags, so the scope is checked where it is set.
    from signpost.checks.pipeline import check_project
    from signpost.handouts import documents

    checked = check_project(eval_site.parent, quality=False)
    for doc in documents(checked, [lang]):
        if doc.kind == "evaluation":
            cells = re.findall(r"<th\b[^>]*>", doc.html)
            assert cells and all(re.search(r'scope="(col|row)"', c) for c in cells), cells
    levels = [int(e["/S"][2:]) for e in elements if str(e["/S"]).startswith("/H")]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_plan_and_hosts_page_link_the_questionnaire(eval_site: Path) -> None:
    for lang in LANGS:
        plan = (eval_site / lang / "lessons/spotting-secrets/plan/index.html").read_text()
        assert 'href="../../../handouts/spotting-secrets-evaluation-a4.pdf"' in plan
        student = (eval_site / lang / "lessons/spotting-secrets/index.html").read_text()
        assert "-evaluation-" not in student, "students get the self-check, not the sheets"
    hosts = (eval_site / "en/for-hosts/index.html").read_text()
    assert 'href="../handouts/spotting-secrets-evaluation-letter.pdf"' in hosts
    assert "staff-basics-evaluation" not in hosts


def test_a_second_build_renders_none_of_them_again(
    eval_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    root = warm_copy(eval_site, tmp_path, monkeypatch)
    total = len(list((root / "site").rglob("handouts/**/*.pdf")))
    assert len(list((root / "site").rglob("*-evaluation-*.pdf"))) == 8
    capsys.readouterr()
    assert build_site(root) == 0
    assert f"{total} PDF(s): 0 rendered, {total} from the cache" in capsys.readouterr().out
    lesson = root / "lessons/spotting-secrets/index.fr.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace('"Un jeu"', '"Un jeu vidéo"'), encoding="utf-8")
    assert build_site(root) == 0
    # The French questionnaire and lesson plan show the choice, on two papers each.
    assert f"4 rendered, {total - 4} from the cache" in capsys.readouterr().out


def test_a_pack_carries_the_questionnaires_when_asked(tmp_path: Path, capsys) -> None:
    root = make_evaluation_project(tmp_path)
    for flag, present in ((["--evaluation"], True), ([], False)):
        out = tmp_path / f"pack{len(flag)}.pdf"
        args = ["-C", str(root), "pack", "spotting-secrets", "staff-basics", "-o", str(out)]
        assert main([*args, *flag]) == 0, capsys.readouterr().err
        text = flat(text_of(out))
        assert ("Tally sheet: Spotting unsafe secrets" in text) is present
        assert ("Before and after: Spotting unsafe secrets" in text) is present
        assert "Tally sheet: Staff basics" not in text


def _report(root: Path, tally: str, capsys, *extra: str) -> tuple[int, str, Path]:
    source = root / "tally.csv"
    source.write_text(tally, encoding="utf-8")
    out = root / "report.pdf"
    code = main(["-C", str(root), "report", str(source), "-o", str(out), *extra])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "unexpected" not in captured.err
    return code, captured.out + captured.err, out


def test_report_charts_before_and_after_on_one_page(tmp_path: Path, capsys) -> None:
    root = make_evaluation_project(tmp_path)
    more = "spotting-secrets,es,2026-11-27,16,9,3,10,16,15,16\n"
    code, said, out = _report(root, TALLY + more, capsys)
    assert code == 0, said
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = flat(reader.pages[0].extract_text())
    assert "Spotting unsafe secrets" in text and "Question 1" in text
    # Question 1: (15 + 9) of 40 before, (22 + 16) after; all questions: 64 of 120, 114.
    for share in ("Before 60%", "After 95%", "Before 53%"):
        assert share in text, share
    assert text.count("After 95%") == 2, "question 1, and all questions together"
    assert "Sessions: 2. People counted: 40. Dates: 2026-11-20 to 2026-11-27." in text
    code, said, out = _report(root, TALLY, capsys, "--lang", "ar")
    assert code == 0 and "قبل" in flat(text_of(out))


@pytest.mark.parametrize(
    ("line", "code", "words"),
    [
        ("spotting-secret,en,2026-11-20,24,1,1,1,1,1,1", "tally-lesson", "did you mean"),
        ("staff-basics,en,2026-11-20,24,1,1,1,1,1,1", "tally-lesson", "unknown lesson"),
        ("spotting-secrets,de,2026-11-20,24,1,1,1,1,1,1", "tally-language", "`de`"),
        ("spotting-secrets,en,2026-11-20,24,25,1,1,1,1,1", "tally-over", "`before_1` is 25"),
        ("spotting-secrets,en,2026-11-20,24,1,-2,1,1,1,1", "tally-number", "`before_2` is `-2`"),
        ("spotting-secrets,en,2026-11-20,24,1,1,1,1,1,lots", "tally-number", "`after_3`"),
        ("spotting-secrets,en,2026-11-20,24,1,1,1,1,1", "tally-columns", "has 9 columns"),
        ("spotting-secrets,en,20/11/2026,24,1,1,1,1,1,1", "tally-date", "`20/11/2026`"),
        ("spotting-secrets,en,2026-11-20,0,0,0,0,0,0,0", "tally-group", "group_size is 0"),
        ("spotting-secrets,en,2026-11-20,41,1,1,1,1,1,1", "tally-group", "1 to 40"),
    ],
)
def test_a_bad_tally_line_is_named_and_no_report_is_written(
    tmp_path: Path, capsys, line: str, code: str, words: str
) -> None:
    root = make_evaluation_project(tmp_path)
    (root / "report.pdf").write_bytes(b"the last report")
    status, said, out = _report(root, TALLY + line + "\n", capsys)
    assert status == 1
    finding = next(x for x in said.split("\n") if f": {code} " in x)
    assert finding.startswith(f"{root / 'tally.csv'}:3: {code} "), said
    assert words in finding, finding
    assert said.split(finding, 1)[1].split("\n")[1].strip().startswith("hint:")
    assert out.read_bytes() == b"the last report", "an existing report is left as it was"


def test_a_tally_that_is_not_text_is_one_line(tmp_path: Path, capsys) -> None:
    root = make_evaluation_project(tmp_path)
    status, said, out = _report(root, "", capsys)
    assert status == 1 and "tally-empty" in said and not out.exists()
    (root / "tally.csv").write_bytes(b"lesson\n\xff\xfe")
    code = main(["-C", str(root), "report", str(root / "tally.csv"), "-o", str(out)])
    assert code == 1 and ":2: tally-encoding" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_nothing_on_a_shipped_questionnaire_runs_off_its_page(
    tmp_path: Path, lang: str, kept_pdfs: Path
) -> None:
    """The tally's CSV header row, 100 characters with no space, once ran past the page's
    edge (in Arabic, past the left one): every character of every page lies on the paper."""
    import pdfplumber

    from signpost.checks.pipeline import check_project
    from signpost.handouts import Builder, render
    from signpost.handouts.evaluation import evaluation

    checked = check_project(Path(__file__).resolve().parent.parent, quality=False)
    lesson = max(checked.lessons, key=lambda le: len(le.texts["en"].questions))
    docs = [
        (evaluation(Builder(checked, lang), lesson, paper), tmp_path / f"{paper}.pdf")
        for paper in ("a4", "letter")
    ]
    render(docs, kept_pdfs, jobs=1)
    for _, pdf in docs:
        with pdfplumber.open(pdf) as read:
            for page in read.pages:
                off = [c["text"] for c in page.chars if c["x0"] < 0 or c["x1"] > page.width]
                assert off == [], (pdf.name, page.page_number, "".join(off))
