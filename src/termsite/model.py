"""The terms as the legal team writes them: documents, versions, articles, paragraphs, items, 附則.

Plain frozen dataclasses, free of any site framework, in the shape of the documents themselves
(条 › 項 › 号 › 細目, plus "•" lists and 附則). Every clause carries a stable ``id`` — the same
in both languages and across versions — so deep links and comparisons line up.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Union

from termsite.problems import Location

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")
NOWHERE = Location("")


@dataclass(frozen=True)
class Bilingual:
    """A short string in both languages (a heading, a caption, a link's words)."""

    ja: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Link:
    """Part of a text that links: to a web address (``href``) or to an article (``article`` id)."""

    text: Bilingual
    href: str | None = None
    article: str | None = None
    location: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Text:
    """One run of legal text. ``ja`` governs; ``en`` is the reference translation."""

    ja: str
    en: str
    links: tuple[Link, ...] = ()
    en_reviewed: bool = False
    location: Location = field(default=NOWHERE, compare=False)

    def __getitem__(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Item:
    """号 — a numbered item ``(1)``; nested items are 細目 (イ, ロ, …). ``branch`` holds the 枝番 of
    an item inserted without renumbering: num 2, branch (2,) is 第2号の2, written "2_2"."""

    id: str
    num: int
    text: Text
    bullets: tuple[Text, ...] = ()
    items: tuple["Item", ...] = ()
    location: Location = field(default=NOWHERE, compare=False)
    branch: tuple[int, ...] = ()

    @property
    def key(self) -> str:
        """2, or 2_2 for 第2号の2: the number as ids and the source write it."""
        return "_".join(str(p) for p in (self.num, *self.branch))


@dataclass(frozen=True)
class TextBlock:
    text: Text


@dataclass(frozen=True)
class ItemList:
    items: tuple[Item, ...]


@dataclass(frozen=True)
class BulletList:
    """A "•" list, as in 第1条5 of the sample: unnumbered, so it has no ids of its own."""

    bullets: tuple[Text, ...]


Block = Union[TextBlock, ItemList, BulletList]


@dataclass(frozen=True)
class Paragraph:
    """項 — a numbered paragraph; ``omitted`` marks text this source does not reproduce."""

    id: str
    num: int
    blocks: tuple[Block, ...] = ()
    omitted: bool = False
    through: int | None = None
    location: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class PreambleParagraph:
    id: str
    text: Text
    location: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class ArticleNumber:
    """条番号 with 枝番: (14, 2) is 第14条の2, written "14_2" in the source as e-Gov does."""

    parts: tuple[int, ...]

    @classmethod
    def parse(cls, raw: int | str) -> "ArticleNumber":
        return cls(tuple(int(p) for p in str(raw).split("_")))

    @property
    def key(self) -> str:
        return "_".join(str(p) for p in self.parts)

    def label(self, lang: str) -> str:
        if lang == "ja":
            return f"第{self.parts[0]}条" + "".join(f"の{p}" for p in self.parts[1:])
        return "Article " + "-".join(str(p) for p in self.parts)


@dataclass(frozen=True)
class Article:
    """条 — or, when ``omitted``, a placeholder for 第N条～第M条 this source does not reproduce;
    ``deleted`` is an article kept in place as 「第N条　削除」 so the following ones keep their numbers."""

    id: str
    num: ArticleNumber
    heading: Bilingual | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    omitted: bool = False
    through: ArticleNumber | None = None
    location: Location = field(default=NOWHERE, compare=False)
    deleted: bool = False


@dataclass(frozen=True)
class Deferral:
    """一部施行: the amendments of ``clauses`` (article, paragraph or item ids) take effect on
    ``effective``, later than the rest of the revision — as the 附則 paragraph holding it says."""

    effective: date
    clauses: tuple[str, ...]
    location: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class SupplementaryParagraph:
    id: str
    num: int
    text: Text
    caption: Bilingual | None = None
    location: Location = field(default=NOWHERE, compare=False)
    defers: tuple[Deferral, ...] = ()


@dataclass(frozen=True)
class SupplementaryProvision:
    """附則 of one revision: enacted on ``enacted`` under ``number``, 実施期日 ``effective``."""

    id: str
    enacted: date
    number: str
    effective: date
    paragraphs: tuple[SupplementaryParagraph, ...]
    location: Location = field(default=NOWHERE, compare=False)


ChangeKind = Literal["material", "editorial"]


@dataclass(frozen=True)
class Version:
    """One published text of a document. ``effective`` is None only for a first version whose
    start date is unknown; it is never invented."""

    document: str
    slug: str
    effective: date | None
    published: date | None
    change: ChangeKind
    preamble: tuple[PreambleParagraph, ...]
    articles: tuple[Article, ...]
    supplementary: tuple[SupplementaryProvision, ...] = ()
    path: str = ""
    # deferred amendments (clause ids of its own 附則's `defers:`, each with the day of its withdrawal)
    # withdrawn before their day: their earlier wording goes on applying (set by the timeline from the
    # withdrawal's date, never read from a file)
    cancelled: tuple[tuple[str, date], ...] = ()

    def cancelled_ids(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.cancelled)

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)


ComparisonLabels = Literal["period", "old-new", "before-after"]


@dataclass(frozen=True)
class Document:
    """Per-document settings: titles, operator, notice period and comparison layout."""

    slug: str
    title: Bilingual
    operator: Bilingual
    governing_language: Lang
    minimum_notice_days: int
    root: bool
    comparison_title: Bilingual
    comparison_order: Literal["old-new", "new-old"]
    comparison_labels: ComparisonLabels
    path: str = ""


@dataclass(frozen=True)
class Revision:
    """The change from one version to the next: what a comparison table shows."""

    old: Version
    new: Version


# What legal declares about published versions (see termsite.declarations).


@dataclass(frozen=True)
class Withdrawal:
    """取り止め: ``version`` (a slug) is withdrawn on ``date`` (Asia/Tokyo), for ``reason``. With
    ``clauses``, only the deferred amendments of those clauses (一部施行 still waiting) are withdrawn:
    the version stays in force and their earlier wording goes on applying."""

    document: str
    version: str
    date: date
    reason: Bilingual
    path: str = ""
    location: Location = field(default=NOWHERE, compare=False)
    clauses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fix:
    """One language's part of a 正誤: 「wrong」は「right」の誤り."""

    wrong: str
    right: str


@dataclass(frozen=True)
class Correction:
    """正誤 of one clause (a paragraph, an item, a preamble paragraph), first published in
    ``version``, reading as corrected from ``date`` in that version and in every later one that
    still carries the wrong wording there."""

    document: str
    date: date
    version: str
    clause: str
    ja: Fix | None
    en: Fix | None
    path: str = ""
    location: Location = field(default=NOWHERE, compare=False)

    def fix(self, lang: str) -> Fix | None:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Declarations:
    """A document's withdrawals and corrections, in order of date."""

    withdrawals: tuple[Withdrawal, ...] = ()
    corrections: tuple[Correction, ...] = ()
    withdrawn: tuple[Version, ...] = ()  # the withdrawn versions, as published
    # version slug → the corrections its text shows (worked out per day: see declarations.as_of)
    applied: dict[str, tuple[Correction, ...]] = field(default_factory=dict, compare=False)
    # withdrawn version slug → the version it was to follow, as it read the day before the withdrawal:
    # the old side of the withdrawn revision's comparison, which later corrections do not rewrite
    announced: dict[str, Version] = field(default_factory=dict, compare=False)
    # withdrawals of deferred amendments only (``Withdrawal.clauses``): their versions stay in force
    cancellations: tuple[Withdrawal, ...] = ()
    # version slug → its text in force on its last day, for a version a deferred amendment of which was
    # withdrawn (its file's wording put back there): what the next revision amends (see declarations.as_of)
    ends: dict[str, Version] = field(default_factory=dict, compare=False)

    def withdrawal(self, slug: str) -> Withdrawal | None:
        return next((w for w in self.withdrawals if w.version == slug), None)

    def withdrawn_version(self, slug: str) -> Version | None:
        return next((v for v in self.withdrawn if v.slug == slug), None)


@dataclass(frozen=True)
class Corpus:
    """Every document with its versions in order of effective date."""

    documents: tuple[Document, ...]
    versions: dict[str, tuple[Version, ...]]  # the versions that take effect (withdrawn ones are not here)
    declarations: dict[str, Declarations] = field(default_factory=dict)  # withdrawals, corrections

    def revisions(self, slug: str) -> list[Revision]:
        """Each revision of the document: the text in force the day before it against its version."""
        vs = self.versions[slug]
        return [Revision(self.ended(slug, a), b) for a, b in zip(vs, vs[1:])]

    def ended(self, slug: str, v: Version) -> Version:
        """``v``'s text in force on its last day: ``v`` itself, unless a deferred amendment of it was
        withdrawn before its day — then ``v`` with that amendment's clauses in their earlier wording."""
        d = self.declarations.get(slug)
        return d.ends.get(v.slug, v) if d is not None else v

    @property
    def root_document(self) -> Document:
        return next((d for d in self.documents if d.root), self.documents[0])
