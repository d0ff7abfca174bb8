"""The comparison on a phone, on a desktop, on paper and without JavaScript; pages that stay right
across midnight (Asia/Tokyo). Chromium through Playwright, on the sites test_browser.py builds."""
from __future__ import annotations

import logging
import unicodedata

import pytest

from conftest import ROOT
from conftest import BUILD_DAY, LATER_DAY
from test_browser import ARTIFACTS, NOON_JST, shot, visible_banners
from termsite.source.loading import load_corpus
from termsite.timeline.status import period
from termsite.pages.views import period_label

CMP = "your-connect/2026-03-01/comparison/"
PHONE = {"width": 390, "height": 844}


def expected_columns(lang: str) -> list[str]:
    """The column labels, from the version sources: the old version's period, then the new one's start."""
    versions = load_corpus(ROOT).versions["your-connect"]
    old = period(versions, versions[0])
    return [period_label(old.start, old.end, lang), period_label(versions[1].effective, None, lang)]


def context(browser, **options):
    options.setdefault("timezone_id", "Asia/Tokyo")
    return browser.new_context(**options)


def open_page(ctx, url: str, day: str = LATER_DAY):
    pg = ctx.new_page()
    pg.clock.set_fixed_time(day + NOON_JST)
    pg.goto(url)
    return pg


# --- phone -------------------------------------------------------------------------------------

OUTSIDE_JS = """(width) => {
  const bad = [];
  for (const el of document.querySelectorAll('table.terms-cmp td, table.terms-cmp th, .terms-mark, .terms-gap, .terms-cmp-half')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;            // not rendered (display: none)
    if (r.left < -0.5 || r.right > width + 0.5) bad.push(el.className + ' ' + el.textContent.slice(0, 30) + ' ' + r.left + '..' + r.right);
  }
  return bad;
}"""

SCROLLERS_JS = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(el);
    if (!['auto', 'scroll'].includes(s.overflowX)) continue;
    if (el.scrollWidth > el.clientWidth + 1) bad.push(el.className + ' ' + el.scrollWidth + '>' + el.clientWidth);
  }
  return bad;
}"""


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("width", [320, 390, 430])
def test_phone_comparison_needs_no_sideways_swipe(browser, servers, lang: str, width: int) -> None:
    ctx = context(browser, viewport={"width": width, "height": 844}, is_mobile=True, has_touch=True,
                  device_scale_factor=2)
    prefix = "" if lang == "ja" else "en/"
    pg = open_page(ctx, servers[LATER_DAY].base + prefix + CMP)
    # open every elision too: opened text must fit as well
    for summary in pg.locator("details.terms-elided > summary").all():
        summary.click()
    assert pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert pg.evaluate(OUTSIDE_JS, width) == []
    assert pg.evaluate(SCROLLERS_JS) == []
    if width == 390:
        shot(pg, f"phone-comparison-{lang}")
    ctx.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_phone_names_both_sides_deep_in_the_table(browser, servers, lang: str) -> None:
    """Halfway down a long cell of 第11条, deep in the table, the reader still sees which side it is."""
    ctx = context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    prefix = "" if lang == "ja" else "en/"
    pg = open_page(ctx, servers[LATER_DAY].base + prefix + CMP)
    old_label, new_label = expected_columns(lang)
    header = pg.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    for side, label in (("old", old_label), ("new", new_label)):
        cell = pg.locator(f"#row-art-11-p1 td.terms-cmp-{side}")
        box = cell.bounding_box()
        # scroll so the middle of the cell is at the middle of the screen
        pg.evaluate("y => window.scrollTo(0, y)", pg.evaluate("window.scrollY") + box["y"] + box["height"] / 2 - PHONE["height"] / 2)
        tag = cell.locator(".terms-cmp-side")
        assert tag.inner_text().strip() == label
        top = tag.bounding_box()["y"]
        assert header - 1 <= top <= PHONE["height"] / 2, (side, top)  # in view, below the site header
        assert pg.evaluate("window.scrollY") > 3000                  # deep in the table
    ctx.close()


def test_desktop_header_row_stays_in_view(browser, servers) -> None:
    ctx = context(browser, viewport={"width": 1280, "height": 900})
    pg = open_page(ctx, servers[LATER_DAY].base + CMP)
    ths = pg.locator("table.terms-cmp thead th")
    assert [t.strip() for t in ths.all_inner_texts()] == expected_columns("ja")
    pg.locator("#row-art-11-p1").scroll_into_view_if_needed()
    pg.evaluate("window.scrollBy(0, 200)")
    header = pg.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    for th in ths.all():
        top = th.bounding_box()["y"]
        assert header - 1 <= top <= header + 2, top
    # nothing covers it: the element at its centre is the header cell itself
    assert pg.evaluate("""() => { const th = document.querySelector('table.terms-cmp thead th');
        const r = th.getBoundingClientRect(); return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === th; }""")
    ctx.close()


# --- paper ---------------------------------------------------------------------------------------

def pdf_pages(data: bytes):
    pdfplumber = pytest.importorskip("pdfplumber")
    import io

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return pdfplumber.open(io.BytesIO(data))


def nfkc(text: str) -> str:
    """Compared, never shown, in NFKC without spaces: the PDF's fonts map 月 to the Kangxi radical
    ⽉ and ～ (U+FF5E) to 〜 (U+301C); both sides of a comparison go through this."""
    return unicodedata.normalize("NFKC", text.replace("〜", "～")).replace(" ", "").replace("\n", "")


def plain(page) -> str:
    return nfkc(page.extract_text())


def printed(pg, name: str) -> bytes:
    data = pg.pdf(prefer_css_page_size=True, print_background=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_bytes(data)
    return data


def vertical_borders(page) -> list[tuple[float, float, float]]:
    """Cell borders as (x, top, bottom): thin, tall, dark filled rectangles or lines."""
    out = []
    for r in page.rects + page.lines:
        width, height = r["x1"] - r["x0"], r["bottom"] - r["top"]
        colour = r.get("non_stroking_color") or r.get("stroking_color") or (0,)
        dark = max(colour) < 0.8 if isinstance(colour, (tuple, list)) else True
        if width <= 2 and height > 10 and dark:
            out.append(((r["x0"] + r["x1"]) / 2, r["top"], r["bottom"]))
    return out


def test_comparison_prints_landscape_caption_first_nothing_across_borders(browser, servers) -> None:
    ctx = context(browser, viewport={"width": 1280, "height": 900})
    pg = open_page(ctx, servers[LATER_DAY].base + CMP)
    pdf = pdf_pages(printed(pg, "comparison-print.pdf"))
    assert len(pdf.pages) > 2
    assert all(p.width > p.height for p in pdf.pages)                     # A4 landscape, every page
    assert abs(pdf.pages[0].width - 842) < 2 and abs(pdf.pages[0].height - 595) < 2
    first = plain(pdf.pages[0])
    assert nfkc("（傍線部分は改正部分）") in first
    assert first.index(nfkc("（傍線部分は改正部分）")) < first.index("YourConnectサービスは")  # before the table
    crossed = []
    bordered = 0
    for number, page in enumerate(pdf.pages, 1):
        borders = vertical_borders(page)
        bordered += bool(borders)
        for ch in page.chars:
            if not ch["text"].strip():
                continue
            for x, top, bottom in borders:
                if ch["x0"] + 0.3 < x < ch["x1"] - 0.3 and ch["top"] < bottom and ch["bottom"] > top:
                    crossed.append((number, ch["text"], round(ch["x0"], 1), round(x, 1)))
    assert bordered == len(pdf.pages)        # borders found on every page: the check looked at them
    assert crossed == []
    # the elisions print as labels, inside their cells, on both sides
    text = "".join(plain(p) for p in pdf.pages)
    assert text.count(nfkc("第6条～第10条（略）")) == 2
    ctx.close()


def test_version_page_prints_portrait_with_state_and_url(browser, servers) -> None:
    ctx = context(browser, viewport={"width": 1280, "height": 900})
    pg = open_page(ctx, servers[LATER_DAY].base + "your-connect/initial/")
    pdf = pdf_pages(printed(pg, "version-print.pdf"))
    assert all(p.height > p.width for p in pdf.pages)                     # A4 portrait
    first = plain(pdf.pages[0])
    assert nfkc(visible_banners(pg)[0].split("。")[0]) in first   # the banner's state
    assert "https://portal.your-connect.com/terms/your-connect/initial/" in first
    assert nfkc("【適用終了】") in first
    # readable: body text at least 7 pt
    sizes = sorted(ch["size"] for ch in pdf.pages[0].chars if ch["text"].strip())
    assert sizes[len(sizes) // 2] >= 7
    ctx.close()


# --- without JavaScript --------------------------------------------------------------------------

def test_elided_rows_open_as_a_whole_without_javascript(browser, servers) -> None:
    ctx = context(browser, viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto(servers[LATER_DAY].base + CMP)
    rows = pg.locator("tr.terms-row--elided")
    assert rows.count() > 4
    opened = placeholders = 0
    for i in range(rows.count()):
        row = rows.nth(i)
        controls = row.locator("summary")
        if row.locator("details").count() == 0:
            # a placeholder: its text is not in the source, so nothing offers to open it
            assert controls.count() == 0 and row.locator("button, a, [role=button], [tabindex]").count() == 0
            assert row.locator(".terms-elided__label").count() == 2
            placeholders += 1
            continue
        assert controls.count() == 1                                         # one control for both sides
        old, new = row.locator(".terms-elided__body .terms-cmp-old"), row.locator(".terms-elided__body .terms-cmp-new")
        assert not old.is_visible() and not new.is_visible()
        controls.click()
        assert old.is_visible() and new.is_visible()
        assert old.locator("[data-unit]").count() and new.locator("[data-unit]").count()
        controls.click()
        assert not old.is_visible() and not new.is_visible()
        opened += 1
    assert opened >= 2 and placeholders >= 1
    ctx.close()


# --- after midnight --------------------------------------------------------------------------------

MIDNIGHT_MINUS_10S = "2026-02-28T14:59:50Z"   # 23:59:50 JST on 2026-02-28
AFTER_MIDNIGHT = "2026-02-28T15:00:30Z"       # 00:00:30 JST on 2026-03-01


def history_states(pg) -> dict[str, tuple[str, str]]:
    return {k: tuple(v) for k, v in pg.evaluate("""() => Object.fromEntries([...document.querySelectorAll('table.terms-history tbody tr')]
        .map(r => [r.id, [r.querySelector('.terms-history-state').textContent.trim(),
                          [...r.classList].filter(c => /--(in-force|upcoming|superseded)$/.test(c)).join(' ')]]))""").items()}


def test_history_states_follow_the_reader_clock(browser, servers) -> None:
    ctx = context(browser)
    pg = ctx.new_page()
    pg.clock.set_fixed_time(AFTER_MIDNIGHT)   # built on 2026-02-15, read on 2026-03-01 00:00:30 JST
    pg.goto(servers[BUILD_DAY].base + "your-connect/history/")
    assert history_states(pg) == {"v-2026-03-01": ("現行", "terms-history--in-force"),
                                  "v-initial": ("適用終了", "terms-history--superseded")}
    pg.goto(servers[BUILD_DAY].base + "en/your-connect/history/")
    assert history_states(pg) == {"v-2026-03-01": ("in force", "terms-history--in-force"),
                                  "v-initial": ("superseded", "terms-history--superseded")}
    ctx.close()


@pytest.mark.parametrize("path", ["", "your-connect/history/", "your-connect/2026-03-01/"])
def test_page_left_open_across_midnight_flips(browser, servers, path: str) -> None:
    ctx = context(browser)
    pg = ctx.new_page()
    pg.clock.install(time=MIDNIGHT_MINUS_10S)
    pg.goto(servers[BUILD_DAY].base + path)
    before = (visible_banners(pg), history_states(pg))
    pg.clock.run_for(5_000)                       # 23:59:55: nothing changes yet
    assert (visible_banners(pg), history_states(pg)) == before
    pg.clock.run_for(10_000)                      # 00:00:05 on 2026-03-01
    after = (visible_banners(pg), history_states(pg))
    assert after != before
    if path == "your-connect/history/":
        assert history_states(pg)["v-2026-03-01"] == ("現行", "terms-history--in-force")
    elif path == "":
        assert visible_banners(pg)[0].startswith("現在適用されている規約（2026年3月1日実施の版）")
    else:
        assert visible_banners(pg) == ["この規約は2026年3月1日から適用されています。"]
    ctx.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_stale_root_names_the_terms_in_force_first(browser, servers, lang: str) -> None:
    """The root built the day before the revision, read after midnight: the banner leads with the
    version now in force and the text is marked as no longer in force."""
    ctx = context(browser, viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.clock.set_fixed_time(AFTER_MIDNIGHT)
    prefix = "" if lang == "ja" else "en/"
    pg.goto(servers[BUILD_DAY].base + prefix)
    banner = pg.locator(".terms-banner:not([hidden])")
    assert banner.count() == 1
    first_link = banner.locator("a").first
    assert first_link.get_attribute("href").rstrip("/").endswith("your-connect/2026-03-01")
    words = {"ja": ("現在適用されている規約", "現在は適用されていません"),
             "en": ("The terms now in force", "no longer in force")}[lang]
    assert first_link.inner_text().startswith(words[0])
    assert words[1] in banner.inner_text()
    marker = pg.locator(".terms-version__state--superseded")
    assert marker.is_visible()
    assert pg.locator(".terms-version__state--upcoming").is_visible() is False
    shot(pg, f"stale-root-{lang}")
    # the same page on its build day shows neither the marker nor that banner
    pg.clock.set_fixed_time(BUILD_DAY + NOON_JST)
    pg.goto(servers[BUILD_DAY].base + prefix)
    assert not pg.locator(".terms-version__state--superseded").is_visible()
    ctx.close()


@pytest.mark.parametrize("width", [768, 1024, 1280])
def test_history_table_never_splits_a_word(browser, servers, width: int) -> None:
    """"superseded" and every other word of the history table stay whole at tablet and desktop widths
    (each word's text range lies on one line)."""
    ctx = context(browser, viewport={"width": width, "height": 900})
    pg = open_page(ctx, servers[LATER_DAY].base + "en/your-connect/history/")
    words, split = pg.evaluate("""() => { const r = document.createRange(); let words = 0; const split = [];
        for (const td of document.querySelectorAll('table.terms-history td')) {
          const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT); let n;
          while ((n = walker.nextNode())) for (const m of n.data.matchAll(/[A-Za-z]+/g)) {
            words++; r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
            if (r.getClientRects().length > 1) split.push(m[0]); } }
        return [words, split]; }""")
    ctx.close()
    assert words > 20 and "superseded" in pg_words(servers)
    assert split == []


def pg_words(servers) -> str:
    """The history table's text as served (so the word the check is about is there to be split)."""
    import urllib.request

    return urllib.request.urlopen(servers[LATER_DAY].base + "en/your-connect/history/").read().decode("utf-8")


@pytest.mark.parametrize("path", ["your-connect/initial/", ""])
def test_a_paragraph_mark_ends_its_text_not_a_line_of_its_own(browser, servers, path: str) -> None:
    """The ¶ of a paragraph whose text ends in a sentence stands on that sentence's last line (unless
    that line is full, when it wraps as a word would)."""
    ctx = context(browser, viewport={"width": 390, "height": 844})
    pg = open_page(ctx, servers[LATER_DAY].base + path)
    placed = pg.evaluate("""() => Array.from(document.querySelectorAll('.terms-paragraph > .terms-anchor'))
        .filter(a => a.previousElementSibling && a.previousElementSibling.matches('p.terms-block'))
        .map(a => { const rects = a.previousElementSibling.getClientRects(), last = rects[rects.length - 1];
                    const r = a.getBoundingClientRect(), box = a.parentElement.getBoundingClientRect();
                    const full = last.right + r.width + 16 > box.right;  // no room left on the last line (a space and a margin): wrapped
                    return [a.getAttribute('href'), (r.top < last.bottom - 1 && r.bottom > last.top + 1) || full]; })""")
    ctx.close()
    assert len(placed) >= 10
    assert [href for href, on_the_line in placed if not on_the_line] == []


@pytest.mark.parametrize("path, form", [("your-connect/history/", ".terms-asof"), ("search/", ".terms-search-form"),
                                        ("en/your-connect/history/", ".terms-asof")])
def test_a_form_shown_by_script_does_not_move_the_page(browser, servers, path: str, form: str) -> None:
    """The date finder and the search form need JavaScript: until terms.js shows them their place is
    kept (what is below them does not move under the reader); without JavaScript they take no room."""
    ctx = context(browser, viewport=PHONE)
    pg = open_page(ctx, servers[LATER_DAY].base + path)
    assert pg.locator(form).is_visible()
    after = pg.evaluate("""f => { const e = document.querySelector(f), next = e.nextElementSibling;
        const shown = next.getBoundingClientRect().top; e.hidden = true;
        const waiting = next.getBoundingClientRect().top; e.hidden = false;
        return [shown, waiting, getComputedStyle(e).visibility]; }""", form)
    assert after[0] == after[1] and after[2] == "visible", after
    ctx.close()
    ctx = context(browser, viewport=PHONE, java_script_enabled=False)
    pg = open_page(ctx, servers[LATER_DAY].base + path)
    box = pg.locator(form).bounding_box()
    assert not pg.locator(form).is_visible() and box is None
    ctx.close()
