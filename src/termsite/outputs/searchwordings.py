"""The search index the browser reads: every clause once, with each of its distinct wordings once.

A clause (one anchor of one document: art-5-p4) usually reads the same in version after version;
search lists each wording once, with the period(s) it stood in, so 40 versions of a clause that
changed twice give three results, not forty. The index is one small JSON file per language
(``search/ja.json``, ``search/en.json``: a few kilobytes compressed at 40 versions), fetched once
by the search page and searched in the browser; no query downloads anything more.

Framework-free: made from the records of ``searchindex`` (the texts exactly as published).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termsite.model import LANGS, Corpus
from termsite.pages.notice import SITE_URL
from termsite.outputs import searchfold
from termsite.outputs.searchindex import Appearance, SearchRecord, records

FOLDER = "search"


@dataclass(frozen=True)
class Period:
    """A stretch of consecutive days on which a clause read one way (it applied on every one of them)."""

    start: str        # first day (ISO; "" if not recorded)
    end: str          # last day (ISO; "" if open)
    start_label: str  # as the reader's language writes it
    end_label: str
    first: str        # slug of the first version showing the wording in the run
    last: str         # slug of the last version showing it (the link goes there: the wording's final state)
    first_href: str   # the clause in the first version, below the site root (an upcoming wording links there)
    href: str         # the clause in the last version (an earlier wording links there: its final state)

    def data(self) -> list[str]:
        return [self.start, self.end, self.start_label, self.end_label, self.first, self.last, self.first_href, self.href]


def periods(appearances: tuple[Appearance, ...]) -> list[Period]:
    """The runs of consecutive days among ``appearances`` (each a run of the document's stages, which
    follow each other day after day): a wording dropped and later restored stands in two periods."""
    runs: list[list[Appearance]] = []
    for a in sorted(appearances, key=lambda a: a.stages):
        if runs and runs[-1][-1].stages[1] + 1 == a.stages[0]:
            runs[-1].append(a)
        else:
            runs.append([a])
    return [Period(run[0].start, run[-1].end, run[0].start_label, run[-1].end_label,
                   run[0].version, run[-1].version, run[0].url, run[-1].url) for run in runs]


def index(corpus: Corpus, lang: str) -> dict[str, Any]:
    """``{"documents": [{title, versions: [slug…]}], "clauses": [[doc, anchor, present, wordings]]}``.

    A wording is a clause's own text as it applied on some day (one that never applied is not
    here), whatever number or heading it stood under (a renumbered clause
    whose text did not change is one wording): ``[label, heading, text, keys, order, periods, folded
    text, folded heading]``, the label, heading and position those of the last days it applied,
    ``keys`` every number it stood under (a5.p4 …, space-separated, for a search by number),
    ``periods`` as :class:`Period`; the text and heading folded as search compares them
    (searchfold.py, the same table terms.js folds the query by), so the browser need not fold every
    text before its first answer.
    Clauses in the order of their first appearance, wordings oldest first."""
    documents: list[dict[str, Any]] = []
    clauses: list[list[Any]] = []
    by_document: dict[str, list[SearchRecord]] = {}
    for r in records(corpus, lang):
        by_document.setdefault(r.document, []).append(r)
    for d, doc in enumerate(corpus.documents):
        order = [v.slug for v in corpus.versions[doc.slug]]
        position = {slug: i for i, slug in enumerate(order)}
        documents.append({"title": doc.title[lang], "versions": order})
        grouped: dict[str, dict[str, list[SearchRecord]]] = {}
        for r in by_document.get(doc.title[lang], []):
            grouped.setdefault(r.anchor, {}).setdefault(r.text, []).append(r)
        for anchor, texts in grouped.items():
            present = sorted({slug for rs in texts.values() for r in rs for slug in r.present_in}, key=position.__getitem__)
            wordings = []
            for text, rs in texts.items():
                seen = tuple(sorted((a for r in rs for a in r.appearances), key=lambda a: a.stages))
                latest = max(rs, key=lambda r: r.appearances[-1].stages)
                keys = " ".join(dict.fromkeys(r.key for r in sorted(rs, key=lambda r: r.appearances[0].stages)))
                wordings.append([latest.label, latest.heading, text, keys, seen[-1].order,
                                 [p.data() for p in periods(seen)], searchfold.fold(text),
                                 searchfold.fold(latest.heading)])
            clauses.append([d, anchor, " ".join(present), wordings])
    return {"$schema": f"{SITE_URL}schema/search-index.schema.json", "lang": lang, "documents": documents,
            "clauses": clauses}


def write(corpus: Corpus, site: Path) -> list[Path]:
    """``search/<lang>.json`` for every language, below the site root (both sites read them)."""
    folder = site / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for lang in LANGS:
        path = folder / f"{lang}.json"
        path.write_text(json.dumps(index(corpus, lang), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        out.append(path)
    return out
