"""The pages at the root of `site/`: the language chooser, the first page many readers see,
and the root `404.html`, which a host serving the whole site shows for an address it lacks.

They have the site's look (the site's own stylesheet, no theme script) and the quick exit.
The chooser has one sentence per language saying what the site is, each in its own
language and direction; `assets/chooser.js` highlights the reader's browser language, and
nothing redirects, because a guess about language is only a guess. The 404 page says so in
every language and links each language's home page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..checks.pipeline import Checked
from ..data.strings import Strings, strings_for
from ..layout import FAVICON, LOGO
from ..project import Language, Project
from ..safety.csp import protect
from .pageset import esc
from .quick_exit import SCRIPT, has_safe_browsing, quick_exit_html

CHOOSER_SCRIPT = "assets/chooser.js"


def chooser_html(checked: Checked) -> str:
    """Each language names itself and says what the site is, in its own words and direction."""
    project = checked.project
    default = project.default_language
    assets = f"{default.code}/"
    prompts, items = [], []
    for lang in project.languages:
        t = strings_for(project, checked.data, lang.code)
        attrs = f'lang="{esc(lang.code)}" dir="{esc(lang.dir)}"'
        prompts.append(f"<span {attrs}>{esc(t('chooser_title'))}</span>")
        items.append(
            f'<li {attrs} data-lang="{esc(lang.code)}" '
            f'data-suggested="{esc(t("chooser_suggested"))}"{_exit_data(project, lang, t)}>'
            f'<a href="{esc(lang.code)}/" hreflang="{esc(lang.code)}">{esc(lang.name)}</a>'
            f"<p>{esc(t('site_description'))}</p></li>"
        )
    t = strings_for(project, checked.data, default.code)
    return _frame(
        checked,
        assets,
        f'<title>{esc(project.site_name)}</title>\n<meta name="description" '
        f'content="{esc(t("site_description"))}">',
        prompts,
        'class="sp-langs" data-sp-langs',
        items,
        f'<script src="{assets}{CHOOSER_SCRIPT}" defer></script>\n',
    )


def _exit_data(project: Project, lang: Language, t: Strings) -> str:
    """The exit bar's words and destination in this language, for `chooser.js` to put on
    the bar when this is the reader's browser language: a reader in a hurry reads the bar
    first, and it should speak their language, not the site's first one."""
    data = {
        "exit-label": t("exit_label"),
        "exit-hint": t("exit_hint"),
        "exit-count": t("exit_count", n="{n}"),
        "exit-url": lang.exit_url,
    }
    if has_safe_browsing(project):
        data["exit-safe"] = t("exit_safe_browsing")
        data["exit-safe-href"] = f"{lang.code}/safe-browsing/"
    return "".join(f' data-{key}="{esc(value)}"' for key, value in data.items())


def site_root(site_url: str) -> str:
    """The path the site is served under (`/` or `/curriculum/`), from `site_url`."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def not_found_html(checked: Checked) -> str:
    """The root 404 page. A server shows it at any address, however deep, so every link is
    absolute from the site's root (`site_url`'s path, else `/`)."""
    project = checked.project
    default = project.default_language
    root = site_root(project.site_url)
    assets = f"{root}{default.code}/"
    prompts, items = [], []
    for lang in project.languages:
        t = strings_for(project, checked.data, lang.code)
        attrs = f'lang="{esc(lang.code)}" dir="{esc(lang.dir)}"'
        prompts.append(f"<span {attrs}>{esc(t('not_found_title'))}</span>")
        items.append(
            f"<li {attrs}><p>{esc(t('not_found_text'))}</p>"
            f'<a href="{esc(root + lang.code)}/" hreflang="{esc(lang.code)}">'
            f'{esc(t("not_found_home"))}</a> <span class="sp-langs__name">{esc(lang.name)}</span>'
            "</li>"
        )
    t = strings_for(project, checked.data, default.code)
    return _frame(
        checked,
        assets,
        f"<title>{esc(t('not_found_title'))} · {esc(project.site_name)}</title>\n"
        '<meta name="robots" content="noindex">',
        prompts,
        'class="sp-langs sp-langs--home"',
        items,
    )


def _frame(
    checked: Checked,
    assets: str,
    head: str,
    prompts: list[str],
    list_attrs: str,
    items: list[str],
    tail: str = "",
) -> str:
    """What the chooser and the 404 page share: the site's stylesheet and icon from the
    first language's folder at `assets`, the quick exit, the bar with the logo, and a
    prompt in every language over one list; `head` is the page's title and meta tags."""
    project = checked.project
    default = project.default_language
    t = strings_for(project, checked.data, default.code)
    here = esc(assets)
    logo = f'<img class="sp-chooser__logo" src="{here}{LOGO}" alt="" width="28" height="28">'
    page = f"""<!doctype html>
<html lang="{esc(default.code)}" dir="{esc(default.dir)}" class="sp-chooser">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{head}
<link rel="icon" href="{here}{FAVICON}" type="image/svg+xml">
<link rel="stylesheet" href="{here}assets/signpost.css">
</head>
<body>
{quick_exit_html(project, t, default.code, assets)}
<script src="{here}{SCRIPT}"></script>
<header class="sp-chooser__bar"><h1>{logo}{esc(project.site_name)}</h1></header>
<main>
<p class="sp-chooser__prompt">{" ".join(prompts)}</p>
<ul {list_attrs}>
{chr(10).join(items)}
</ul>
</main>
{tail}</body>
</html>
"""
    return protect(page)
