"""The comparison as a printable table: rows of cells of paragraphs of runs, read from the same
:class:`~termsite.comparison.compare.Comparison` the site renders (never a diff of its own).

Each cell holds exactly what the site's table cell shows (``overrides/partials/terms/
comparison_table.html`` and ``spans.html``): the article heading above a group's first row, each
unit's caption, numbers and text, （新設）/（削る） where one side has nothing, and an elided run
as its label with （略） — not opened, so the file stays as short as the hand-made tables. A run
is ``mark`` where the site draws <del>/<ins>, ``gap`` where it draws the underlined blank.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from termsite.comparison.compare import Comparison, Group, Row, SideItem, SideUnit
from termsite.comparison.diff import Span
from termsite.labels import omitted
from termsite.outputs.export.properties import site_author
from termsite.model import Corpus, Document, Revision
from termsite.pages.i18n import gettext
from termsite.pages.reader import version_phrase
from termsite.pages.views import comparison_view, period_label
from termsite.timeline.dates import long_date
from termsite.timeline.status import in_force, period
from termsite.timeline.publication import is_public
from termsite.pages.i18n import translated as _t

RunMark = Literal["same", "mark", "gap"]
ParaKind = Literal["heading", "caption", "text", "item", "bullet", "placeholder", "elided", "day"]
Side = Literal["old", "new"]


@dataclass(frozen=True)
class Run:
    text: str
    mark: RunMark = "same"


@dataclass
class Para:
    kind: ParaKind
    runs: list[Run]
    depth: int = 0  # item nesting: 号 0, 細目 1, …

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class TableRow:
    id: str
    kind: str  # changed / added / removed / elided
    cells: dict[str, list[Para]]  # by side: "old", "new"


@dataclass
class ExportTable:
    """Everything a printed 新旧対照表 shows, in the document's language and column order."""

    lang: str
    title: str
    draft: bool
    columns: tuple[tuple[str, str], ...]  # (side, label) in display order
    old_date: date | None
    new_date: date | None
    published: date | None
    note: str
    intro: str
    rows: list[TableRow] = field(default_factory=list)
    days_note: str = ""  # 一部施行: which parts take effect on a later day, as the site says it
    subject: str = ""  # the document and the version compared (the files' properties)
    author: str = ""  # who publishes the terms (the site's ``site_author``)
    old_period: str = ""  # when the old version applied: ～2026年2月28日 (its start may be unknown)

    def t(self, message: str) -> str:
        return gettext(self.lang, message)


def _runs(spans: list[Span]) -> list[Run]:
    return [Run(s.text, "same" if s.mark == "same" else "gap" if s.mark == "gap" else "mark") for s in spans]


def _label_then(label: list[Span], rest: list[Run]) -> list[Run]:
    """The unit's number, a space, its text: as the site writes ``<span class=terms-num>`` then text."""
    return [*_runs(label), Run(" "), *rest] if label else rest


def _items(items: list[SideItem], depth: int) -> list[Para]:
    out: list[Para] = []
    for item in items:
        out.append(Para("item", _label_then(item.label, _runs(item.text)), depth))
        out += [Para("bullet", [Run("• "), *_runs(b)], depth + 1) for b in item.bullets]
        out += _items(item.items, depth + 1)
    return out


def unit_paras(u: SideUnit, lang: str) -> list[Para]:
    out: list[Para] = []
    if u.caption:
        out.append(Para("caption", _runs(u.caption)))
    if u.omitted:
        out.append(Para("text", _label_then(u.label, [Run(omitted(lang))])))
        return out
    for i, block in enumerate(u.blocks):
        label = u.label if i == 0 else []
        if block.kind == "text":
            out.append(Para("text", _label_then(label, _runs(block.text))))
        elif block.kind == "items":
            if label:
                out.append(Para("text", _runs(label)))
            out += _items(block.items, 0)
        else:
            out += [Para("bullet", [Run("• "), *_runs(b)]) for b in block.bullets]
    return out


def _elided(name: str, heading: list[Span] | None, lang: str, unchanged: bool) -> list[Para]:
    """An elided run, labelled as the site labels it: （略） in Japanese; in English "(unchanged)"
    where the site can open it (the text is there, unchanged) and "(not published here)" only for
    text that is not published."""
    out = [Para("heading", _runs(heading))] if heading else []
    sep = " " if lang == "en" else ""
    return out + [Para("elided", [Run(f"{name}{sep}{omitted(lang, unchanged)}")])]


def _row(g: Group, r: Row, first: bool, lang: str) -> TableRow:
    headings: dict[str, list[Span]] = {"old": g.heading_old, "new": g.heading_new}
    cells: dict[str, list[Para]] = {}
    for side in ("old", "new"):
        heading = headings[side] if first else None
        if r.kind == "elided":
            shown = heading if first and (g.heading_old or g.heading_new) else None
            cells[side] = _elided(r.side_label(side), shown, lang, r.openable)
            continue
        units = r.old if side == "old" else r.new
        out = [Para("heading", _runs(heading))] if heading else []
        for u in units:
            out += unit_paras(u, lang)
        if not units:
            placeholder = ("(newly established)" if r.kind == "added" else "") if side == "old" else \
                ("(deleted)" if r.kind == "removed" else "")
            if placeholder:
                out.append(Para("placeholder", [Run(gettext(lang, placeholder))]))
        cells[side] = out
    return TableRow(r.id, r.kind, cells)


def table_rows(comparison: Comparison, row_days: dict[str, str] | None = None) -> list[TableRow]:
    """One row per row of the site's table, in its order; a row that takes effect on a day of its own
    (一部施行) says so under its new text, as the site's cell does."""
    lang = comparison.lang
    rows: list[TableRow] = []
    for g in comparison.groups:
        if g.kind == "elided":
            rows.append(TableRow(f"row-{g.id}", "elided", {s: _elided(g.label, None, lang, g.openable)
                                                              for s in ("old", "new")}))
            continue
        for i, r in enumerate(g.rows):
            row = _row(g, r, i == 0, lang)
            if r.kind != "elided" and row_days and row_days.get(r.id):
                row.cells["new"].append(Para("day", [Run(row_days[r.id])]))
            rows.append(row)
    return rows


def export_table(corpus: Corpus, doc: Document, revision: Revision, lang: str, today: date,
                 cumulative: bool = False, comparison: Comparison | None = None) -> ExportTable:
    """The table of ``revision`` as the site shows it. A version not yet published on ``today`` is
    a proposal: its column reads 改正案 (Proposed) and the title carries 「案」; the old column reads
    現行 (Current) only when it holds the version in force, else the period it applied; a table
    from an earlier version to a proposal is worded as one (never 「現行の規約」 for the proposal)."""
    view = comparison_view(corpus, doc, revision, lang, comparison, cumulative)
    draft = not is_public(revision.new, today)
    versions = corpus.versions[doc.slug]
    old_period = period(versions, revision.old)
    held = period_label(old_period.start, old_period.end, lang)
    columns, title, intro = view.columns, view.title, view.intro
    if draft:
        current = getattr(in_force(versions, today), "slug", None) == revision.old.slug
        names = {"old": gettext(lang, "Current") if current else held, "new": gettext(lang, "Proposed")}
        columns = tuple((side, names[side]) for side, _ in view.columns)
        if cumulative:
            since = version_phrase(old_period.start, old_period.end, lang, past=True)
            title = f"{doc.title[lang]} " + _t(lang, "Changes from %(version)s to the proposed revision", version=since)
            day = long_date(revision.new.effective, lang) if revision.new.effective else ""
            intro = _t(lang, "Everything that changed from %(version)s to the proposed revision (effective %(date)s), "
                             "in one table. A clause changed more than once shows its net change: its wording in that "
                             "version against its proposed wording.", version=since, date=day)
    return ExportTable(lang=lang, title=title, draft=draft, columns=columns,
                       old_date=revision.old.effective, new_date=revision.new.effective,
                       published=revision.new.published,
                       note=gettext(lang, "(The underlined parts are the revised parts.)"),
                       intro=intro, rows=table_rows(view.comparison, view.row_days),
                       days_note=view.days_note, subject=f"{doc.title[lang]} {revision.new.slug}",
                       author=site_author(lang), old_period=held)


def stamp(table: ExportTable) -> date:
    """The day the PDF is dated: its publication (or effective) day, so that the same table gives
    the same bytes whenever it is made."""
    return table.published or table.new_date or table.old_date or date(1980, 1, 1)


def caption_lines(table: ExportTable) -> list[str]:
    """The lines under the title: the two versions' dates, the publication day, the draft mark."""
    def day(d: date | None, known: str) -> str:
        """The version's first day; where that is not recorded, what is: the period it applied."""
        return long_date(d, table.lang) if d else known

    t = table.t
    colon = "：" if table.lang == "ja" else ": "
    parts = [f"{t('Before revision')}{colon}{day(table.old_date, table.old_period)}"]
    if table.new_date:
        parts.append(f"{t('After revision')}{colon}{day(table.new_date, '')}")
    if table.published:  # a proposal's is the day it is to be published
        published = t("To be published") if table.draft else t("Published")
        parts.append(f"{published}{colon}{long_date(table.published, table.lang)}")
    lines = ["　".join(parts) if table.lang == "ja" else " · ".join(parts)]
    if table.draft:
        lines.append(t("DRAFT: a proposed revision, not yet published"))
    return lines
