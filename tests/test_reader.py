"""Nothing on the site may mislead a reader: the reader pass, in Chromium, in both languages and at
phone widths where layout matters. Expected answers come from the version sources (load_corpus).

- a page says its state once (banner, and a line that stays in view); a clause reached at its
  anchor says its own, with the same clause in force;
- the date finder answers only from the record;
- every table fits 320 px; tap targets are 24 × 24 px; one skip link per page, to the content;
- English is English; the small things (language switch keeps a search, no-JavaScript search,
  printed source URL, one way of writing the site's name).
"""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from conftest import BUILD_DAY, LATER_DAY, ROOT
from test_browser import NOON_JST, shot

pytest.importorskip("playwright.sync_api")

from termsite import labels  # noqa: E402
from termsite.model import Version  # noqa: E402
from termsite.pages.i18n import gettext  # noqa: E402
from termsite.pages.reader import version_phrase  # noqa: E402
from termsite.source.loading import load_corpus  # noqa: E402
from termsite.timeline.dates import long_date  # noqa: E402
from termsite.timeline.status import in_force, period  # noqa: E402

WIDTHS = (320, 390, 430)
LANGS = ("ja", "en")
DOC = "your-connect"


def t(lang: str, message: str, **values: str) -> str:
    return gettext(lang, message) % values


def versions() -> tuple[Version, ...]:
    return load_corpus(ROOT).versions[DOC]


def prefix(lang: str) -> str:
    return "en/" if lang == "en" else ""


def phone(browser, width: int, day: str = LATER_DAY, **options):
    ctx = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True,
                              device_scale_factor=2, timezone_id="Asia/Tokyo", **options)
    pg = ctx.new_page()
    pg.clock.set_fixed_time(day + NOON_JST)
    return ctx, pg


def clause_ids(v: Version) -> list[str]:
    """The clauses of a version that carry their own line (article headings and paragraphs)."""
    out = []
    for a in v.articles:
        if a.omitted:
            continue
        out.append(a.id)
        out += [p.id for p in a.paragraphs if not p.omitted]
    return out


# --- status at the clause ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_superseded_clause_reached_at_its_anchor_says_so_and_links_the_clause_in_force(browser, servers, lang, width) -> None:
    vs = versions()
    old = vs[0]
    end = period(vs, old).end
    current = in_force(vs, date.fromisoformat(LATER_DAY))
    assert end is not None and current is not None and current is not old
    expected = t(lang, "Not in force today: this wording applied until %(date)s.", date=long_date(end, lang))
    now_ids = set(clause_ids(current))
    ctx, pg = phone(browser, width)
    ids = clause_ids(old)
    assert len(ids) > 20
    for cid in ids:
        pg.goto(servers[LATER_DAY].base + f"{prefix(lang)}{DOC}/{old.slug}/#{cid}")
        line = pg.locator(f".terms-clause-now[data-clause='{cid}'] .terms-clause-state--superseded")
        assert line.is_visible(), cid
        assert line.locator("strong").inner_text() == expected
        link = line.locator("a")
        if cid in now_ids:
            href = link.get_attribute("href")
            assert href.endswith("#" + cid) and f"/{old.slug}/" not in pg.evaluate("h => new URL(h, location.href).pathname", href)
            assert pg.evaluate("h => new URL(h, location.href).pathname", href) == f"/terms/{prefix(lang)}"
        else:
            assert link.count() == 0 and t(lang, "The terms in force have no such clause.") in line.inner_text()
        # the version's state stays in view, and the clause is not hidden under it or the header
        bar = pg.locator(".terms-version__state--superseded")
        box = bar.bounding_box()
        assert box is not None and 0 <= box["y"] < 160, (cid, box)
        target = pg.locator(f"[id='{cid}']").bounding_box()
        assert target is not None and target["y"] >= box["y"] + box["height"] - 2, (cid, target, box)
    # the page title reads whole on a phone (no "Your Connect Terms o…")
    title = pg.locator(".md-header__topic .md-ellipsis").first
    assert pg.evaluate("e => e.scrollHeight <= e.clientHeight + 1 && e.scrollWidth <= e.clientWidth + 1",
                       title.element_handle())
    assert title.inner_text().replace("\n", " ") == load_corpus(ROOT).documents[0].title[lang]
    if width == 390:
        pg.goto(servers[LATER_DAY].base + f"{prefix(lang)}{DOC}/{old.slug}/#art-5-p4")
        shot(pg, f"reader-superseded-anchor-{lang}")
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_read_from_the_top_says_its_state_once_and_a_clause_reached_at_its_anchor_says_its_own(
        browser, servers, lang) -> None:
    """Read from the top, an old version says it is not in force in one banner and one line that stays
    in view, not beside each of its clauses; the in-force page carries no line per clause either.
    Reached at a clause's anchor (a shared link, its ¶), that clause — and only it — shows its lines."""
    vs = versions()
    old = vs[0]
    current = in_force(vs, date.fromisoformat(LATER_DAY))
    assert current is not None and current is not old
    lines = ".terms-clause-now:visible, .terms-clause-mark:visible"
    ctx, pg = phone(browser, 390)
    for v in (old, current):
        pg.goto(servers[LATER_DAY].base + f"{prefix(lang)}{DOC}/{v.slug}/")
        assert pg.locator(lines).count() == 0, v.slug
        assert pg.locator(".terms-banner:visible").count() == 1
        assert pg.locator(".terms-version__state:visible").count() == (1 if v is old else 0)
        for cid in clause_ids(v):
            pg.goto(servers[LATER_DAY].base + f"{prefix(lang)}{DOC}/{v.slug}/#{cid}")
            shown = {e.get_attribute("data-clause") for e in pg.locator(lines).element_handles()}
            assert shown == {cid}, (v.slug, cid, shown)
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
def test_clause_states_follow_the_reader_clock(browser, servers, lang) -> None:
    """Built before the revision: the new version's clauses say "not yet"; read on the effective day
    (Tokyo midnight) the old version's clauses say "not in force today", the new one's nothing."""
    vs = versions()
    new = vs[1]
    ctx, pg = phone(browser, 390, BUILD_DAY)
    pg.goto(servers[BUILD_DAY].base + f"{prefix(lang)}{DOC}/{new.slug}/#art-5-p4")
    up = pg.locator(".terms-clause-now[data-clause='art-5-p4'] .terms-clause-state--upcoming")
    assert up.is_visible()
    assert up.locator("strong").inner_text() == t(lang, "Not yet in force: this wording applies from %(date)s.",
                                                   date=long_date(new.effective, lang))
    ctx.close()
    ctx = browser.new_context(timezone_id="Asia/Tokyo")
    pg = ctx.new_page()
    assert new.effective is not None
    midnight = (new.effective - timedelta(days=1)).isoformat() + "T15:00:30Z"  # 00:00:30 JST
    pg.clock.set_fixed_time(midnight)
    pg.goto(servers[BUILD_DAY].base + f"{prefix(lang)}{DOC}/{new.slug}/#art-5-p4")
    assert pg.locator(".terms-clause-state:visible").count() == 0
    pg.goto(servers[BUILD_DAY].base + f"{prefix(lang)}{DOC}/{vs[0].slug}/#art-5-p4")
    assert pg.locator(".terms-clause-now[data-clause='art-5-p4'] .terms-clause-state--superseded").is_visible()
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
def test_clause_history_says_which_wording_applies_today(browser, servers, lang) -> None:
    vs = versions()
    today = date.fromisoformat(LATER_DAY)
    order = {v.slug: i for i, v in enumerate(vs)}
    ctx, pg = phone(browser, 390)
    pg.goto(servers[LATER_DAY].base + f"{prefix(lang)}{DOC}/clauses/art-5/")
    entries = pg.eval_on_selector_all("li.terms-wording", """els => els.map(li => ({
        id: li.id, state: li.dataset.state, label: (li.querySelector('.terms-wording-state') || {}).innerText,
        now: li.querySelector('.terms-wording-now a') && li.querySelector('.terms-wording-now a').getAttribute('href'),
        nowShown: !!(li.querySelector('.terms-wording-now') && li.querySelector('.terms-wording-now').offsetParent)}))""")
    assert entries
    words = {"in-force": t(lang, "Applies today"), "superseded": t(lang, "Not in force today"),
             "upcoming": t(lang, "Not yet in force")}
    seen = set()
    for e in entries:
        clause, first = e["id"].rsplit("--", 1)
        if first not in order:
            continue  # a deletion: no wording
        start = vs[order[first]]
        # the wording's period: from its first version to the last version that reads so
        later = [v for v in vs[order[first] + 1:] if _reads_differently(v, start, clause, lang)]
        end = period(vs, vs[order[later[0].slug] - 1]).end if later else period(vs, vs[-1]).end
        p_start = period(vs, start).start
        state = "upcoming" if p_start and today < p_start else "superseded" if end and today > end else "in-force"
        assert e["state"] == state and e["label"] == words[state], (e, state)
        assert e["nowShown"] == (state != "in-force" and e["now"] is not None), e
        seen.add(state)
    assert seen == {"in-force", "superseded"}
    shot(pg, f"reader-clause-history-{lang}")
    ctx.close()


def _reads_differently(v: Version, first: Version, clause: str, lang: str) -> bool:
    from termsite.outputs.searchindex import clauses

    def text(x: Version) -> str | None:
        """The clause's wording; an article's is its heading and all its paragraphs."""
        found = [label + body for anchor, label, _h, body in clauses(x, lang)
                 if anchor == clause or (clause.startswith("art-") and "-p" not in clause
                                         and anchor.startswith(clause + "-p"))]
        return "\n".join(found) if found else None
    return text(v) != text(first)


# --- the date finder ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_date_finder_answers_only_from_the_record(browser, servers, lang) -> None:
    vs = versions()
    known = [v.effective for v in vs if v.effective]
    first_known = known[0]
    assert vs[0].effective is None  # the sample's first version has no recorded 実施期日
    ctx = browser.new_context(timezone_id="Asia/Tokyo")
    pg = ctx.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    pg.goto(servers[LATER_DAY].base + f"{prefix(lang)}{DOC}/history/")

    def ask(day: str) -> str:
        box = pg.locator("#terms-asof-day")
        box.fill(day)
        box.dispatch_event("change")
        return pg.locator("form.terms-asof output").inner_text()

    p0 = period(vs, vs[0])
    # before the first recorded 実施期日: the first version, whose own start is not recorded (the
    # record shows it applying until the day before), on the eve and long before alike
    for before in (first_known - timedelta(days=1), first_known - timedelta(days=3650)):
        assert ask(before.isoformat()) == t(
            lang, "On that day, %(version)s applied: the first version on record, whose effective date is not recorded.",
            version=version_phrase(p0.start, p0.end, lang, past=True))
        assert pg.locator("tr.terms-history--asof").get_attribute("id") == f"v-{vs[0].slug}"
    current = vs[-1]
    pc = period(vs, current)
    past = (first_known + timedelta(days=3)).isoformat()
    assert ask(past) == t(lang, "On that day, %(version)s applied.", version=version_phrase(pc.start, pc.end, lang, past=True))
    assert ask(LATER_DAY) == t(lang, "Today, %(version)s applies.", version=version_phrase(pc.start, pc.end, lang))
    ahead = (date.fromisoformat(LATER_DAY) + timedelta(days=3 * 365)).isoformat()
    assert ask(ahead) == t(lang, "As announced today, %(version)s will apply on that day. A revision announced later "
                                 "could change this.", version=version_phrase(pc.start, pc.end, lang))
    assert pg.locator("tr.terms-history--asof").get_attribute("id") == f"v-{current.slug}"
    answer = ask(ahead)
    if lang == "en":  # a version named in a sentence, not by a period label
        assert "Until" not in answer and "From" not in answer
    ctx.close()


# --- tables at 320 px, tap targets, skip link --------------------------------------------------

PAGES = ["", f"{DOC}/initial/", f"{DOC}/2026-03-01/", f"{DOC}/2026-03-01/comparison/", f"{DOC}/initial/changes-since/",
         f"{DOC}/history/", f"{DOC}/clauses/art-5/", f"{DOC}/clauses/art-14/", f"{DOC}/clauses/preamble/",
         "search/?q={q}", "about/"]
QUERY = {"ja": "%E9%80%9A%E7%9F%A5", "en": "notice"}  # 通知: found in both versions

FITS_JS = """(width) => {
  const bad = [];
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth) bad.push('page scrolls sideways');
  for (const el of document.querySelectorAll('table, table *')) {
    const r = el.getBoundingClientRect();
    if (!r.width && !r.height) continue;
    if (r.right > width + 0.5 || r.left < -0.5) bad.push(el.tagName + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(el);
    if (['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1) bad.push('scroller ' + el.className);
  }
  /* one character per line: a cell narrower than two characters */
  for (const td of document.querySelectorAll('td, th')) {
    const r = td.getBoundingClientRect();
    if (r.width && r.width < 60 && td.innerText.trim().length > 4) bad.push('narrow ' + td.innerText.slice(0, 20));
  }
  return bad;
}"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_table_fits_a_phone_without_a_sideways_swipe(browser, servers, lang, width) -> None:
    ctx, pg = phone(browser, width)
    tables = 0
    for path in PAGES:
        pg.goto(servers[LATER_DAY].base + prefix(lang) + path.format(q=QUERY[lang]))
        if path.startswith("search"):
            pg.wait_for_selector(".terms-results", timeout=40_000)
        for summary in pg.locator("details.terms-elided > summary").all():
            summary.click()
        tables += pg.locator("table").count()
        assert pg.evaluate(FITS_JS, width) == [], path
    assert tables >= 8
    if width == 320:
        pg.goto(servers[LATER_DAY].base + prefix(lang) + f"{DOC}/history/")
        shot(pg, f"reader-history-320-{lang}")
    ctx.close()


TARGETS_JS = """() => {
  const small = [];
  const inText = (el) => el.closest('.terms-block, .terms-text, .terms-preamble, .terms-cmp-unit, .terms-wording-text, .terms-result__excerpt, .terms-bullets, .terms-caption');
  for (const el of document.querySelectorAll('a[href], button, summary, input, select')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;                   // not shown
    if (getComputedStyle(el).visibility === 'hidden') continue;
    if (el.closest('.md-sidebar, [hidden]')) continue;     // the closed navigation drawer
    if (el.classList.contains('md-skip')) continue;        // off-screen until focused
    if (inText(el)) continue;                              // a link inside a sentence of the text (exempt)
    if (r.width < 24 - 0.01 || r.height < 24 - 0.01) small.push((el.className || el.tagName) + ' "' + (el.innerText || el.value || '').trim().slice(0, 24) + '" ' + Math.round(r.width) + 'x' + Math.round(r.height));
  }
  return small;
}"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_tap_targets_are_at_least_24_px_on_phones(browser, servers, lang, width) -> None:
    ctx, pg = phone(browser, width)
    for path in PAGES:
        pg.goto(servers[LATER_DAY].base + prefix(lang) + path.format(q=QUERY[lang]))
        if path.startswith("search"):
            pg.wait_for_selector(".terms-results", timeout=40_000)
        assert pg.evaluate(TARGETS_JS) == [], path
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
def test_one_skip_link_on_every_page_to_its_content(browser, servers, lang) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Tokyo")
    pg = ctx.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    for path in PAGES + [f"{DOC}/2026-03-01/notice/", "no-such-page/"]:
        pg.goto(servers[LATER_DAY].base + prefix(lang) + path.format(q=QUERY[lang]))
        visible_skips = pg.eval_on_selector_all("a.md-skip", "els => els.filter(e => getComputedStyle(e.parentElement).display !== 'none').length")
        assert visible_skips == 1, path
        pg.keyboard.press("Tab")
        assert pg.evaluate("document.activeElement.classList.contains('terms-skip')"), path
        assert pg.evaluate("getComputedStyle(document.activeElement).clip === 'auto' || document.activeElement.getBoundingClientRect().width > 10")
        pg.keyboard.press("Enter")
        assert pg.evaluate("location.hash") == "#terms-main", path
        # the target stands before everything the page says: banner, preamble, heading
        order = pg.evaluate("""() => {
            const t = document.getElementById('terms-main');
            return ['.terms-banners', '.terms-preamble', 'h1', '.terms-governing'].map(s => {
              const el = document.querySelector(s);
              return el ? !!(t.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) : null; }); }""")
        assert all(x in (True, None) for x in order), (path, order)
        if path in ("", f"{DOC}/initial/"):
            assert order[0] and order[1], path  # version pages: the banner and the preamble follow it
            pg.keyboard.press("Tab")  # the next stop is in the content, not the navigation
            assert pg.evaluate("!!document.activeElement.closest('.md-content')"), path
    ctx.close()


# --- English written as English ----------------------------------------------------------------

def test_english_pages_name_versions_in_sentences_and_number_supplementary_provisions_in_english(browser, servers) -> None:
    corpus = load_corpus(ROOT)
    vs = corpus.versions[DOC]
    numbers = {s.number for v in vs for s in v.supplementary}
    pg = browser.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    texts = {}
    for path in PAGES + [f"{DOC}/2026-03-01/notice/"]:
        pg.goto(servers[LATER_DAY].base + "en/" + path.format(q=QUERY["en"]))
        texts[path] = pg.evaluate("document.title + '\\n' + document.body.innerText")
    for path, text in texts.items():
        assert not re.search(r"(of|version|applying|applied) (Until|From) ", text), path
        assert "号" not in "".join(line for line in text.splitlines() if "Supplementary" in line or "No." in line), path
    p0 = period(vs, vs[0])
    since = texts[f"{DOC}/initial/changes-since/"]
    assert t("en", "Changes since %(version)s", version=version_phrase(p0.start, p0.end, "en", past=True)) in since
    assert "Changes since the version that applied until" in since
    history = texts[f"{DOC}/history/"]
    for n in numbers:
        assert labels.supplementary_number(n, "en") in history and n not in history
        assert labels.supplementary_number(n, "en").startswith("No. ") and not labels.supplementary_number(n, "en").endswith("号")
    # two words: an unchanged run that opens, and text not published here
    cmp_text = texts[f"{DOC}/2026-03-01/comparison/"]
    assert "(unchanged)" in cmp_text and "(omitted)" not in cmp_text
    assert "(not published here)" in texts[f"{DOC}/initial/"]
    pg.goto(servers[LATER_DAY].base + f"en/{DOC}/2026-03-01/comparison/")
    for summary in pg.locator("details.terms-elided > summary").all():
        assert "(unchanged)" in summary.inner_text()
    for placeholder in pg.locator(".terms-elided--placeholder").all():
        assert "(not published here)" in placeholder.inner_text()
    pg.close()


# --- copying a marked cell ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_copying_a_marked_cell_gives_the_legal_text_only(browser, servers, lang) -> None:
    corpus = load_corpus(ROOT)
    old, new = corpus.versions[DOC][0], corpus.versions[DOC][1]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Tokyo")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    pg = ctx.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    pg.goto(servers[LATER_DAY].base + f"{prefix(lang)}{DOC}/2026-03-01/comparison/")
    copied = 0
    for pid, side, version in (("art-5-p4", "new", new), ("art-5-p4", "old", old), ("art-5-p5", "new", new)):
        para = next(p for a in version.articles for p in a.paragraphs if p.id == pid)
        expected = "".join(b.text[lang] for b in para.blocks if hasattr(b, "text"))
        cell = pg.locator(f"tr#row-{pid} td.terms-cmp-{side} .terms-cmp-unit p").first
        assert cell.locator(".terms-mark").count() > 0, (pid, side)  # a marked cell
        cell.evaluate("""p => { const r = document.createRange(); r.selectNodeContents(p);
                              const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""")
        pg.keyboard.press("Control+c")
        clip = pg.evaluate("navigator.clipboard.readText()")
        label = cell.locator(".terms-num").inner_text().strip()
        body = clip.strip()
        assert body.startswith(label), (clip, label)
        assert body[len(label):].strip() == expected, (lang, pid, side, clip)
        copied += 1
    assert copied == 3
    # what a screen reader is given: each mark's words, in the accessibility tree, before the text
    cdp = ctx.new_cdp_session(pg)
    tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    names = [n.get("name", {}).get("value", "") for n in tree]
    said = " ".join(names)
    for word in (t(lang, "[changed from:]"), t(lang, "[changed to:]")):
        assert word.strip() in said, word
    ctx.close()


# --- the small things --------------------------------------------------------------------------

def test_language_switch_leaves_the_query_and_marks_the_current_language(browser, servers) -> None:
    """A query is words of one language: the switch opens the other language's search empty (the
    words would find nothing there), and the menu marks the language of the page."""
    ctx = browser.new_context(timezone_id="Asia/Tokyo")
    pg = ctx.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    pg.goto(servers[LATER_DAY].base + "search/?q=" + "%E9%80%9A%E7%9F%A5")
    pg.wait_for_selector(".terms-results", timeout=40_000)
    current = pg.eval_on_selector_all("a.terms-lang-switch", "els => els.map(a => [a.hreflang, a.getAttribute('aria-current')])")
    assert current == [["ja", "true"], ["en", None]]
    pg.evaluate("document.querySelector(\"a.terms-lang-switch[hreflang='en']\").click()")  # the switch menu opens on hover
    pg.wait_for_url(re.compile(r"/terms/en/search/$"))
    assert pg.locator("#terms-q").input_value() == ""
    assert pg.locator(".terms-result").count() == 0
    current = pg.eval_on_selector_all("a.terms-lang-switch", "els => els.map(a => [a.hreflang, a.getAttribute('aria-current')])")
    assert current == [["ja", None], ["en", "true"]]
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
def test_search_without_javascript_offers_the_history_instead_of_a_dead_form(browser, servers, lang) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto(servers[LATER_DAY].base + prefix(lang) + "search/")
    assert not pg.locator("form.terms-search-form").is_visible()
    link = pg.locator("noscript a, .md-content a[href$='history/']").first
    assert link.get_attribute("href").endswith(f"{DOC}/history/")
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
def test_history_page_does_not_send_readers_to_the_repository(browser, servers, lang) -> None:
    pg = browser.new_page()
    pg.goto(servers[LATER_DAY].base + prefix(lang) + f"{DOC}/history/")
    text = pg.inner_text("body")
    assert "termsite" not in text and "repository" not in text.lower() and "リポジトリ" not in text
    pg.close()


def test_printed_comparison_names_its_source_and_fills_its_pages(browser, servers) -> None:
    from test_browser_layout import pdf_pages, printed

    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Tokyo")
    pg = ctx.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    pg.goto(servers[LATER_DAY].base + f"{DOC}/2026-03-01/comparison/")
    pdf = pdf_pages(printed(pg, "reader-comparison-print.pdf"))
    first = pdf.pages[0].extract_text().replace("\n", "")
    assert "https://portal.your-connect.com/terms/your-connect/2026-03-01/comparison/" in first.replace(" ", "")
    fill = []
    for page in pdf.pages[:-1]:
        bottoms = [c["bottom"] for c in page.chars if c["text"].strip()]
        fill.append(max(bottoms) / page.height)
    assert fill and min(fill) > 0.8, fill
    ctx.close()


def test_the_site_name_is_written_one_way(browser, servers) -> None:
    title = load_corpus(ROOT).documents[0].title["ja"]
    spaced = title.replace("Connect", "Connect ")
    pg = browser.new_page()
    pg.clock.set_fixed_time(LATER_DAY + NOON_JST)
    for path in PAGES:
        pg.goto(servers[LATER_DAY].base + path.format(q=QUERY["ja"]))
        assert spaced not in pg.evaluate("document.title + document.body.innerText"), path
        assert title in pg.evaluate("document.title + document.body.innerText"), path
    pg.close()


@pytest.mark.parametrize("lang", LANGS)
def test_clause_history_of_a_new_article_says_newly_established_on_its_old_side(browser, servers, lang) -> None:
    corpus = load_corpus(ROOT)
    vs = corpus.versions[DOC]
    added = [a for a in vs[1].articles if vs[0].article(a.id) is None]
    assert added
    pg = browser.new_page()
    for a in added:
        pg.goto(servers[LATER_DAY].base + f"{prefix(lang)}{DOC}/clauses/{a.id}/")
        old_cells = pg.locator(f"section#{a.id} td.terms-cmp-old")
        assert old_cells.count() >= 1
        for i in range(old_cells.count()):
            assert t(lang, "(newly established)") in old_cells.nth(i).inner_text(), (a.id, i)
    pg.close()
