"""The language chooser at the root of `site/`: the first page many readers see.

It has the site's look (the site's own stylesheet, no theme script), the quick exit,
and one sentence per language saying what the site is, each in its own language and
direction. `assets/chooser.js` highlights the reader's browser language; nothing
redirects, because a guess about language is only a guess.
"""

from __future__ import annotations

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
    title = esc(project.site_name)
    logo = f'<img class="sp-chooser__logo" src="{assets}{LOGO}" alt="" width="28" height="28">'
    page = f"""<!doctype html>
<html lang="{esc(default.code)}" dir="{esc(default.dir)}" class="sp-chooser">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{esc(t("site_description"))}">
<link rel="icon" href="{assets}{FAVICON}" type="image/svg+xml">
<link rel="stylesheet" href="{assets}assets/signpost.css">
</head>
<body>
{quick_exit_html(project, t, default.code, assets)}
<script src="{assets}{SCRIPT}"></script>
<header class="sp-chooser__bar"><h1>{logo}{title}</h1></header>
<main>
<p class="sp-chooser__prompt">{" ".join(prompts)}</p>
<ul class="sp-langs" data-sp-langs>
{chr(10).join(items)}
</ul>
</main>
<script src="{assets}{CHOOSER_SCRIPT}" defer></script>
</body>
</html>
"""
    return protect(page)


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
