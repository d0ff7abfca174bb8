"""Machine-readable outputs for customers' lawyers and procurement tools, written into a built
site: ``versions.json``, the full text of each version and the changes of each revision as JSON
(each with a JSON Schema published under ``schema/``), each document's clause histories, an Atom
feed of revisions per language, and gzipped sitemaps that do not carry MkDocs' build-day time stamp.
Each file's content is its own module's (``versions_json``, ``changes_json``, ``clauses_json``,
``feeds``); this one writes them all.

Everything is deterministic (sorted keys, no build timestamps), so two builds of one commit for one
day are byte-identical.
"""
from __future__ import annotations

import gzip
import shutil
from datetime import date
from pathlib import Path

from termsite.comparison.clause_history import comparisons_for
from termsite.declarations import declared
from termsite.model import LANGS, Corpus
from termsite.outputs.changes_json import changes
from termsite.outputs.clauses_json import clause_history
from termsite.outputs.feeds import atom_feed, feed_url
from termsite.outputs.json_files import dump
from termsite.outputs.versions_json import version_declarations, version_text, versions_index
from termsite.pages.withdrawn import withdrawn_revisions
from termsite.pages.site import LANG_ROOT, version_url
from termsite.source.schema import SCHEMA_DIR

SCHEMAS = ("version", "document", "versions-index", "version-text", "changes", "clause-history", "search-index")


def _sitemap_gz(site: Path) -> None:
    """MkDocs gzips each sitemap with the build day as the gzip time stamp: written again from
    the sitemap itself with a fixed one, so the file depends only on the sitemap's content."""
    for sitemap in (site / "sitemap.xml", site / "en" / "sitemap.xml"):
        if sitemap.exists():
            with (sitemap.parent / "sitemap.xml.gz").open("wb") as raw, \
                    gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=raw, mtime=0) as gz:
                gz.write(sitemap.read_bytes())


def write_machine_outputs(corpus: Corpus, today: date, site: Path, schema_dir: Path = SCHEMA_DIR) -> None:
    """Into a built site (both languages already there): the JSON files, their schemas, the
    feeds, and byte-stable gzipped sitemaps."""
    dump(site / "versions.json", versions_index(corpus, today), "versions-index")
    for doc in corpus.documents:
        for v in (*corpus.versions[doc.slug], *declared(corpus, doc.slug).withdrawn):
            dump(site / version_url(doc, v) / "version.json", {**version_text(v), **version_declarations(corpus, doc, v)},
                 "version-text")
        for revision in (*corpus.revisions(doc.slug), *withdrawn_revisions(corpus, doc)):
            made = {lang: comparisons_for(corpus, lang).get(revision) for lang in LANGS}
            dump(site / version_url(doc, revision.new) / "changes.json", changes(revision, made), "changes")
        dump(site / doc.slug / "clauses.json", clause_history(corpus, doc), "clause-history")
    for lang in LANGS:
        (site / LANG_ROOT[lang] / "feed.xml").write_bytes(atom_feed(corpus, lang))
        for doc in corpus.documents:  # a feed per document beside the combined one
            (site / LANG_ROOT[lang] / feed_url(doc)).write_bytes(atom_feed(corpus, lang, doc))
    (site / "schema").mkdir(exist_ok=True)
    for name in SCHEMAS:
        shutil.copy(schema_dir / f"{name}.schema.json", site / "schema" / f"{name}.schema.json")
    _sitemap_gz(site)
