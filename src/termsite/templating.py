"""What the templates in ``overrides/`` may call: labels, dates, linked text, page views.

Registered on whichever Jinja environment renders the pages (MkDocs' theme environment through
the hook, or a plain one for ``termsite diff --format html``), so the same templates serve both.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from . import labels
from .compare import supplementary_heading
from .dates import long_date, wareki
from .i18n import translations
from .model import Link, Text

OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"


def pieces(text: Text, lang: str) -> list[tuple[str, Link | None]]:
    """Split a text at its links, in order; joining the strings gives the text back exactly."""
    value = text[lang]
    found: list[tuple[int, int, Link]] = []
    for link in text.links:
        words = link.text[lang]
        start = value.find(words)
        while start != -1 and any(s < start + len(words) and start < e for s, e, _ in found):
            start = value.find(words, start + 1)
        if start != -1:
            found.append((start, start + len(words), link))
    out: list[tuple[str, Link | None]] = []
    pos = 0
    for start, end, link in sorted(found, key=lambda f: f[0]):
        if start > pos:
            out.append((value[pos:start], None))
        out.append((value[start:end], link))
        pos = end
    if pos < len(value) or not out:
        out.append((value[pos:], None))
    return out


def register(env: jinja2.Environment, lang: str) -> None:
    """Add the filters, globals and translations the ``terms/`` templates use."""
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        long_date=long_date,
        wareki=wareki,
        pieces=pieces,
        article_heading=labels.article_heading,
        article_label=labels.article,
        paragraph_label=labels.paragraph,
        item_label=labels.item,
        supplementary_heading=supplementary_heading,
    )
    env.globals["omitted_label"] = labels.omitted


def standalone_env(lang: str) -> jinja2.Environment:
    """A plain environment over ``overrides/`` for rendering outside the site (the CLI)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(OVERRIDES)), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    register(env, lang)
    env.filters.setdefault("url", lambda value: value)
    return env


def render(env: jinja2.Environment, template: str, **context: Any) -> str:
    return env.get_template(template).render(**context)
