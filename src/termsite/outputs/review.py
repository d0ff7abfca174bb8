"""What the pull-request check shows reviewers about the versions, withdrawals and corrections a
branch adds or changes, so legal approves the exact words of each.

- the job summary: each changed version's comparison (Markdown) and when it will appear; for a
  withdrawal the version, its dates, what applies instead and the reason; for a correction each wrong
  and right wording with its clause and the versions it corrects;
- one pull-request comment with the same text, found again by :data:`COMMENT_MARKER` and updated
  on every push, cut to GitHub's size limit with a link to the full tables when long;
- one self-contained comparison file per changed version (HTML, inline styles, no request leaves
  it, A4 landscape in print), and the same table as Word and PDF in both languages
  (:mod:`termsite.outputs.export`) for legal to circulate for approval.

Reviewers see every version, published or not (:mod:`termsite.timeline.publication` holds back only the site).
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from termsite.comparison.compare import compare
from termsite.declarations import declared
from termsite.source.loading import load_corpus
from termsite.model import Corpus, Document, Revision, Version
from termsite.outputs.output import markdown_parts
from termsite.outputs.export.files import Request, review_names, write_review_files
from termsite.timeline.commencement import declared_deferrals
from termsite.declarations.as_of import as_of
from termsite.timeline.publication import schedule_note
from termsite.timeline.status import in_force
from termsite.pages.errata import clause_label
from termsite.pages.templating import OVERRIDES, render, standalone_env
from termsite.pages.views import comparison_view

COMMENT_MARKER = "<!-- termsite-comparison -->"
NOTHING_MARKER = "<!-- termsite-comparison: no changes -->"
COMMENT_LIMIT = 65536  # GitHub's limit for a comment body, in characters
NO_CHANGE = "No version of the terms changed in this pull request.\n"


@dataclass(frozen=True)
class Changed:
    """A version file the branch adds or changes, with the version before it (None for a first one)."""

    doc: Document
    version: Version
    previous: Version | None

    @property
    def file_name(self) -> str:
        return f"{self.doc.slug}-{self.version.slug}-comparison.html"

    def export(self) -> Request:
        assert self.previous is not None
        return Request(self.doc, Revision(self.previous, self.version), False)


@dataclass(frozen=True)
class Section:
    """One changed version in Markdown: heading and column header, table rows, closing note."""

    head: str
    rows: tuple[str, ...]
    foot: str

    def text(self, rows: int | None = None, more: str = "") -> str:
        shown = self.rows if rows is None else self.rows[:rows]
        return self.head + "\n".join(shown) + (more if rows is not None and rows < len(self.rows) else "") + self.foot


def changed_versions(root: Path, base: str) -> tuple[Corpus, list[Changed]]:
    """The versions whose files differ between ``base`` and HEAD (git), in document order."""
    names = subprocess.run(["git", "diff", "--name-only", f"{base}...HEAD", "--", "versions/"], cwd=root,
                           capture_output=True, text=True, check=True).stdout.split()
    corpus = load_corpus(root)
    declared = as_of(corpus, None)  # what the next version amends: a withdrawn deferred amendment put back
    found = []
    for doc in corpus.documents:
        versions = corpus.versions[doc.slug]
        for i, v in enumerate(versions):
            if v.path in names:
                found.append(Changed(doc, v, declared.ended(doc.slug, versions[i - 1]) if i else None))
    return corpus, found


def section(change: Changed, today: date) -> Section:
    note = "\n" + schedule_note(change.doc, change.version, today) + "\n"
    if change.previous is None:
        return Section(f"### {change.doc.title['ja']}: {change.version.path}\n\n"
                       "The first version of the document: nothing to compare.\n", (), note)
    head, rows, foot = markdown_parts(compare(Revision(change.previous, change.version), "ja"), change.doc)
    files = ("\nTo circulate (in the comparison files): " + ", ".join(f"`{n}`" for n in review_names(change.export()))
             + " — Word to comment on, PDF to file; Japanese governs.\n")
    return Section(head, tuple(rows), foot + note + files)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def declared_sections(root: Path, base: str, corpus: Corpus) -> list[Section]:
    """One section per withdrawal or correction file the branch adds or changes."""
    names = set(subprocess.run(["git", "diff", "--name-only", f"{base}...HEAD", "--", "versions/"], cwd=root,
                               capture_output=True, text=True, check=True).stdout.split())
    everything = as_of(corpus, None)
    out = []
    for doc in corpus.documents:
        d = declared(everything, doc.slug)
        chain = everything.versions[doc.slug]
        for w in d.withdrawals:
            if w.path not in names:
                continue
            v = d.withdrawn_version(w.version)
            assert v is not None and v.effective is not None
            instead = in_force(chain, v.effective)
            out.append(Section(
                f"### 取り止め / Withdrawal: {w.path}\n\n",
                (),
                f"Version **{v.slug}** (published {v.published}, to take effect {v.effective}) is withdrawn on "
                f"**{w.date}** and will never take effect; on {v.effective} version "
                f"{instead.slug if instead else '—'} goes on applying. From {w.date} its page stays, marked withdrawn; "
                "the history, versions.json, the feed and the notice say so.\n\n"
                f"> 理由：{w.reason.ja}\n>\n> Reason: {w.reason.en}\n"))
        for w in d.cancellations:
            if w.path not in names:
                continue
            v = next((x for x in chain if x.slug == w.version), None)
            if v is None:
                continue
            due = declared_deferrals(v)
            named = ", ".join(f"{clause_label(v, c, 'ja')} ({c}, deferred to {due.get(c, '—')})" for c in w.clauses)
            out.append(Section(
                f"### 一部施行の改正規定の取り止め / Withdrawal of deferred amendments: {w.path}\n\n",
                (),
                f"In version **{v.slug}** (in force from {v.effective}), the deferred amendments of {named} are "
                f"withdrawn on **{w.date}** and will never take effect: those clauses keep their earlier wording. "
                "The version stays in force; the terms page, its 「…改正」 lines, the comparison rows, the notice, "
                "versions.json and the feed say so.\n\n"
                f"> 理由：{w.reason.ja}\n>\n> Reason: {w.reason.en}\n"))
        by_file: dict[str, list[str]] = {}
        for c in d.corrections:
            if c.path not in names:
                continue
            carriers = [v for v in chain if c in d.applied.get(v.slug, ())]
            where = clause_label(carriers[0], c.clause, "ja") if carriers else c.clause
            for lang in ("ja", "en"):
                fix = c.fix(lang)
                if fix is not None:
                    by_file.setdefault(c.path, []).append(
                        f"| {where} ({c.clause}) | {lang} | {_cell(fix.wrong)} | {_cell(fix.right)} | "
                        f"{', '.join(v.slug for v in carriers)} |")
        for path, rows in by_file.items():
            day = Path(path).stem
            out.append(Section(
                f"### 正誤 / Correction: {path}\n\nFrom **{day}** these wordings read as corrected, with a 正誤 note; "
                "it is not a revision (no notice period) and nothing else changes.\n\n"
                "| 箇所 / clause | | 誤 / wrong | 正 / right | versions |\n| --- | --- | --- | --- | --- |\n",
                tuple(rows), "\n"))
    return out


def job_summary(sections: list[Section]) -> str:
    return "\n".join(s.text() for s in sections) if sections else NO_CHANGE


def _size(text: str) -> int:
    """Length as GitHub counts it, erring long: characters outside the BMP count twice."""
    return len(text.encode("utf-16-le")) // 2


def comment(sections: list[Section], full_url: str, limit: int = COMMENT_LIMIT) -> str:
    """The pull-request comment: every section, or — when that is longer than ``limit`` — the
    first rows of each that fit, each cut table saying how many rows are left out and where the
    full table is."""
    intro = (f"{COMMENT_MARKER}\n## 現改比較表 / Comparison of the changed versions\n\n"
             f"Updated on every push. Full tables, one self-contained file per version (opens in a browser, "
             f"prints on A4 landscape), and each table as Word (.docx, to comment on) and PDF (to file) in "
             f"Japanese and English: [comparison files]({full_url}).\n\n")
    if not sections:
        return f"{COMMENT_MARKER}\n{NOTHING_MARKER}\n{NO_CHANGE}"
    whole = intro + "\n".join(s.text() for s in sections)
    if _size(whole) <= limit:
        return whole

    def more(s: Section, shown: int) -> str:
        return (f"\n\n**… {len(s.rows) - shown} more row(s) of this table are not shown here** (a comment holds "
                f"{limit} characters): [the full table]({full_url}).")

    # Everything but the rows, with the longest possible "more rows" line for each table.
    fixed = _size(intro) + sum(_size(s.head + s.foot + more(s, 0)) + 1 for s in sections)
    budget = limit - fixed
    counts = []
    for s in sections:
        n = 0
        while n < len(s.rows) and _size(s.rows[n]) + 1 <= budget:
            budget -= _size(s.rows[n]) + 1
            n += 1
        counts.append(n)
    body = intro + "\n".join(s.text(n, more(s, n)) for s, n in zip(sections, counts))
    if budget < 0 or _size(body) > limit:  # too many versions even without rows
        return (f"{intro}The comparison of {len(sections)} versions is too long for a comment: "
                f"[read the full tables]({full_url}).\n")
    return body


def comparison_file(corpus: Corpus, change: Changed) -> str:
    """One HTML file that opens by double-click: the Japanese table (governing), then the English one;
    the site's stylesheet inlined, and a Content-Security-Policy that lets nothing be fetched."""
    assert change.previous is not None
    revision = Revision(change.previous, change.version)
    tables = {lang: render(standalone_env(lang), "partials/terms/comparison_table.html",
                           view=comparison_view(corpus, change.doc, revision, lang), lang=lang)
              for lang in ("ja", "en")}
    css = (OVERRIDES / "assets" / "terms.css").read_text(encoding="utf-8")
    return render(standalone_env("ja"), "terms/comparison_file.html", doc=change.doc, version=change.version,
                  previous=change.previous, tables=tables, css=css)


def write_comparison_files(corpus: Corpus, changes: list[Changed], folder: Path, today: date) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for change in changes:
        if change.previous is None:
            continue
        path = folder / change.file_name
        path.write_text(comparison_file(corpus, change), encoding="utf-8")
        written.append(path)
    exports = [c.export() for c in changes if c.previous is not None]
    return written + write_review_files(corpus, exports, folder, today)
