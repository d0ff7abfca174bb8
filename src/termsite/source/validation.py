"""Checks that need a whole version, or a version and its predecessor.

Each returns problems rather than raising, so ``termsite check`` reports everything at once.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass, replace
from datetime import timedelta
from pathlib import PurePosixPath

from termsite.declarations.as_of import cancelled
from termsite.source.commencement_check import cancellation_texts, deferrals, stage_texts, supplementary_dates
from termsite.timeline.commencement import ends
from termsite.model import (
    Article, ArticleNumber, BulletList, Corpus, Document, Item, ItemList, Link, Text, TextBlock,
    Version,
)
from termsite.source import identity
from termsite.source.placeholders import check_placeholders
from termsite.problems import Location, Problem


def validate_corpus(corpus: Corpus) -> list[Problem]:
    problems: list[Problem] = []
    roots = [d for d in corpus.documents if d.root]
    if len(roots) > 1:
        for d in roots[1:]:
            problems.append(Problem(Location(d.path), "more than one document has `root: true`",
                                    f"only one document is shown at the site root ({roots[0].slug})"))
    for doc in corpus.documents:
        versions = corpus.versions[doc.slug]
        if not versions:
            problems.append(Problem(Location(doc.path), f"document {doc.slug} has no versions",
                                    f"add versions/{doc.slug}/<effective-date>.yaml"))
        declared = corpus.declarations.get(doc.slug)
        # what each revision amends: the text in force the day before it (a withdrawn deferred amendment
        # of the version before put back), for the checks of what it defers
        amended = ends(cancelled(versions, declared.cancellations)) if declared and declared.cancellations else versions
        for i, version in enumerate(versions):
            problems += _once(validate_version, version)
            previous = versions[i - 1] if i else None
            problems += _once(validate_sequence, doc, previous, version)
            problems += _once(deferrals, amended[i - 1] if i else None, version,
                              versions[i + 1] if i + 1 < len(versions) else None)
            problems += _once(stage_texts, amended[i - 1] if i else None, version, _stage_validate)
        for w in declared.cancellations if declared else ():
            version = next(v for v in versions if v.slug == w.version)
            at = versions.index(version)
            problems += cancellation_texts(w, amended[at - 1] if at else None, version, _stage_validate)
        for version in declared.withdrawn if declared else ():
            # checked as it was published: against the version it was to follow
            before = [v for v in versions if v.effective and version.effective and v.effective < version.effective]
            problems += _once(validate_version, version)
            problems += _once(validate_sequence, doc, before[-1] if before else None, version)
    return problems


_CHECKED: dict[tuple[int, ...], tuple[tuple[object, ...], list[Problem]]] = {}


def _once(check: Callable[..., list[Problem]], *args: object) -> list[Problem]:
    """A check's answer for the very same (immutable) objects as before: a preview rebuild after
    saving one file checks that version and its neighbours again, not the whole history."""
    key = (id(check), *(id(a) for a in args))
    hit = _CHECKED.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], args)):
        return hit[1]
    if len(_CHECKED) >= 4096:
        _CHECKED.clear()
    found = check(*args)
    _CHECKED[key] = (args, found)
    return found


def _stage_validate(text: Version) -> list[Problem]:
    """What a stage's text must pass: what a published version's terms pass."""
    return _once(validate_version, text)


# --- one version ---------------------------------------------------------------------------

def validate_version(v: Version) -> list[Problem]:
    problems: list[Problem] = []
    where = Location(v.path, 1, 1)
    if v.published and v.effective and v.published > v.effective:
        problems.append(Problem(where, f"published {v.published} is after the effective date {v.effective}",
                                "a version must be published before it applies"))
    problems += _numbering([(a.num, a.through, a.location) for a in v.articles], "article",
                           lambda n: n.label("ja"), branches=True)
    for a in v.articles:
        problems += _article(a)
    if not any("appears twice" in p.message for p in problems):
        problems += _ids(v)  # duplicate numbers already explain their duplicate derived ids
    problems += _links(v)
    problems += check_placeholders(v)
    for s in v.supplementary:
        if s.enacted > s.effective:
            problems.append(Problem(s.location, f"附則 enacted {s.enacted} after its 実施期日 {s.effective}",
                                    "check the two dates"))
        problems += supplementary_dates(s)
    return problems


def _next_numbers(last: ArticleNumber) -> set[ArticleNumber]:
    main = last.parts[0]
    branch = last.parts[1] if len(last.parts) > 1 else 1
    return {ArticleNumber((main + 1,)), ArticleNumber((main, branch + 1))}


def _numbering(entries: list[tuple[ArticleNumber, ArticleNumber | None, Location]], what: str,
               label: Callable[[ArticleNumber], str], branches: bool = False) -> list[Problem]:
    """Numbers must run 1, 2, 3 … (枝番 14_2 may follow 14); ranges cover ``num``…``through``."""
    problems = []
    seen: dict[ArticleNumber, Location] = {}
    last: ArticleNumber | None = None
    for num, through, location in entries:
        if num in seen:
            problems.append(Problem(location, f"{what} {label(num)} appears twice (first at line "
                                    f"{seen[num].line})", "renumber, or remove the duplicate"))
            continue
        seen[num] = location
        if last is None:
            expected = {ArticleNumber((1,))}
        else:
            expected = _next_numbers(last) if branches else {ArticleNumber((last.parts[0] + 1,))}
        if num not in expected:
            want = " or ".join(sorted(label(e) for e in expected))
            after = f"follows {label(last)}" if last else "comes first"
            problems.append(Problem(location, f"{what} {label(num)} {after}: expected {want}",
                                    "number without gaps; for text not reproduced here add a placeholder "
                                    "with `omitted: true` (and `through:` for a range)"))
        if through is not None and through.parts <= num.parts:
            problems.append(Problem(location, f"`through` must come after `num` ({label(num)})",
                                    "write the last number of the range"))
        last = through if through is not None and through.parts > num.parts else num
    return problems


def _plain(n: int | None) -> ArticleNumber | None:
    return None if n is None else ArticleNumber((n,))


def _article(a: Article) -> list[Problem]:
    problems = []
    if a.deleted:
        if a.paragraphs or a.heading or a.omitted or a.through:
            problems.append(Problem(a.location, f"{a.num.label('ja')} is `deleted` but has "
                                    + ("text" if a.paragraphs or a.heading else "`omitted` or `through`"),
                                    "a deleted article is shown as 「" + f"{a.num.label('ja')}　削除」: remove "
                                    "its heading, paragraphs, `omitted` and `through`"))
        return problems
    if a.omitted:
        if a.paragraphs or a.heading:
            problems.append(Problem(a.location, f"{a.num.label('ja')} is `omitted` but has text",
                                    "remove `omitted: true`, or remove the text"))
        return problems
    if a.through:
        problems.append(Problem(a.location, f"{a.num.label('ja')} has `through` but is not omitted",
                                "`through` is for placeholders (omitted: true)"))
    if not a.paragraphs:
        problems.append(Problem(a.location, f"{a.num.label('ja')} has no paragraphs",
                                "add `paragraphs:`, or mark it `omitted: true`"))
    problems += _numbering([(ArticleNumber((p.num,)), _plain(p.through), p.location) for p in a.paragraphs],
                           "paragraph", lambda n: f"{a.num.label('ja')}{n.parts[0]}")
    for p in a.paragraphs:
        if p.omitted and p.blocks:
            problems.append(Problem(p.location, f"{a.num.label('ja')}{p.num} is `omitted` but has text",
                                    "remove `omitted: true`, or remove the blocks"))
        elif not p.omitted and not p.blocks:
            problems.append(Problem(p.location, f"{a.num.label('ja')}{p.num} has no text",
                                    "add `blocks:`, or mark it `omitted: true`"))
        elif p.through and not p.omitted:
            problems.append(Problem(p.location, f"{a.num.label('ja')}{p.num} has `through` but is not omitted",
                                    "`through` is for placeholders (omitted: true)"))
        for block in p.blocks:
            if isinstance(block, ItemList):
                problems += _items(block.items, f"{a.num.label('ja')}{p.num}")
    return problems


def _items(items: tuple[Item, ...], where: str, depth: int = 0) -> list[Problem]:
    """号 may take 枝番 (第2号の2, "2_2"); 細目 (イ, ロ, …) never do."""
    problems = _numbering([(ArticleNumber((i.num, *i.branch)), None, i.location) for i in items], "item",
                          lambda n: f"{where}({'の'.join(str(p) for p in n.parts)})", branches=True)
    for item in items:
        label = f"{where}({'の'.join(str(p) for p in (item.num, *item.branch))})"
        if depth and item.branch:
            problems.append(Problem(item.location, f"sub-item {label} has a 枝番 (`num: {item.key}`)",
                                    "sub-items (イ, ロ, ハ …) take no 枝番: renumber the ones after it and "
                                    "keep their `id:`"))
        problems += _items(item.items, label, depth + 1) if item.items else []
    return problems


def units(v: Version) -> Iterator[tuple[str, Location]]:
    """Every id-bearing unit of a version with its location."""
    for pre in v.preamble:
        yield pre.id, pre.location
    for a in v.articles:
        yield a.id, a.location
        for p in a.paragraphs:
            yield p.id, p.location
            for block in p.blocks:
                if isinstance(block, ItemList):
                    yield from _item_units(block.items)
    for s in v.supplementary:
        yield s.id, s.location
        for sp in s.paragraphs:
            yield sp.id, sp.location


def _item_units(items: tuple[Item, ...]) -> Iterator[tuple[str, Location]]:
    for item in items:
        yield item.id, item.location
        yield from _item_units(item.items)


def _ids(v: Version) -> list[Problem]:
    problems = []
    seen: dict[str, Location] = {}
    reported: list[str] = []
    for uid, location in units(v):
        if uid in seen and any(uid.startswith(r + "-") for r in reported):
            continue  # a clause inside a duplicated one: the parent's message covers it
        if uid in seen:
            reported.append(uid)
            problems.append(Problem(location, f"id `{uid}` is used twice (first at line {seen[uid].line})",
                                    "give one of them its own `id:`"))
        else:
            seen[uid] = location
    return problems


def texts(v: Version) -> Iterator[tuple[str, Text]]:
    """Every text node of a version, keyed by a path that is stable across versions."""
    for pre in v.preamble:
        yield pre.id, pre.text
    for a in v.articles:
        for p in a.paragraphs:
            for b, block in enumerate(p.blocks):
                if isinstance(block, TextBlock):
                    yield f"{p.id}/{b}", block.text
                elif isinstance(block, BulletList):
                    for j, t in enumerate(block.bullets):
                        yield f"{p.id}/{b}/{j}", t
                else:
                    yield from _item_texts(block.items)
    for s in v.supplementary:
        for sp in s.paragraphs:
            yield sp.id, sp.text


def _item_texts(items: tuple[Item, ...]) -> Iterator[tuple[str, Text]]:
    for item in items:
        yield item.id, item.text
        for j, t in enumerate(item.bullets):
            yield f"{item.id}/{j}", t
        yield from _item_texts(item.items)


def _links(v: Version) -> list[Problem]:
    problems = []
    for _, text in texts(v):
        for link in text.links:
            for lang in ("ja", "en"):
                if link.text[lang] not in text[lang]:
                    problems.append(Problem(link.location, f"link text `{link.text[lang]}` does not occur in "
                                            f"the {'Japanese' if lang == 'ja' else 'English'} text",
                                            "copy the words exactly as they stand in the text"))
            if link.article and not _article_exists(v, link.article):
                problems.append(Problem(link.location, f"cross-reference to `{link.article}`, "
                                        "which is not an article of this version",
                                        "check the article id (art-<number>)"))
            elif link.article:
                problems += _named_number(v, link)
    return problems


_NAMED = {"ja": re.compile(r"^第([0-9０-９]+)条((?:の[0-9０-９]+)*)"), "en": re.compile(r"^Article ([0-9]+(?:-[0-9]+)*)")}


def _named_number(v: Version, link: Link) -> list[Problem]:
    """A cross-reference's words name the number its article bears in this text (第3条 → the
    article that is 第3条 here), in each language where they name one."""
    target = v.article(link.article or "")
    if target is None or target.omitted:
        return []
    for lang, pattern in _NAMED.items():
        m = pattern.match(link.text[lang])
        if m is None:
            continue
        digits = unicodedata.normalize("NFKC", m.group(0))  # to compare only: 第３条 is 第3条
        named = digits if lang == "ja" else m.group(0)
        if named != target.num.label(lang):
            return [Problem(link.location, f"cross-reference 「{link.text[lang]}」 names {named}, but "
                            f"`{link.article}` is {target.num.label(lang)} in this text",
                            f"write {target.num.label(lang)}, or link the article that is {named}")]
    return []


def _article_exists(v: Version, article_id: str) -> bool:
    if v.article(article_id):
        return True
    if not article_id.startswith("art-"):
        return False
    try:
        wanted = ArticleNumber.parse(article_id[4:])
    except ValueError:
        return False
    return any(a.omitted and a.through and a.num.parts <= wanted.parts <= a.through.parts for a in v.articles)


# --- a version and its predecessor ---------------------------------------------------------

def validate_sequence(doc: Document, previous: Version | None, v: Version) -> list[Problem]:
    problems: list[Problem] = []
    where = Location(v.path, 1, 1)
    if previous is None:
        return problems
    if v.effective is None:
        problems.append(Problem(where, "only the first version may have an unknown effective date",
                                "write `effective: YYYY-MM-DD`"))
        return problems
    if previous.effective is not None and v.effective <= previous.effective:
        problems.append(Problem(where, f"effective date {v.effective} is not after the previous version's "
                                f"({previous.effective})", "each version must start on a later day"))
    if previous.published and v.published and v.published < previous.published:
        problems.append(Problem(where, f"published {v.published}, before the previous version "
                                f"({previous.published})", "check the publication date"))
    if v.change == "material" and v.published and doc.minimum_notice_days and v.published <= v.effective:
        notice = (v.effective - v.published).days
        if notice < doc.minimum_notice_days:
            earliest = v.published + timedelta(days=doc.minimum_notice_days)
            problems.append(Problem(where, f"{notice} days' notice (published {v.published}, effective "
                                    f"{v.effective}); {doc.slug} requires {doc.minimum_notice_days}",
                                    f"make it effective on {earliest} or later, or publish earlier; "
                                    "`change: editorial` only if customers are not affected"))
    problems += _supplementary_kept(previous, v)
    problems += _changed_something(previous, v)
    problems += _translation_drift(previous, v)
    if not _once(validate_version, v):  # numbers and ids first: until they are right, pairing is guesswork
        problems += identity.check(previous, v)
    return problems


def _strip(s):
    return replace(s, location=Location(""), paragraphs=tuple(replace(p, location=Location(""),
                   text=replace(p.text, location=Location(""))) for p in s.paragraphs))


def _supplementary_kept(previous: Version, v: Version) -> list[Problem]:
    problems = []
    kept = v.supplementary[: len(previous.supplementary)]
    for i, old in enumerate(previous.supplementary):
        if i >= len(kept) or kept[i].id != old.id:
            own = previous.supplementary[-1]
            follows_earlier = len(previous.supplementary) > 1 and [s.id for s in v.supplementary[:i]] == [
                s.id for s in previous.supplementary[:-1]]
            if old is own and follows_earlier and old.effective == previous.effective:
                # Only the previous version's own 附則 is left out: this version was drafted to replace it.
                folder = PurePosixPath(previous.path).parent
                problems.append(Problem(Location(v.path, 1, 1), f"this version leaves out the 附則 `{old.id}` "
                                        f"({old.number}) of version {previous.slug}, as a replacement of it would, "
                                        f"but {previous.slug} is not withdrawn",
                                        f"if {previous.slug} is to be cancelled before it takes effect on "
                                        f"{previous.effective}, declare its withdrawal in this pull request "
                                        f"({folder}/withdrawals/{previous.slug}.yaml, dated today or later, see "
                                        f"EDITING.md 7); otherwise copy that 附則 unchanged from {previous.path} "
                                        "(附則 accumulate)"))
                break
            problems.append(Problem(Location(v.path, 1, 1), f"the earlier 附則 `{old.id}` ({old.number}) is missing",
                                    f"copy it unchanged from {previous.path}; 附則 accumulate"))
            break
        if _strip(kept[i]) != _strip(old):
            problems.append(Problem(kept[i].location, f"the earlier 附則 `{old.id}` was changed",
                                    f"restore it exactly as in {previous.path}; add a new 附則 instead"))
    earlier = {s.id for s in previous.supplementary}
    added = [s for s in v.supplementary if s.id not in earlier]
    if not added:
        problems.append(Problem(Location(v.path, 1, 1), "this version has no 附則 of its own",
                                "append a `supplementary:` entry with its 実施期日 (see versions/FORMAT.md)"))
    for s in added:
        if s.effective != v.effective:
            problems.append(Problem(s.location, f"附則 実施期日 {s.effective} does not match the version's "
                                    f"effective date {v.effective}", "make them the same day"))
    return problems


def _terms(v: Version) -> tuple[object, ...]:
    """What readers read of a version besides its 附則: the preamble and the articles.

    Locations are not compared (dataclass ``compare=False``); ``en_reviewed`` is a note to the
    checker, not text, so it is set aside."""
    def plain(obj: object) -> object:
        if isinstance(obj, Text):
            return replace(obj, en_reviewed=False)
        if isinstance(obj, tuple):
            return tuple(plain(x) for x in obj)
        if is_dataclass(obj) and not isinstance(obj, type):
            return tuple((f.name, plain(getattr(obj, f.name))) for f in fields(obj) if f.compare)
        return obj
    return (plain(v.preamble), plain(v.articles))


def _changed_something(previous: Version, v: Version) -> list[Problem]:
    """A revision whose terms equal its predecessor's would publish a comparison with no mark."""
    if _terms(previous) != _terms(v):
        return []
    return [Problem(Location(v.path, 1, 1), f"the terms are the same as in {previous.path}: this version "
                    "changes nothing but its 附則", "make the change this revision is for, or delete the file")]


def _translation_drift(previous: Version, v: Version) -> list[Problem]:
    problems = []
    before = dict(texts(previous))
    for key, text in texts(v):
        old = before.get(key)
        if old is None:
            if text.en_reviewed:
                problems.append(Problem(text.location, "`en_reviewed` on new text", "remove `en_reviewed`"))
            continue
        ja_changed = old.ja != text.ja
        if ja_changed and old.en == text.en and not text.en_reviewed:
            problems.append(Problem(text.location, "the Japanese changed but the English did not "
                                    "(translation drift)", "update `en:`, or add `en_reviewed: true` "
                                    "if the English is still right"))
        if text.en_reviewed and not ja_changed:
            problems.append(Problem(text.location, "`en_reviewed: true` but the Japanese did not change",
                                    "remove `en_reviewed` (it only applies to the version that changed the text)"))
    return problems
