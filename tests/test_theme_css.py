"""The theme's stylesheet keeps every rule a page can use and drops the rest."""

from __future__ import annotations

import json
from pathlib import Path

from signpost.theme.search_index import compact
from signpost.theme.theme_css import Classes, prune, prune_theme

CSS = (
    ".md-header{color:red}"
    ".md-tabs,.md-header__title{margin:0}"
    ".md-blog .md-post{padding:0}"
    ".md-typeset :is(.tabbed-set,.admonition){border:0}"
    'a[href$=".pdf"]{font-weight:700}'
    "@media screen and (min-width:60em){.md-tabs{display:none}.md-header{top:0}}"
    "@media print{.md-version{display:none}}"
    "@keyframes spin{0%{opacity:0}}"
    ".md-source__fact--version{color:blue}"
)


def test_prune_keeps_used_rules_and_selectors_only() -> None:
    classes = Classes({"md-header", "md-header__title", "md-typeset"}, {"md-source__fact--"})
    out = prune(CSS, classes)
    assert ".md-header{color:red}" in out
    assert ".md-header__title{margin:0}" in out and ".md-tabs," not in out
    assert ".md-blog" not in out and ".md-version" not in out
    assert ":is(.tabbed-set,.admonition)" in out  # inside :is() a class need not be used
    assert 'a[href$=".pdf"]' in out  # a dot in an attribute value is not a class
    assert "@media screen and (min-width:60em){.md-header{top:0}}" in out
    assert "@media print" not in out
    assert "@keyframes spin" in out
    assert ".md-source__fact--version" in out  # a class a script builds from a prefix


def test_prune_theme_reads_pages_and_scripts(tmp_path: Path) -> None:
    site = tmp_path / "en"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "assets" / "javascripts").mkdir()
    (site / "assets" / "stylesheets" / "main.abc.min.css").write_text(
        ".md-header{a:b}.md-search-result__item{c:d}.md-blog{e:f}.sp-quick{g:h}"
    )
    (site / "assets" / "stylesheets" / "main.abc.min.css.map").write_text("{}")
    (site / "assets" / "javascripts" / "bundle.abc.min.js").write_text(
        'x("li",{class:"md-search-result__item"})'
    )
    (site / "assets" / "quick.js").write_text('el.classList.add("sp-quick")')
    (site / "index.html").write_text('<header class="md-header md-header--shadow"></header>')
    prune_theme(site)
    css = (site / "assets" / "stylesheets" / "main.abc.min.css").read_text()
    assert css == ".md-header{a:b}.md-search-result__item{c:d}.sp-quick{g:h}"
    assert not (site / "assets" / "stylesheets" / "main.abc.min.css.map").exists()


def test_search_index_is_written_as_utf8(tmp_path: Path) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    data = {"config": {"lang": ["en"]}, "docs": [{"title": "الهدايا", "text": "<p>é</p>"}]}
    index.write_text(json.dumps(data, indent=2), encoding="utf-8")
    compact(tmp_path)
    text = index.read_text(encoding="utf-8")
    assert "\\u" not in text and "الهدايا" in text and " " not in text.replace("\n", "")
    assert json.loads(text) == data


def test_arabic_index_lists_each_word_at_its_stem(tmp_path: Path) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    data = {
        "config": {"lang": ["ar"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {"location": "a/", "title": "الألعاب والهدايا", "text": "<p>بالأمان للطلاب وقت</p>"},
            {"location": "b/", "title": "صوتي", "text": ""},
            {"location": "c/", "title": "وقت", "text": ""},
        ],
    }
    index.write_text(json.dumps(data), encoding="utf-8")
    compact(tmp_path)
    out = json.loads(index.read_text(encoding="utf-8"))
    assert out["config"]["fields"]["title_forms"] == {"boost": 1000.0}
    assert out["config"]["fields"]["text_forms"] == {"boost": 1.0}
    assert out["config"]["signpost_words"]["conjunctions"] == ["ف", "و"]
    first, second, third = out["docs"]
    assert first["title"] == "الألعاب والهدايا"  # what the reader sees is unchanged
    assert first["title_forms"] == "العاب هدايا"  # one article off, not the alif of ألعاب
    assert first["text_forms"] == "امان طلاب"  # وقت is too short to lose a letter
    assert second["title_forms"] == "صوت"  # "my voice": ي "my" comes off the end
    assert "title_forms" not in third and "text_forms" not in third


def test_french_index_lists_words_without_their_accents(tmp_path: Path) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    data = {
        "config": {"lang": ["fr"], "fields": {}},
        "docs": [{"title": "Élève", "text": "<p>l&#x27;aide du cœur</p>"}],
    }
    index.write_text(json.dumps(data), encoding="utf-8")
    compact(tmp_path)
    doc = json.loads(index.read_text(encoding="utf-8"))["docs"][0]
    assert doc["title_forms"] == "eleve"
    assert doc["text_forms"] == "coeur"


def test_other_languages_get_no_extra_fields(tmp_path: Path) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    data = {"config": {"lang": ["en"], "fields": {}}, "docs": [{"title": "café والهدايا"}]}
    index.write_text(json.dumps(data), encoding="utf-8")
    compact(tmp_path)
    assert json.loads(index.read_text(encoding="utf-8")) == data
