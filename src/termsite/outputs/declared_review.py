"""What the pull-request check shows reviewers about the withdrawals and corrections a branch adds:
for a withdrawal the version, its dates, what applies instead and the reason; for a correction
each wrong and right wording with its clause and the versions it corrects — so legal approves the
exact words, as they approve a comparison table for a revision."""
from __future__ import annotations

import subprocess
from pathlib import Path

from termsite.declarations import declared
from termsite.model import Corpus
from termsite.outputs.review import Section
from termsite.pages.declared_views import clause_label
from termsite.timeline.commencement import declared_deferrals
from termsite.timeline.declared import as_of
from termsite.timeline.status import in_force


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
