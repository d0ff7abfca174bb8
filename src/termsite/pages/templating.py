"""What the templates in ``overrides/`` may call: labels, dates, linked text, page views.

Registered on whichever Jinja environment renders the pages (MkDocs' theme environment through
the hook, or a plain one for ``termsite diff --format html``), so the same templates serve both.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from termsite import labels
from termsite.comparison.compare import supplementary_heading
from termsite.timeline.dates import long_date, wareki
from termsite.pages.assets import own_script
from termsite.pages.i18n import translations
from termsite.model import Link, Text

OVERRIDES = Path(__file__).resolve().parents[3] / "overrides"


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


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the whole process, so the second language's build (and every
    preview rebuild) reuses what the first compiled instead of compiling Material's templates
    again. Keyed by the template's file and the environment's settings that change the compiled
    code; Jinja itself checks the source's checksum, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        auto = environment.autoescape
        settings = (sorted(environment.extensions), auto if isinstance(auto, bool) else id(auto),
                    environment.trim_blocks, environment.lstrip_blocks, environment.keep_trailing_newline,
                    environment.newline_sequence, environment.block_start_string,
                    environment.variable_start_string, environment.comment_start_string,
                    environment.optimized, id(environment.undefined), id(environment.finalize))
        key = self.get_cache_key(f"{name}\0{settings!r}", filename)
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


COMPILED = _CompiledTemplates()


def register(env: jinja2.Environment, lang: str) -> None:
    """Add the filters, globals and translations the ``terms/`` templates use."""
    env.bytecode_cache = COMPILED
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
    env.globals["own_script"] = own_script
    env.filters["supplementary_number"] = labels.supplementary_number


def standalone_env(lang: str) -> jinja2.Environment:
    """A plain environment over ``overrides/`` for rendering outside the site (the CLI)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(OVERRIDES)), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    register(env, lang)
    env.filters.setdefault("url", lambda value: value)
    return env


def render(env: jinja2.Environment, template: str, **context: Any) -> str:
    return env.get_template(template).render(**context)
