"""The text diff marks whole words: the golden table (texts taken from the sample revision, both
languages), and the rules that must hold for any text."""
from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from termsite.comparison.diff import Span, diff_text, sides, tokenize
from termsite.comparison.words import boundaries, words
from termsite.model import ItemList, Text, TextBlock, Version
from termsite.source.loading import load_corpus


@cache
def texts(which: int) -> dict[str, Text]:
    """The sample versions' texts by unit id: a paragraph's opening text, and each item's."""
    version: Version = load_corpus(ROOT).versions["your-connect"][which]
    found: dict[str, Text] = {}
    for article in version.articles:
        for p in article.paragraphs:
            for block in p.blocks:
                if isinstance(block, TextBlock):
                    found.setdefault(p.id, block.text)
                elif isinstance(block, ItemList):
                    found.update((item.id, item.text) for item in block.items)
    return found


def revised(unit: str, lang: str) -> tuple[str, str]:
    """The unit's text before and after the sample revision (initial → 2026-03-01)."""
    return texts(0)[unit][lang], texts(1)[unit][lang]


def changes(old: str, new: str) -> list[tuple[str, str]]:
    return [(s.op, s.text) for s in diff_text(old, new) if s.op != "equal"]


def marked(spans: list[Span]) -> list[str]:
    return [s.text for s in spans if s.mark in ("del", "ins")]


# --- the golden table ------------------------------------------------------------------------------

def test_golden_log_name_is_marked_as_the_word_three_times() -> None:
    old, new = sides(diff_text(*revised("art-11-p1", "ja")))
    # 操作ログ → 動作ログ: the word 操作 / 動作 is marked, ログ after it is not
    def word_before_log(spans: list[Span], mark: str) -> list[str]:
        return [s.text for s, after in zip(spans, spans[1:])
                if s.mark == mark and after.mark == "same" and after.text.startswith("ログ")]
    assert word_before_log(old, "del") == ["操作"] * 3
    assert word_before_log(new, "ins") == ["動作"] * 3
    # no mark anywhere is one character cut from a kanji compound
    assert "操" not in marked(old) and "動" not in marked(new)


def test_golden_definition_marks_the_comma_and_the_word_not_the_bracket() -> None:
    old, new = sides(diff_text(*revised("art-11-p1", "ja")))
    at = next(i for i, s in enumerate(old) if s.mark == "same" and s.text.endswith("以下"))
    assert [old[at + 1], old[at + 2], old[at + 3]] == [Span("gap"), Span("same", "「"), Span("del", "操作")]
    assert old[at + 4].text.startswith("ログ」")
    at = next(i for i, s in enumerate(new) if s.mark == "same" and s.text.endswith("以下"))
    assert [new[at + 1], new[at + 2], new[at + 3]] == [Span("ins", "、"), Span("same", "「"), Span("ins", "動作")]
    assert new[at + 4].text.startswith("ログ」")


def test_golden_contract_document_is_marked_as_the_word() -> None:
    old, new = revised("art-3-p1-i1", "ja")
    assert old.startswith("本契約書") and new.startswith("本契約") and not new.startswith("本契約書")
    assert changes(old, new) == [("delete", "契約書"), ("insert", "契約")]


def test_golden_english_e_mailing_whole_words() -> None:
    old, new = revised("art-1-p7-i2", "en")
    found = changes(old, new)
    deleted = [t for op, t in found if op == "delete"]
    inserted = [t for op, t in found if op == "insert"]
    assert inserted == ["E-mailing"]
    assert deleted[0].endswith("or e-mailing") and old.startswith(deleted[0])  # the whole phrase, from its edge
    for text, side in ((old, deleted), (new, inserted)):
        cuts = boundaries(text)
        for piece in side:
            start = text.index(piece)
            assert start in cuts and start + len(piece) in cuts, (piece, text)


def test_golden_no_deletes_only_no() -> None:
    # the house notes' case (not in the sample): 宇宙線 is one word, の is the change
    assert changes("宇宙線の観測", "宇宙線観測") == [("delete", "の")]


def test_golden_fuka() -> None:
    assert changes(*revised("art-4-p1-i6", "ja")) == [("delete", "付加"), ("insert", "負荷")]
    assert changes(*revised("art-4-p1-i6", "en")) == [("delete", "addition"), ("insert", "load")]


def test_golden_notice_period_and_means() -> None:
    assert changes(*revised("art-5-p4", "ja")) == [
        ("delete", "4か月"), ("insert", "30日"), ("delete", "書面"), ("insert", "電子メール")]
    found = changes(*revised("art-5-p4", "en"))
    assert ("delete", "in writing") in found and ("insert", "by e-mail") in found
    assert ("delete", "four months") in found and ("insert", "30 days") in found


def test_golden_service_name() -> None:
    found = changes(*revised("art-4-p1-i2", "ja"))
    assert found[:2] == [("delete", "本"), ("insert", "Your Connect")]


def test_one_word_changes_are_not_swallowed_by_their_neighbour() -> None:
    # the semantic cleanup alone makes these one replacement (甲は操作 → 乙は動作); diffed again, the は between stays
    assert changes("甲は操作ログを取得", "乙は動作ログを取得") == [
        ("delete", "甲"), ("insert", "乙"), ("delete", "操作"), ("insert", "動作")]
    assert changes("付加の書面", "負荷の電子メール") == [
        ("delete", "付加"), ("insert", "負荷"), ("delete", "書面"), ("insert", "電子メール")]
    # a space alone is not given back: one mark a side
    assert changes("four months in writing", "30 days by e-mail") == [
        ("delete", "four months in writing"), ("insert", "30 days by e-mail")]


def test_words_keep_hyphens_and_apostrophes() -> None:
    assert words("Party A's e-mailing") == ("Party", " ", "A's", " ", "e-mailing")
    assert "".join(words("本サービス4か月Your Connect、")) == "本サービス4か月Your Connect、"
    assert tokenize("以下、「動作ログ」") == ["以下", "、", "「", "動作", "ログ", "」"]
    # numbers are whole words: 30→31 marks the number, not its last digit
    assert tokenize("その30日前まで1,000円") == ["その", "30", "日", "前", "まで", "1,000", "円"]
    assert changes("その30日前", "その31日前") == [("delete", "30"), ("insert", "31")]


def test_a_long_text_is_cut_whole() -> None:
    """Sudachi takes at most 49,149 bytes at once: a longer paragraph is cut in pieces, and nothing is lost."""
    text = "乙は、甲の端末設備における動作ログを取得します。" * 1500 + "e-mailing" * 2000
    assert "".join(words(text)) == text
    assert words(text)[:4] == ("乙", "は", "、", "甲")


def test_words_are_cut_from_several_threads_at_once() -> None:
    """The build compares in two threads (pages, and the site's PDFs beside them); a Sudachi tokenizer refuses
    concurrent use, so the analysis is serialised."""
    from concurrent.futures import ThreadPoolExecutor

    base = texts(0)["art-11-p1"]["ja"]
    samples = [f"{base}{i}" + base[: i % 50] for i in range(400)]
    boundaries.cache_clear()
    with ThreadPoolExecutor(4) as pool:
        cut = list(pool.map(words, samples))
    assert ["".join(w) for w in cut] == samples


def test_sides_put_a_gap_where_only_one_side_has_text() -> None:
    old, new = sides(diff_text("宇宙線の観測", "宇宙線観測"))
    assert old == [Span("same", "宇宙線"), Span("del", "の"), Span("same", "観測")]
    assert new == [Span("same", "宇宙線"), Span("gap"), Span("same", "観測")]


# --- rules for any text ----------------------------------------------------------------------------

legal_text = st.text(alphabet=st.sampled_from(list("本サービス乙甲のはをにが、。（）「」4０30日か月 YourConnect書面電子メール付加負荷\n<>&*#")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(legal_text, legal_text)
def test_each_side_gives_back_its_text_exactly(old: str, new: str) -> None:
    o, n = sides(diff_text(old, new))
    assert "".join(s.text for s in o) == old
    assert "".join(s.text for s in n) == new
    assert all(s.text == "" for s in o + n if s.mark == "gap")
    assert all(s.mark in ("same", "del", "gap") for s in o)
    assert all(s.mark in ("same", "ins", "gap") for s in n)
    # both sides show the unchanged text identically
    assert [s.text for s in o if s.mark == "same"] == [s.text for s in n if s.mark == "same"]


@settings(max_examples=200, deadline=None)
@given(legal_text)
def test_equal_texts_have_no_marks(text: str) -> None:
    o, n = sides(diff_text(text, text))
    assert all(s.mark == "same" for s in o + n)


@settings(max_examples=200, deadline=None)
@given(legal_text, legal_text)
def test_different_texts_are_marked(old: str, new: str) -> None:
    o, n = sides(diff_text(old, new))
    assert (old != new) == any(s.mark != "same" for s in o + n)


# --- every mark on word boundaries, and the marks rebuild the new text ----------------------------

PIECES = ["操作", "動作", "ログ", "本", "契約", "契約書", "宇宙線", "観測", "付加", "負荷", "電子メール", "書面",
          "サービス", "Your Connect", "の", "を", "に", "します", "いいます", "、", "。", "「", "」", "（", "）",
          "4", "30", "１２", "か月", "日", "前", "e-mail", "e-mailing", "Party A's", "notice", " ", "甲", "乙"]
piece = st.sampled_from(PIECES)
passage = st.lists(piece, min_size=0, max_size=25).map("".join)


@st.composite
def revisions(draw: st.DrawFn) -> tuple[str, str]:
    """A text, and the same text after a few edits at any character — inside a kanji compound, a kana
    run, a Latin word or a number as well as between words: insertions, deletions, replacements."""
    old = draw(passage)
    new = old
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(new)))
        end = draw(st.integers(at, min(len(new), at + 4)))
        added = draw(st.lists(st.one_of(piece, st.sampled_from(list("操動作契約書宇宙線のをか月日0123456789aeAE-'"))),
                              max_size=3).map("".join))
        new = new[:at] + added + new[end:]
    return old, new


@settings(max_examples=300, deadline=None)
@given(revisions())
def test_marks_lie_on_word_boundaries_and_rebuild_the_new_text(pair: tuple[str, str]) -> None:
    old, new = pair
    old_cuts, new_cuts = set(boundaries(old)), set(boundaries(new))
    at_old = at_new = 0
    rebuilt: list[str] = []
    for segment in diff_text(old, new):
        if segment.op == "equal":
            assert old[at_old:at_old + len(segment.text)] == segment.text
            rebuilt.append(segment.text)
            at_old += len(segment.text)
            at_new += len(segment.text)
        elif segment.op == "delete":  # a deletion is a run of whole words of the old text
            assert old[at_old:at_old + len(segment.text)] == segment.text
            assert at_old in old_cuts and at_old + len(segment.text) in old_cuts, (segment, old)
            at_old += len(segment.text)
        else:  # an insertion is a run of whole words of the new text
            assert at_new in new_cuts and at_new + len(segment.text) in new_cuts, (segment, new)
            rebuilt.append(segment.text)
            at_new += len(segment.text)
    assert at_old == len(old)
    assert "".join(rebuilt) == new
