"""Search as a reader uses it, in a real browser, with answers computed from the version sources.

The clauses and their texts are read from ``versions/`` (load_corpus); queries are picked from
those texts (plus a few a reader would type); the clauses that hold each query are computed here
by the rule the search page promises (README, Search):

- query and text are compared NFKC-normalised, in lower case and folded by the table the project keeps
  as data (src/termsite/outputs/search-folding.json: 4ヶ月 = 4か月, e-mail = email; its rules are tested
  in test_searchfold.py);
- a query of several words needs every word, anywhere in the clause; words in quotes are one phrase;
- a query that is a clause number as the site writes it (第5条4, 第5条第4項, Article 5(4), Art. 5.4,
  附則) also finds that clause and its parts in every version;
- a Japanese term (anything not a plain Latin word or number) must occur in the clause as it is;
- a Latin word of three letters or more matches the words it begins and its inflections (they share
  four letters or more and neither goes more than four letters past that); shorter ones whole words.

Each distinct wording of a clause (its own text, in whatever versions it stands) is one result,
grouped by clause and labelled with its period(s) and whether it applies today; every wording that
holds the query is listed (the earlier ones once the switch shows them) and none that does not; the
first is in force when any wording in force holds it; a query found nowhere shows no result.
"""
from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import pytest

from browser_support import SiteServer
from conftest import ROOT

pytest.importorskip("playwright.sync_api")

from termsite import labels  # noqa: E402
from termsite.outputs import searchfold  # noqa: E402
from termsite.outputs.searchindex import keyed_clauses  # noqa: E402
from termsite.timeline.dates import long_date  # noqa: E402
from termsite.source.loading import load_corpus  # noqa: E402
from termsite.model import BulletList, Item, ItemList, TextBlock, Version  # noqa: E402
from termsite.timeline.status import period  # noqa: E402

LATER_DAY = "2026-11-24"   # 2026-03-01 in force, the first version superseded
BUILD_DAY = "2026-02-15"   # the first version in force, 2026-03-01 upcoming
NOON_JST = "T03:00:00Z"
RANK = {"in-force": 0, "upcoming": 1, "superseded": 2}


@dataclass(frozen=True)
class Clause:
    """One wording of one clause: its text and every version it stands in (oldest first)."""
    href: str       # where its result links: /terms/#art-1-p7 in force, else the version it opens
    version: str    # that version (the one in force; an upcoming wording's first; an earlier one's last)
    state: str      # in-force if it stands in the version in force, else upcoming if in one to come
    text: str
    keys: tuple[str, ...] = ()  # every number it stood under, as a5.p4 (article, paragraph, item)
    label: str = ""             # the number it bears in the last version it stands in
    anchor: str = ""
    versions: tuple[str, ...] = ()
    says: str = ""              # the words its result must carry: its state and period(s)

    @property
    def key(self) -> str:
        return self.keys[-1] if self.keys else ""


def fold(s: str) -> str:
    return searchfold.fold(s)


def vocabulary() -> tuple[list[list[str]], list[str]]:
    """The synonym groups (folded) and English endings of search-vocabulary.json."""
    data = json.loads(searchfold.VOCABULARY.read_text(encoding="utf-8"))
    return [[fold(w) for w in g["words"]] for g in data["synonyms"]], data["endings"]["list"]


def synonyms_of(query: str) -> list[tuple[str, list[str]]]:
    """The vocabulary entries a query holds as whole words (longest first, each once), with their groups."""
    groups, _endings = vocabulary()
    rest = " ".join(re.sub(r'"([^"]*)"|“([^”]*)”', " ", fold(query)).split())
    found = []
    for entry, group in sorted(((w, g) for g in groups for w in g), key=lambda e: -len(e[0])):
        for m in re.finditer(re.escape(entry), rest):
            i, j = m.start(), m.end()
            if (entry[0].isascii() and entry[0].isalnum() and i and rest[i - 1].isascii() and rest[i - 1].isalnum()) or \
                    (entry[-1].isascii() and entry[-1].isalnum() and j < len(rest) and rest[j].isascii() and rest[j].isalnum()):
                continue
            found.append((entry, group))
            rest = rest[:i] + " " + rest[j:]
            break
    return found


def terms_of(query: str) -> list[tuple[str, bool]]:
    """(term, exact): a phrase in quotes is one exact term; a vocabulary entry one term; other words each a term."""
    q = fold(query)
    out: list[tuple[str, bool]] = []
    for m in re.finditer(r'"([^"]*)"|“([^”]*)”', q):
        phrase = " ".join((m.group(1) or m.group(2) or "").split())
        if phrase:
            out.append((phrase, True))
    rest = " ".join(re.sub(r'"([^"]*)"|“([^”]*)”', " ", q).split())
    for entry, _group in synonyms_of(query):
        out.append((entry, True))
        rest = re.sub(r"(?<![a-z0-9])" + re.escape(entry) + r"(?![a-z0-9])" if entry.isascii() else re.escape(entry),
                      " ", rest, count=1)
    out += [(w, not re.fullmatch(r"[a-z0-9]+", w)) for w in rest.split()]
    return out


def numbered(clause: "Clause", query: str) -> bool:
    ref = searchfold.reference(query)
    return bool(ref) and any(k == ref or k.startswith(ref + ".") for k in clause.keys)


def found(clause: "Clause", query: str) -> bool:
    return holds(clause.text, query) or numbered(clause, query)


def _word_matches(term: str, word: str) -> bool:
    """A word it begins, another form (a common stem of 4+ letters, each going on with a listed ending)
    or the same word with one letter mistyped after the fourth."""
    if len(term) < 3:
        return word == term
    if word.startswith(term):
        return True
    if re.search(r"\d", term + word):
        return False
    endings = vocabulary()[1]
    c = 0
    while c < min(len(term), len(word)) and term[c] == word[c]:
        c += 1
    if any(term[k:] in endings and word[k:] in endings for k in range(c, 3, -1)):
        return True
    # one letter mistyped after the fourth
    return c >= 4 and len(term) >= 5 and len(term) == len(word) and term[c + 1:] == word[c + 1:]


def holds(text: str, query: str) -> bool:
    folded = fold(text)
    terms = terms_of(query)
    if not terms:
        return False
    groups = dict(synonyms_of(query))
    for term, exact in terms:
        if term in groups:
            if not any(alt in folded for alt in groups[term]):
                return False
        elif not exact:
            if not any(_word_matches(term, w) for w in re.findall(r"[a-z0-9]+", folded)):
                return False
        elif term not in folded:
            return False
    return True


def _item_units(items: tuple[Item, ...], lang: str) -> Iterator[tuple[str, str]]:
    for item in items:
        yield item.id, "\n".join([item.text[lang], *(b[lang] for b in item.bullets)])
        yield from _item_units(item.items, lang)


def _item_keys(items: tuple[Item, ...], key: str) -> Iterator[tuple[str, str]]:
    for item in items:
        yield item.id, f"{key}.i{item.num}"
        yield from _item_keys(item.items, f"{key}.i{item.num}")


def keys(v: Version) -> dict[str, str]:
    """Each clause's number, from the source: a5, a5.p4, a1.p7.i1, s.p1, pre."""
    out = {p.id: "pre" for p in v.preamble}
    for a in v.articles:
        out[a.id] = f"a{a.num.key}"
        for para in a.paragraphs:
            out[para.id] = f"a{a.num.key}.p{para.num}"
            for b in para.blocks:
                if isinstance(b, ItemList):
                    out.update(_item_keys(b.items, out[para.id]))
    for s in v.supplementary:
        for sp in s.paragraphs:
            out[sp.id] = f"s.p{sp.num}"
    return out


def units(v: Version, lang: str) -> Iterator[tuple[str, str]]:
    """(anchor, own text) of every clause the reader sees: preamble, article headings, the text of
    each paragraph, each item with its bullets, each 附則 paragraph with its caption."""
    for p in v.preamble:
        yield p.id, p.text[lang]
    for a in v.articles:
        if a.omitted:
            continue
        yield a.id, labels.article_heading(a, lang)
        for para in a.paragraphs:
            own = [b.text[lang] for b in para.blocks if isinstance(b, TextBlock)]
            own += [t[lang] for b in para.blocks if isinstance(b, BulletList) for t in b.bullets]
            if own and not para.omitted:
                yield para.id, "\n".join(own)
            for b in para.blocks:
                if isinstance(b, ItemList):
                    yield from _item_units(b.items, lang)
    for s in v.supplementary:
        for sp in s.paragraphs:
            yield sp.id, "\n".join(([sp.caption[lang]] if sp.caption else []) + [sp.text[lang]])


def clauses(day: str, lang: str) -> list[Clause]:
    """Every wording of every clause, from the sources: a clause's text, with the versions it stands in."""
    from datetime import date

    corpus = load_corpus(ROOT)
    today = date.fromisoformat(day)
    root = "/terms/" + ("en/" if lang == "en" else "")
    out = []
    for doc in corpus.documents:
        versions = corpus.versions[doc.slug]
        periods = {v.slug: period(versions, v) for v in versions}
        state = {slug: "upcoming" if p.start and today < p.start else "superseded" if p.end and today > p.end
                 else "in-force" for slug, p in periods.items()}
        order = [v.slug for v in versions]
        found: dict[tuple[str, str], list[tuple[str, str, str]]] = {}  # (anchor, text) → [(version, key, label)]
        for v in versions:
            numbers = keys(v)
            shown = {anchor: label for anchor, label, *_rest in keyed_clauses(v, lang)}
            for anchor, text in units(v, lang):
                found.setdefault((anchor, text), []).append((v.slug, numbers[anchor], shown.get(anchor, "")))
        for (anchor, text), seen in found.items():
            slugs = [slug for slug, _k, _l in seen]
            states = {state[slug] for slug in slugs}
            runs: list[list[str]] = []  # consecutive versions
            for slug in slugs:
                if runs and order.index(runs[-1][-1]) + 1 == order.index(slug):
                    runs[-1].append(slug)
                else:
                    runs.append([slug])
            if "in-force" in states:
                wstate, version = "in-force", next(s for s in slugs if state[s] == "in-force")
                href = f"{root}#{anchor}" if doc.root else f"{root}{doc.slug}/#{anchor}"
                run = next(r for r in runs if version in r)
                start = periods[run[0]].start
                says = (f"現行（{long_date(start, lang)}～）" if lang == "ja" else f"In force (since {long_date(start, lang)})") \
                    if start else ("現行（記録上最初の版から）" if lang == "ja" else "In force (since the first recorded version)")
            elif "upcoming" in states:
                wstate, version = "upcoming", next(s for s in slugs if state[s] == "upcoming")
                href = f"{root}{doc.slug}/{version}/#{anchor}"
                d = long_date(periods[version].start, lang)  # type: ignore[arg-type]
                says = f"実施予定（{d}～）" if lang == "ja" else f"Upcoming (from {d})"
            else:
                wstate, version = "superseded", slugs[-1]
                href = f"{root}{doc.slug}/{version}/#{anchor}"
                spans = []
                for run in runs:
                    start, end = periods[run[0]].start, periods[run[-1]].end
                    until = long_date(end, lang)  # type: ignore[arg-type]
                    if start:
                        spans.append(f"{long_date(start, lang)}～{until}" if lang == "ja" else f"{long_date(start, lang)} – {until}")
                    else:
                        spans.append(f"～{until}" if lang == "ja" else f"until {until}")
                says = f"以前の文言（{'、'.join(spans)}）" if lang == "ja" else f"Earlier wording ({'; '.join(spans)})"
            out.append(Clause(href, version, wstate, text, tuple(dict.fromkeys(k for _s, k, _l in seen)), seen[-1][2],
                              anchor, tuple(slugs), says))
    return out


_CJK = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff]")


def japanese_queries(cl: list[Clause]) -> list[str]:
    """Pieces of the texts themselves: runs of kanji/kana taken at seeded random places, every
    number+counter term (4か月, 20時, 30日前), a Latin name written in full-width letters, and a
    few words a reader would type; plus the terms only a superseded version uses."""
    rng = random.Random(14)
    texts = [c.text for c in cl]
    queries: list[str] = []
    for text in rng.sample(texts, 16):
        runs = [m for m in re.finditer(r"[\u3041-\u30ff\u4e00-\u9fff]{2,}", text)]
        if not runs:
            continue
        run = rng.choice(runs).group()
        size = min(len(run), rng.choice((2, 3, 4)))
        start = rng.randrange(0, len(run) - size + 1)
        queries.append(run[start:start + size])
    counters = sorted({m.group() for t in texts for m in re.finditer(r"\d+(?:か月|時|日前|日|条)", t)})
    queries += counters
    latin = sorted({m.group() for t in texts for m in re.finditer(r"[A-Z]{3,}", t)})
    queries += ["".join(chr(ord(ch) + 0xFEE0) for ch in w) for w in latin[:2]]  # ＣＲＭ
    old_only = [c.text for c in cl if c.state == "superseded"]
    new_text = "".join(c.text for c in cl if c.state == "in-force")
    for text in old_only:
        for m in re.finditer(r"[\u4e00-\u9fff]{2}", text):
            if m.group() not in new_text and m.group() not in queries:
                queries.append(m.group())
                break
        if sum(1 for q in queries if q not in new_text) >= 2:
            break
    queries += ["CRM連携", "動作ログ", "利用停止", "書面", "ログ　取得"]  # the last: two words, an ideographic space
    return list(dict.fromkeys(queries))


def english_queries(cl: list[Clause]) -> list[str]:
    """Words of the texts (four letters or more), pairs of words that are in one clause but not
    next to each other, and a few inflections a reader would type."""
    rng = random.Random(14)
    queries: list[str] = []
    texts = [c.text for c in cl if c.state == "in-force"]
    for text in rng.sample(texts, 12):
        words = re.findall(r"[A-Za-z]{4,}", text)
        if len(words) >= 4:
            i = rng.randrange(0, len(words) - 3)
            queries.append(words[i])
            queries.append(f"{words[i]} {words[i + 3]}")
    queries += ["activity log", "excessive load", "suspended", "notices", "30 days", "CRM", "ＣＲＭ"]
    return list(dict.fromkeys(queries))


@pytest.fixture(scope="module")
def servers(sites) -> Iterator[dict[str, SiteServer]]:
    out = {day: SiteServer(sites.get(day)) for day in (LATER_DAY, BUILD_DAY)}
    yield out
    for s in out.values():
        s.close()


def results(pg, base: str, prefix: str, query: str, earlier: bool = True) -> list[dict[str, str]]:
    """The results, every wording: the earlier ones too (the switch pressed) unless ``earlier`` is False."""
    pg.goto(base + prefix + "search/?q=" + quote(query))
    pg.wait_for_selector(".terms-results, .terms-noresult", timeout=15_000)
    switch = pg.locator(".terms-earlier[aria-pressed=false]")
    if earlier and switch.count():
        switch.click()
        pg.wait_for_selector(".terms-earlier[aria-pressed=true]")
    while pg.locator(".terms-more").count():  # a long answer is drawn a page at a time
        pg.locator(".terms-more").click()
    return pg.eval_on_selector_all("li.terms-result", """els => els.map(li => ({
        href: li.querySelector('a').getAttribute('href'), state: li.dataset.state,
        version: li.dataset.version, anchor: li.closest('.terms-clause-hit').dataset.anchor,
        title: li.closest('.terms-clause-hit').querySelector('.terms-clause-hit__title').innerText,
        label: li.querySelector('.terms-result__version').innerText.trim(),
        excerpt: li.querySelector('.terms-result__excerpt').innerText,
        marked: Array.from(li.querySelectorAll('mark')).map(m => m.innerText)}))""")


def check(pg, servers, day: str, lang: str, queries: list[str]) -> list[str]:
    cl = clauses(day, lang)
    by_href = {c.href: c for c in cl}
    prefix = "en/" if lang == "en" else ""
    wrong: list[str] = []
    for q in queries:
        expected = {c.href for c in cl if found(c, q)}
        got = results(pg, servers[day].base, prefix, q)
        hrefs = [r["href"] for r in got]
        if set(hrefs) != expected or len(hrefs) != len(set(hrefs)):
            wrong.append(f"{lang} {q!r}: missing {sorted(expected - set(hrefs))}, extra {sorted(set(hrefs) - expected)}")
            continue
        if not expected:
            if pg.locator(".terms-noresult").count() != 1:
                wrong.append(f"{lang} {q!r}: no 'nothing found' message")
            continue
        # grouped by clause: each clause's wordings together, in force → upcoming → earlier, and the
        # groups ordered by their best
        groups: list[tuple[str, list[int]]] = []
        for r in got:
            if r["anchor"] != by_href[r["href"]].anchor:
                wrong.append(f"{lang} {q!r}: {r['href']} in the group of {r['anchor']}")
            if groups and groups[-1][0] == r["anchor"]:
                groups[-1][1].append(RANK[r["state"]])
            else:
                groups.append((r["anchor"], [RANK[r["state"]]]))
        if len({a for a, _r in groups}) != len(groups):
            wrong.append(f"{lang} {q!r}: a clause in two groups")
        if any(ranks != sorted(ranks) for _a, ranks in groups) or [r[0] for _a, r in groups] != sorted(r[0] for _a, r in groups):
            wrong.append(f"{lang} {q!r}: not in force → upcoming → earlier: {groups}")
        if any(c.state == "in-force" for c in cl if c.href in expected) and got[0]["state"] != "in-force":
            wrong.append(f"{lang} {q!r}: first hit is {got[0]['state']}")
        for r in got:
            clause = by_href[r["href"]]
            if r["state"] != clause.state or r["version"] != clause.version or r["label"] != clause.says:
                wrong.append(f"{lang} {q!r}: {r['href']} labelled {r['label']!r} ({r['state']}, {r['version']})")
            if holds(clause.text, q) and (not r["marked"] or not all(fold(m) in fold(clause.text) for m in r["marked"])):
                wrong.append(f"{lang} {q!r}: {r['href']} marks {r['marked']!r}")
            if "¶" in r["title"]:
                wrong.append(f"{lang} {q!r}: ¶ in {r['title']!r}")
    return wrong


def test_queries_find_every_clause_that_holds_them(browser, servers) -> None:
    pg = browser.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    ja = japanese_queries(clauses(LATER_DAY, "ja")) + ["存在しない語句ぴよ"]
    en = english_queries(clauses(LATER_DAY, "en")) + ["zzzq xyzzy", "suspend nonexistentword"]
    assert len(ja) >= 30 and len(en) >= 20, (len(ja), len(en))
    # the hard cases the issue names are among them
    for needed in ("4か月", "20時", "ＣＲＭ"):
        assert needed in ja
    wrong = check(pg, servers, LATER_DAY, "ja", ja) + check(pg, servers, LATER_DAY, "en", en)
    pg.close()
    assert wrong == []
    # not a vacuous pass: most queries have clauses to find, some in several places and versions
    for lang, queries in (("ja", ja), ("en", en)):
        cl = clauses(LATER_DAY, lang)
        counts = [sum(found(c, q) for c in cl) for q in queries]
        assert sum(n > 0 for n in counts) >= len(queries) - 3 and max(counts) >= 10, (lang, counts)


def test_upcoming_version_comes_after_the_terms_in_force(browser, servers) -> None:
    """Built before the revision: the terms in force first, then 実施予定（2026年3月1日～）; a wording
    the revision keeps is one result, in force."""
    pg = browser.new_page()
    pg.clock.set_fixed_time(BUILD_DAY + NOON_JST)
    ja = ["CRM連携", "利用停止", "4か月", "30日前", "負荷"]
    en = ["suspend", "CRM Integration", "activity log"]
    wrong = check(pg, servers, BUILD_DAY, "ja", ja) + check(pg, servers, BUILD_DAY, "en", en)
    states = {r["state"] for q in ja for r in results(pg, servers[BUILD_DAY].base, "", q)}
    pg.close()
    assert wrong == []
    # not vacuous: the upcoming revision's own wordings are among the results (4か月 → 30日前)
    assert states == {"in-force", "upcoming"}
    assert any(c.state == "upcoming" and "30日前" in c.text for c in clauses(BUILD_DAY, "ja"))


def test_query_goes_into_the_address_and_back_returns_to_it(browser, servers) -> None:
    context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo")
    pg = context.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    pg.goto(servers[LATER_DAY].base + "search/")
    pg.locator("#terms-q").click()
    pg.keyboard.insert_text("動作ログ")  # as an IME commits text
    first = pg.locator("li.terms-result a").first
    first.wait_for(timeout=10_000)
    assert pg.evaluate("new URLSearchParams(location.search).get('q')") == "動作ログ"
    target = first.get_attribute("href")
    assert re.fullmatch(r"/terms/#art-11(-p\d+)?", target), target  # in force: the terms at the root
    first.click()
    pg.wait_for_url(re.compile(re.escape(target) + "$"))
    assert pg.locator("#" + target.split("#")[1]).is_visible()
    pg.go_back()
    pg.locator("li.terms-result").first.wait_for(timeout=10_000)
    assert pg.locator("#terms-q").input_value() == "動作ログ"
    context.close()


# --- search by what the site shows ---------------------------------------------------------------

def rendered_labels(site, lang: str) -> set[str]:
    """Every clause label the built site shows: the comparison and changes-since summaries, the
    clause-history sections, the article headings of version pages (their number), the search results'
    labels (the index's). Read from the pages themselves."""
    from bs4 import BeautifulSoup

    root = site / ("en" if lang == "en" else "")
    found: set[str] = set()
    for page in root.glob("your-connect/**/index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        found |= {a.get_text(strip=True) for a in soup.select(".terms-cmp-index a")}
        found |= {h.get_text(strip=True) for h in soup.select("section.terms-clause-history > h2")}
        for h in soup.select(".terms-version .terms-article:not(.terms-article--omitted) > h2[id^=art-]"):
            m = re.match(r"(第\d+条(?:の\d+)*|Article [\d-]+)", h.get_text(strip=True))
            if m:
                found.add(m.group(1))
    return found


def variants(clause: Clause, lang: str) -> list[str]:
    """Other ways a reader writes the same number: 第5条第4項, 5条4項, Art. 5.4, Article 5(4)."""
    parts = clause.key.split(".")
    if not parts[0].startswith("a") or len(parts) > 3:
        return []
    art = parts[0][1:]
    para = parts[1][1:] if len(parts) > 1 else None
    item = parts[2][1:] if len(parts) > 2 else None
    ja_art = "第" + art.replace("_", "条の", 1) if "_" in art else f"第{art}条"
    ja_art = ja_art if "_" in art else ja_art
    if lang == "ja":
        base = f"第{art.split('_')[0]}条" + "".join(f"の{n}" for n in art.split("_")[1:])
        if para is None:
            return [base]
        out = [f"{base}第{para}項", f"{base.removeprefix('第')}{para}項"]
        return [o + (f"第{item}号" if item else "") for o in out]
    en = art.replace("_", "-")
    if para is None:
        return [f"Art. {en}", f"article {en}"]
    return [f"Art. {en}.{para}" + (f".{item}" if item else ""), f"Article {en}({para})" + (f"({item})" if item else "")]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_clause_label_the_site_shows_finds_its_clause(browser, servers, sites, lang: str) -> None:
    """Queries generated from the labels rendered on the site (and the other ways of writing each
    number): every one lists its clause in every version that has it, and nothing unrelated."""
    shown = rendered_labels(sites.get(LATER_DAY), lang) | {"附則" if lang == "ja" else "Supplementary Provisions"}
    cl = clauses(LATER_DAY, lang)
    queries: dict[str, set[str]] = {}
    for c in cl:
        if c.label in shown or (c.key.startswith("s.") and lang == "ja"):
            for q in [c.label, *variants(c, lang)]:
                queries.setdefault(q, set()).add(c.href)
    for q in list(shown):
        queries.setdefault(q, set())
    assert len(queries) >= 30, sorted(queries)
    for needed in (("第5条4", "第5条第4項", "5条4項") if lang == "ja" else ("Article 5(4)", "Art. 5.4")):
        assert needed in queries and queries[needed], needed
    pg = browser.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    prefix = "en/" if lang == "en" else ""
    by_href = {c.href: c for c in cl}
    wrong = []
    for q, own in sorted(queries.items()):
        got = {r["href"] for r in results(pg, servers[LATER_DAY].base, prefix, q)}
        if not own <= got:
            wrong.append(f"{q!r}: missing {sorted(own - got)}")
        unrelated = sorted(h for h in got if not found(by_href[h], q))
        if unrelated:
            wrong.append(f"{q!r}: unrelated {unrelated}")
        if not got:
            wrong.append(f"{q!r}: nothing found")
    pg.close()
    assert wrong == []


@pytest.mark.parametrize("query", ["4ヶ月", "4カ月", "4箇月", "4ケ月", "e-mail", "email", "E-mail", "附 則", "付則"])
def test_variants_find_what_the_text_writes_otherwise(browser, servers, query: str) -> None:
    lang = "en" if "mail" in query else "ja"
    cl = clauses(LATER_DAY, lang)
    expected = {c.href for c in cl if found(c, query)}
    assert expected, query  # the text holds the other spelling
    pg = browser.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    got = {r["href"] for r in results(pg, servers[LATER_DAY].base, "en/" if lang == "en" else "", query)}
    pg.close()
    assert got == expected


COUNTS = {
    # query: (message id, how the words are shown)
    "personal data": "all", '"personal data"': "none", '"Party B"': "one-term", "notise": "similar-only",
    "suspend": "mixed", "notify": "mixed",  # notify: also notified, notifies, notification (other forms)
    "notice": "one-term",  # notice and notices; notified is a form of notify, not of notice
}


@pytest.mark.parametrize("query", sorted(COUNTS))
def test_the_count_says_only_what_is_true(browser, servers, query: str) -> None:
    """The count names the wordings that hold the query as typed (after folding), the clauses they
    are of and how many apply today or are to come; wordings with a similar word only (notise: notice;
    suspend: suspension) are counted apart."""
    from termsite.pages.i18n import gettext

    cl = clauses(LATER_DAY, "en")
    terms = terms_of(query)
    hits = [c for c in cl if found(c, query)]
    exact = [c for c in hits if all(t in fold(c.text) for t, _e in terms)]
    similar = len(hits) - len(exact)
    pg = browser.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    results(pg, servers[LATER_DAY].base, "en/", query)
    line = pg.locator("#terms-search > p").first.inner_text()
    pg.close()
    typed = query.strip('"')
    n, c = len(exact), len({x.anchor for x in exact})
    k = sum(x.state != "superseded" for x in exact)
    if not n:
        want = gettext("en", "No clause contains “%(q)s”.") % {"q": typed}
    elif len(terms) > 1:
        words = " and ".join(f"“{t}”" for t, _e in terms)
        want = f"All of {words}: {n} wordings in {c} clauses ({k} in force or upcoming)."
    else:
        want = f"“{typed}”: {n} wordings in {c} clauses ({k} in force or upcoming)."
    if similar:
        want += f" {similar} more wordings contain a similar word (another form or spelling) instead."
    assert line == want
    kind = COUNTS[query]
    assert (kind == "none") == (not hits) and (kind == "similar-only") == (bool(hits) and not exact)
    assert (kind == "mixed") == (bool(exact) and bool(similar))


def test_earlier_wordings_are_behind_one_switch(browser, servers) -> None:
    """By default the wordings in force (and upcoming) only; the switch says how many earlier ones
    there are and shows exactly those."""
    cl = clauses(LATER_DAY, "ja")
    query = next(q for q in ("書面", "負荷", "付加", "操作") if any(found(c, q) and c.state == "superseded" for c in cl)
                 and any(found(c, q) and c.state != "superseded" for c in cl))
    expected = [c for c in cl if found(c, query)]
    older = [c for c in expected if c.state == "superseded"]
    pg = browser.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    shown = results(pg, servers[LATER_DAY].base, "", query, earlier=False)
    switch = pg.locator(".terms-earlier")
    assert switch.count() == 1 and switch.get_attribute("aria-pressed") == "false"
    assert f"（{len(older)}件）" in switch.inner_text()
    assert {r["href"] for r in shown} == {c.href for c in expected if c.state != "superseded"}
    switch.click()
    after = pg.eval_on_selector_all("li.terms-result", "els => els.map(li => li.querySelector('a').getAttribute('href'))")
    assert pg.locator(".terms-earlier").get_attribute("aria-pressed") == "true"
    pg.close()
    assert sorted(after) == sorted(c.href for c in expected)


def test_a_result_not_in_force_links_the_same_clause_in_force(browser, servers) -> None:
    cl = clauses(LATER_DAY, "ja")
    in_force_anchors = {c.href.split("#")[1] for c in cl if c.state == "in-force"}
    pg = browser.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    results(pg, servers[LATER_DAY].base, "", "書面")
    rows = pg.eval_on_selector_all("li.terms-result", """els => els.map(li => ({state: li.dataset.state,
        href: li.querySelector('a').getAttribute('href'),
        now: li.querySelector('.terms-result__now') && (li.querySelector('.terms-result__now').getAttribute('href') || '')}))""")
    pg.close()
    superseded = [r for r in rows if r["state"] == "superseded"]
    assert superseded
    for r in rows:
        anchor = r["href"].split("#")[1]
        if r["state"] == "in-force":
            assert r["now"] is None
        elif anchor in in_force_anchors:
            assert r["now"] == f"/terms/#{anchor}", r
        else:
            assert r["now"] == "", r  # said in words: the terms in force have no such clause


# --- the words customers type (search-vocabulary.json) ------------------------------------------

ISSUE_WORDS = {"ja": ["解約", "退会", "四か月", "4 months", "三十日", "thirty days", "email", "e-mail", "メール"],
               "en": ["4 months", "four months", "thirty days", "30日", "email", "メール", "5(4)"]}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_word_of_the_vocabulary_finds_what_its_group_writes(browser, servers, lang: str) -> None:
    """Both ways: each entry of each group (as a customer types it) finds exactly the wordings that
    hold any entry of its group, on both sites; the words the issue names find their clauses here."""
    data = json.loads(searchfold.VOCABULARY.read_text(encoding="utf-8"))
    words = [w for g in data["synonyms"] for w in g["words"]]
    cl = clauses(LATER_DAY, lang)
    for q in ISSUE_WORDS[lang]:
        assert any(found(c, q) for c in cl), (lang, q)  # the sources hold another entry of its group
    pg = browser.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    wrong = check(pg, servers, LATER_DAY, lang, list(dict.fromkeys(words + ISSUE_WORDS[lang])))
    pg.close()
    assert wrong == []
    # not vacuous: in each group an entry the text does not write finds what it writes instead
    groups = vocabulary()[0]
    assert sum(any(found(c, w) for c in cl) and not any(fold(w) in fold(c.text) for c in cl)
               for g in groups for w in g) >= 4


@pytest.mark.parametrize("query", ["termination", "terminate", "terminated"])
def test_no_false_similar_word(browser, servers, query: str) -> None:
    """terminal is no form of terminate: the clause that writes "terminal equipment" is found by
    "terminal" and never marked as a similar word of termination."""
    pg = browser.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    terminal = {fold(m) for r in results(pg, servers[LATER_DAY].base, "en/", "terminal") for m in r["marked"]}
    got = results(pg, servers[LATER_DAY].base, "en/", query)
    pg.close()
    assert "terminal" in terminal  # the word is there to be confused
    assert not any(fold(m).startswith("terminal") for r in got for m in r["marked"])
    assert not any("terminal" in fold(r["excerpt"]) and not any(w in fold(r["excerpt"]) for w in ("terminat", "cancel"))
                   for r in got)
