"""The text diff: golden Japanese cases, and properties that must hold for any text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from termsite.comparison.diff import Span, diff_text, sides, tokenize


def changes(old: str, new: str) -> list[tuple[str, str]]:
    return [(s.op, s.text) for s in diff_text(old, new) if s.op != "equal"]


def test_golden_no_deletes_only_no() -> None:
    assert changes("宇宙線の観測", "宇宙線観測") == [("delete", "の")]


def test_golden_fuka() -> None:
    # both characters differ (付加 → 負荷): the word is marked, nothing around it
    assert changes("乙の設備に過度の付加がかかるおそれ", "乙の設備に過度の負荷がかかるおそれ") == [
        ("delete", "付加"), ("insert", "負荷")]


def test_golden_notice_period_and_means() -> None:
    assert changes("その4か月前までに、あらかじめ甲に書面により通知する", "その30日前までに、あらかじめ甲に電子メールにより通知する") == [
        ("delete", "4か月"), ("insert", "30日"), ("delete", "書面"), ("insert", "電子メール")]


def test_golden_service_name() -> None:
    assert changes("本サービスが正常に動作せず", "Your Connectサービスが正常に動作せず") == [
        ("delete", "本"), ("insert", "Your Connect")]


def test_golden_log_name() -> None:
    assert changes("操作ログを取得します", "動作ログを取得します") == [("delete", "操"), ("insert", "動")]


def test_english_is_word_level() -> None:
    assert changes("notify four months in advance in writing", "notify 30 days in advance by e-mail") == [
        ("delete", "four months"), ("insert", "30 days"), ("delete", "in writing"), ("insert", "by e-mail")]


def test_tokens() -> None:
    assert tokenize("本サービス4か月Your Connect、") == ["本", "サービス", "4", "か", "月", "Your", " ", "Connect", "、"]


def test_sides_put_a_gap_where_only_one_side_has_text() -> None:
    old, new = sides(diff_text("宇宙線の観測", "宇宙線観測"))
    assert old == [Span("same", "宇宙線"), Span("del", "の"), Span("same", "観測")]
    assert new == [Span("same", "宇宙線"), Span("gap"), Span("same", "観測")]


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
