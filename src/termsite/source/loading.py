"""From ``versions/*.yaml`` and ``content/documents/*.yaml`` to the model.

Reading is strict (see :mod:`yamlsource`), the structure is checked against the JSON Schemas
(see :mod:`schema`), then the model is built with derived ids. Checks that need a whole version or
several versions live in :mod:`validation`.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from termsite.model import (
    Article, ArticleNumber, Bilingual, Block, BulletList, Corpus, Document, Item, ItemList, Link,
    Deferral, Paragraph, PreambleParagraph, SupplementaryParagraph, SupplementaryProvision, Text, TextBlock,
    Version,
)
from termsite.declarations import Declarations
from termsite.problems import Location, Problem, ValidationFailed, display_path
from termsite.source.immutability import CORRECTIONS, WITHDRAWALS, locked_changes, read_lock
from termsite.source.declaration_files import load_declarations
from termsite.source.reading import read_source as _read
from termsite.source.stated import backdated, still_open
from termsite.timeline.dates import today_in_tokyo
from termsite.source.yamlsource import Path_, Source

INITIAL = "initial"


class _Builder:
    """Turns one schema-checked source into model objects, with derived ids and locations."""

    def __init__(self, source: Source):
        self.source = source

    def at(self, path: Path_) -> Location:
        return self.source.at(path)

    @staticmethod
    def date(value: str | None) -> date | None:
        """Dates were checked against the calendar by the schema (format: date)."""
        return None if value is None else date.fromisoformat(value)

    def text(self, raw: dict[str, Any], path: Path_) -> Text:
        links = tuple(self.link(l, path + ("links", i)) for i, l in enumerate(raw.get("links", [])))
        return Text(raw["ja"], raw["en"], links, bool(raw.get("en_reviewed", False)), self.at(path))

    def link(self, raw: dict[str, Any], path: Path_) -> Link:
        words = raw["text"]
        text = Bilingual(words, words) if isinstance(words, str) else Bilingual(words["ja"], words["en"])
        return Link(text, raw.get("href"), raw.get("article"), self.at(path))

    def item(self, raw: dict[str, Any], parent: str, path: Path_) -> Item:
        main, *branch = (int(p) for p in str(raw["num"]).split("_"))  # 枝番 "2_2" is 第2号の2
        item_id = raw.get("id") or f"{parent}-i{raw['num']}"
        return Item(
            item_id, main, self.text(raw["text"], path + ("text",)),
            tuple(self.text(b, path + ("bullets", i)) for i, b in enumerate(raw.get("bullets", []))),
            tuple(self.item(s, item_id, path + ("items", i)) for i, s in enumerate(raw.get("items", []))),
            self.at(path), tuple(branch),
        )

    def block(self, raw: dict[str, Any], parent: str, path: Path_) -> Block:
        if "text" in raw:
            return TextBlock(self.text(raw["text"], path + ("text",)))
        if "items" in raw:
            return ItemList(tuple(self.item(it, parent, path + ("items", i))
                                  for i, it in enumerate(raw["items"])))
        return BulletList(tuple(self.text(b, path + ("bullets", i)) for i, b in enumerate(raw["bullets"])))

    def paragraph(self, raw: dict[str, Any], article_id: str, path: Path_) -> Paragraph:
        pid = raw.get("id") or f"{article_id}-p{raw['num']}"
        blocks = tuple(self.block(b, pid, path + ("blocks", i)) for i, b in enumerate(raw.get("blocks", [])))
        return Paragraph(pid, raw["num"], blocks, bool(raw.get("omitted")), raw.get("through"), self.at(path))

    def article(self, raw: dict[str, Any], path: Path_) -> Article:
        num = ArticleNumber.parse(raw["num"])
        aid = raw.get("id") or f"art-{num.key}"
        heading = Bilingual(**raw["heading"]) if "heading" in raw else None
        through = ArticleNumber.parse(raw["through"]) if "through" in raw else None
        paragraphs = tuple(self.paragraph(p, aid, path + ("paragraphs", i))
                           for i, p in enumerate(raw.get("paragraphs", [])))
        return Article(aid, num, heading, paragraphs, bool(raw.get("omitted")), through, self.at(path),
                       bool(raw.get("deleted")))

    def supplementary(self, raw: dict[str, Any], path: Path_) -> SupplementaryProvision:
        effective = date.fromisoformat(raw["effective"])
        sid = raw.get("id") or f"suppl-{raw['effective']}"
        paragraphs = tuple(
            SupplementaryParagraph(
                p.get("id") or f"{sid}-p{p['num']}", p["num"],
                self.text(p["text"], path + ("paragraphs", i, "text")),
                Bilingual(**p["caption"]) if "caption" in p else None, self.at(path + ("paragraphs", i)),
                tuple(Deferral(date.fromisoformat(d["effective"]), tuple(d["clauses"]),
                               self.at(path + ("paragraphs", i, "defers", j)))
                      for j, d in enumerate(p.get("defers", []))))
            for i, p in enumerate(raw["paragraphs"]))
        return SupplementaryProvision(sid, date.fromisoformat(raw["enacted"]), raw["number"], effective,
                                      paragraphs, self.at(path))

    def version(self, slug: str) -> Version:
        raw = self.source.data
        preamble = tuple(
            PreambleParagraph(p.get("id") or f"preamble-{i + 1}", self.text(p, ("preamble", i)),
                              self.at(("preamble", i)))
            for i, p in enumerate(raw.get("preamble", [])))
        return Version(
            document=raw["document"], slug=slug,
            effective=self.date(raw["effective"]),
            published=self.date(raw["published"]),
            change=raw.get("change", "material"),
            preamble=preamble,
            articles=tuple(self.article(a, ("articles", i)) for i, a in enumerate(raw["articles"])),
            supplementary=tuple(self.supplementary(s, ("supplementary", i))
                                for i, s in enumerate(raw.get("supplementary", []))),
            path=self.source.path,
        )


_FILES: dict[tuple[str, Path, Path], tuple[bytes, Any]] = {}


def _once_per_content(kind: str, path: Path, root: Path, load: Any) -> Any:
    """``load(path, root, raw)``, done again only when the file's bytes changed.

    A preview rebuild after saving one file reads that file again and reuses every other
    document and version as it was — the same objects, so what was computed from them (their
    comparisons) is reused too."""
    raw = path.read_bytes()
    key = (kind, path, root)
    hit = _FILES.get(key)
    if hit is not None and hit[0] == raw:
        return hit[1]
    result = load(path, root, raw)
    _FILES[key] = (raw, result)
    return result


def load_document(path: Path, root: Path, raw: bytes | None = None) -> tuple[Document | None, list[Problem]]:
    source, problems = _read(path, root, "document", raw)
    if source is None:
        return None, problems
    data = source.data
    comparison = data.get("comparison", {})
    default_title = {"ja": "【新旧対照表】", "en": "Comparison Table"}
    return Document(
        slug=path.stem, title=Bilingual(**data["title"]), operator=Bilingual(**data["operator"]),
        governing_language=data.get("governing_language", "ja"),
        minimum_notice_days=data["minimum_notice_days"], root=bool(data.get("root", False)),
        comparison_title=Bilingual(**comparison.get("title", default_title)),
        comparison_order=comparison.get("order", "old-new"),
        comparison_labels=comparison.get("labels", "period"),
        path=source.path,
    ), []


def load_version(path: Path, root: Path, raw: bytes | None = None) -> tuple[Version | None, list[Problem]]:
    """One version file, structurally checked; the slug is its file name."""
    source, problems = _read(path, root, "version", raw)
    if source is None:
        return None, problems
    builder = _Builder(source)
    version = builder.version(path.stem)
    problems = []
    if source.data["document"] != path.parent.name:
        problems.append(Problem(source.at(("document",)),
                                f"`document: {source.data['document']}` but the file is in "
                                f"versions/{path.parent.name}/",
                                f"write `document: {path.parent.name}` or move the file"))
    expected = version.effective.isoformat() if version.effective else INITIAL
    if not problems and path.stem != expected:
        hint = f"rename the file to {expected}.yaml"
        if version.effective is None:
            hint = (f"write `effective: {path.stem}`" if _is_date(path.stem) else "write the effective date") + \
                   "; only the first version of a document may have an unknown start (initial.yaml)"
        problems.append(Problem(source.at(("effective",)),
                                f"the file is named {path.name} but its effective date is "
                                f"{version.effective or 'unknown (null)'}", hint))
    return version, problems


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


_CACHE: dict[Path, tuple[tuple[date, tuple[tuple[str, int, int], ...]], Corpus]] = {}


def _signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    files = sorted([*(root / "content" / "documents").glob("*"), *(root / "versions").rglob("*")])
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.is_file())


def load_corpus(root: Path) -> Corpus:
    """Load and validate every document and version under ``root``; raise with all problems.

    One build loads the corpus three times (the check, then each language's configuration); the
    result is kept while no source file changed (same names, sizes and modification times) and
    the day is the same (what may be declared depends on the day: :mod:`termsite.source.stated`)."""
    root = root.resolve()
    signature = (today_in_tokyo(), _signature(root))
    cached = _CACHE.get(root)
    if cached and cached[0] == signature:
        return cached[1]
    corpus = _load_corpus(root)
    _CACHE[root] = (signature, corpus)
    return corpus


def _load_corpus(root: Path) -> Corpus:
    from termsite.source.validation import validate_corpus

    problems: list[Problem] = []
    documents: list[Document] = []
    doc_dir = root / "content" / "documents"
    for path in sorted(doc_dir.glob("*.y*ml")):
        doc, found = _once_per_content("document", path, root, load_document)
        problems += found
        if doc:
            documents.append(doc)
    known = {d.slug for d in documents}
    versions: dict[str, list[Version]] = {slug: [] for slug in known}
    versions_dir = root / "versions"
    for path in sorted(versions_dir.rglob("*")):
        if path.is_dir() or path.suffix not in (".yaml", ".yml"):
            continue
        shown = display_path(path, root)
        if path.parent.name in (WITHDRAWALS, CORRECTIONS) and path.parent.parent.parent == versions_dir \
                and path.parent.parent.name in known:
            continue  # declarations: read below, once the versions are
        folder = path.parent.name if path.parent.parent == versions_dir else None
        if folder is None or folder not in known:
            problems.append(Problem(Location(shown, 1, 1), "version file outside a known document",
                                    f"put it in versions/<document>/ for one of: {', '.join(sorted(known))}"
                                    f" (documents are set up in content/documents/)"))
            continue
        if path.suffix == ".yml":
            problems.append(Problem(Location(shown, 1, 1), "version files end in .yaml",
                                    f"rename it to {path.stem}.yaml"))
            continue
        version, found = _once_per_content("version", path, root, load_version)
        problems += found
        if version and not found:
            versions[folder].append(version)
    if not documents:
        problems.append(Problem(Location(display_path(doc_dir, root)), "no documents are set up",
                                "add content/documents/<document>.yaml"))
    today = today_in_tokyo()
    lock = read_lock(root)
    problems += locked_changes(root, today, still_open(root, today, lock))
    problems += backdated(root, today, lock)
    if problems:
        raise ValidationFailed(problems)
    declared = {}
    for slug, vs in versions.items():
        declared[slug], found = load_declarations(versions_dir / slug, root, vs)
        problems += found
    if problems:
        raise ValidationFailed(problems)
    corpus = Corpus(tuple(documents), {slug: tuple(_in_order(in_chain(vs, declared[slug])))
                                       for slug, vs in versions.items()}, declared)
    problems = validate_corpus(corpus)
    if problems:
        raise ValidationFailed(problems)
    return corpus


def in_chain(versions: list[Version], declared: Declarations) -> list[Version]:
    """The versions that take effect: all but the withdrawn ones (kept in ``declared``)."""
    withdrawn = {w.version for w in declared.withdrawals}
    return [v for v in versions if v.slug not in withdrawn]


def _in_order(versions: list[Version]) -> list[Version]:
    return sorted(versions, key=lambda v: (v.effective is not None, v.effective or date.min, v.slug))
