"""A comparison outside the site: plain text for a terminal, Markdown for a GitHub job summary,
HTML (the site's own table template) for anything else."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from termsite.comparison.compare import Comparison, Group, Row, SideBlock, SideItem, SideUnit, compare, is_marked
from termsite.comparison.diff import Span
from termsite.source.loading import load_document, load_version
from termsite.model import Document, Revision, Version
from termsite.problems import Location, Problem, ValidationFailed
from termsite.pages.templating import render, standalone_env
from termsite.source.validation import validate_version
from termsite.pages.views import comparison_view


def _load(path: Path, root: Path) -> Version:
    version, problems = load_version(path, root)
    if version is None or problems:
        raise ValidationFailed(problems or [Problem(Location(str(path)), "cannot be read", "")])
    problems = validate_version(version)
    if problems:
        raise ValidationFailed(problems)
    return version


def _document(root: Path, slug: str) -> Document:
    doc, problems = load_document(root / "content" / "documents" / f"{slug}.yaml", root)
    if doc is None:
        raise ValidationFailed(problems)
    return doc


def diff_files(old_path: Path, new_path: Path, root: Path, lang: str, fmt: str) -> str:
    old, new = _load(old_path, root), _load(new_path, root)
    doc = _document(root, new.document)
    revision = Revision(old, new)
    if fmt == "html":
        from termsite.model import Corpus

        corpus = Corpus((doc,), {doc.slug: (old, new)})
        view = comparison_view(corpus, doc, revision, lang)
        env = standalone_env(lang)
        return render(env, "partials/terms/comparison_table.html", view=view, lang=lang)
    comparison = compare(revision, lang)
    return markdown(comparison, doc) if fmt == "markdown" else text(comparison)


# --- plain text: [-deleted-] {+inserted+} -------------------------------------------------------

def _spans_text(spans: list[Span], md: bool = False) -> str:
    out = []
    for s in spans:
        if s.mark == "same":
            out.append(_md_escape(s.text) if md else s.text)
        elif s.mark == "gap":
            out.append("<ins>　</ins>" if md else "[＿]")
        elif md:
            out.append(f"<ins>{_md_escape(s.text)}</ins>")
        else:
            out.append(f"[-{s.text}-]" if s.mark == "del" else f"{{+{s.text}+}}")
    return "".join(out)


def _md_escape(text: str) -> str:
    """Markdown and HTML characters in legal text shown literally."""
    for ch in "\\`*_{}[]()#+-.!|<>&":
        text = text.replace(ch, {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(ch, "\\" + ch))
    return text


def _item_lines(item: SideItem, md: bool, depth: int = 0) -> list[str]:
    pad = "　" * (depth + 1)
    lines = [f"{pad}{_spans_text(item.label, md)} {_spans_text(item.text, md)}"]
    lines += [f"{pad}　• {_spans_text(b, md)}" for b in item.bullets]
    for sub in item.items:
        lines += _item_lines(sub, md, depth + 1)
    return lines


def _block_lines(block: SideBlock, md: bool) -> list[str]:
    if block.kind == "text":
        return [_spans_text(block.text, md)]
    if block.kind == "bullets":
        return [f"　• {_spans_text(b, md)}" for b in block.bullets]
    return [line for item in block.items for line in _item_lines(item, md)]


def _unit_lines(unit: SideUnit, md: bool) -> list[str]:
    lines = [_spans_text(unit.caption, md)] if unit.caption else []
    body = [line for block in unit.blocks for line in _block_lines(block, md)] or ["（略）"]
    label = _spans_text(unit.label, md)
    if label:
        body[0] = f"{label} {body[0]}"
    return lines + body


def _side(units: list[SideUnit], placeholder: str, md: bool) -> list[str]:
    if not units:
        return [placeholder]
    return [line for u in units for line in _unit_lines(u, md)]


def _placeholders(comparison: Comparison) -> tuple[str, str]:
    return ("（新設）", "（削る）") if comparison.lang == "ja" else ("(newly established)", "(deleted)")


def _heading_changed(group: Group) -> bool:
    """A renumbered or retitled article whose paragraphs may all be unchanged."""
    return group.status == "changed" and (is_marked(group.heading_old) or is_marked(group.heading_new))


def _shown(row: Row) -> bool:
    """Rows with text to list: a changed placeholder range is listed by its heading alone."""
    return row.kind != "elided" and not (row.old + row.new and all(u.omitted for u in row.old + row.new))


def text(comparison: Comparison) -> str:
    added, removed = _placeholders(comparison)
    out = []
    for group in comparison.groups:
        if _heading_changed(group):
            out.append(f"== {group.label} (heading)")
            out.append("  old: " + _spans_text(group.heading_old))
            out.append("  new: " + _spans_text(group.heading_new))
        for row in group.rows:
            if not _shown(row):
                continue
            out.append(f"== {row.label} ({row.kind})")
            out += ["  old: " + line for line in _side(row.old, added, False)]
            out += ["  new: " + line for line in _side(row.new, removed, False)]
    return "\n".join(out) if out else "no differences"


def markdown(comparison: Comparison, doc: Document) -> str:
    """A table a GitHub job summary shows: changed parts underlined with <ins> on both sides."""
    head, rows, foot = markdown_parts(comparison, doc)
    return head + "\n".join(rows) + foot


def markdown_parts(comparison: Comparison, doc: Document) -> tuple[str, list[str], str]:
    """The table's heading and column header, its rows (one line each), and the closing note —
    apart, so that a pull-request comment can show as many rows as fit."""
    added, removed = _placeholders(comparison)
    r = comparison.revision
    ja = comparison.lang == "ja"
    title = f"{doc.title[comparison.lang]} {doc.comparison_title[comparison.lang]}"
    head = (f"### {title}\n\n"
            f"{_when(r.old.effective, ja)} → {_when(r.new.effective, ja)}\n\n"
            f"| {'改正前' if ja else 'Before'} | {'改正後' if ja else 'After'} |\n|---|---|\n")
    rows = []
    for group in comparison.groups:
        if _heading_changed(group):
            rows.append(f"| {_spans_text(group.heading_old, True)} | {_spans_text(group.heading_new, True)} |")
        for row in group.rows:
            if not _shown(row):
                continue
            old = "<br>".join(_side(row.old, added, True))
            new = "<br>".join(_side(row.new, removed, True))
            rows.append(f"| **{_md_escape(row.label)}**<br>{old} | **{_md_escape(row.label)}**<br>{new} |")
    note = "（傍線部分は改正部分）" if ja else "(The underlined parts are the revised parts.)"
    return head, rows, f"\n\n{note}\n"


def _when(day: date | None, ja: bool) -> str:
    if day is None:
        return "（実施日の記録なし）" if ja else "(start not recorded)"
    return day.isoformat()
