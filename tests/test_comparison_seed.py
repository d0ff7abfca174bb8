"""The 2026-03-01 comparison table, checked against the changes found by reading both columns
of the hand-made seed table. The seed underlines only some of them; the generated table must
mark every one, on the right row and side, and mark nothing else."""
from __future__ import annotations

from bs4 import BeautifulSoup

# (row id, text marked on the old side, text marked on the new side). Each string must appear
# inside the marks of that side of that row. Found by reading the seed's two columns.
CHANGES: list[tuple[str, list[str], list[str]]] = [
    ("row-preamble-1", ["エヌ・ティ・ティ・コミュニケーションズ"], ["NTTドコモビジネス"]),
    ("row-art-1-p1", [], ["(4)", "CRMサービスとの連携（以下、「CRM連携機能」といいます）"]),
    ("row-art-1-p4", ["および"], ["、", "（4）CRM連携機能"]),
    # 故障対応時の連絡先は…電子メールアドレスとします → 故障時、当社が指定するサイト…とします (故障 and とします kept)
    ("row-art-1-p5", ["本", "本", "対応時の連絡先は、甲が予め乙に届け出た電子メールアドレス"],
                     ["Your Connect", "Your Connect", "時、当社が指定するサイト（https://support.ntt.com/yourconnect/）上に"]),
    ("row-art-1-p7", ["本", "住所への郵送もしくは、"], ["Your Connect"]),
    ("row-art-2-p1", ["本", "本", "本"], ["Your Connect", "Your Connect", "Your Connect"]),
    ("row-art-2-p2", ["但し"], ["ただし、緊急のメンテナンスの場合はこの限りではありません。"]),
    ("row-art-3-p1", ["契約書"], ["契約"]),  # 本契約書 → 本契約: the word, not 書 alone
    ("row-art-4-p1", ["本", "付加", "本規約"], ["Your Connect", "負荷", "Your Connectサービス利用条件"]),
    ("row-art-5-p4", ["4か月", "書面"], ["30日", "電子メール"]),
    ("row-art-5-p5", ["書面"], ["電子メール"]),
    # 操作ログ→動作ログ (three times, the word 操作/動作), 等の…必要な操作 added, 当該操作ログ→当該操作,
    # 以下「→以下、「 (the comma alone: 「 is unchanged), 。） → ）
    ("row-art-11-p1", ["操作", "ログ", "操作", "。", "操作"],
                      ["動作", "等のYour Connectサービスの機能を動作するために必要な操作", "、", "動作", "動作"]),
    ("row-art-14", [], ["第14条（CRM連携機能に関する条件）", "CRM連携仕様以外の方法でCRMサービスと連携したことに起因して"]),
    ("row-suppl-2026-03-01", [], ["附 則（令和8年1月27日 S S D S 000400007747-01号）", "この改正規定は、令和8年3月1日から実施します。"]),
]
# Paragraphs the seed shows in full although nothing in them changed: no marks, elided.
UNCHANGED = ["art-1-p6", "art-3-p2", "art-4-p2", "art-4-p3", "art-4-p4", "art-5-p1", "art-5-p2", "art-5-p3"]


def table(sites) -> BeautifulSoup:
    site = sites.get("2026-11-24")
    return BeautifulSoup((site / "your-connect/2026-03-01/comparison/index.html").read_text(encoding="utf-8"),
                         "html.parser")


def marked(cell) -> str:
    """The marked text of one side, screen-reader words removed, marks joined by |."""
    out = []
    for mark in cell.select("del.terms-mark, ins.terms-mark"):
        for sr in mark.select(".terms-sr"):
            sr.extract()
        out.append(mark.get_text())
    return "|".join(out)


def test_every_change_is_marked_on_its_row_and_side(sites) -> None:
    soup = table(sites)
    for row_id, old_texts, new_texts in CHANGES:
        row = soup.find(id=row_id)
        assert row is not None, row_id
        old, new = marked(row.select_one("td.terms-cmp-old")), marked(row.select_one("td.terms-cmp-new"))
        rest = old
        for text in old_texts:
            assert text in rest, (row_id, "old", text, old)
            rest = rest.replace(text, "", 1)
        rest = new
        for text in new_texts:
            assert text in rest, (row_id, "new", text, new)
            rest = rest.replace(text, "", 1)
        # deletions on the old side only, insertions on the new side only
        assert not row.select("td.terms-cmp-old ins") and not row.select("td.terms-cmp-new del"), row_id


def test_every_mark_is_whole_words(sites) -> None:
    """Both languages: each mark on the page begins and ends on a word boundary of the text it stands in."""
    from termsite.comparison.words import boundaries

    site = sites.get("2026-11-24")
    checked = 0
    for page in ("your-connect", "en/your-connect"):
        soup = BeautifulSoup((site / page / "2026-03-01/comparison/index.html").read_text(encoding="utf-8"),
                             "html.parser")
        for block in {id(m.parent): m.parent for m in soup.select("del.terms-mark, ins.terms-mark")}.values():
            pieces: list[tuple[str, bool]] = []  # (text, whether marked), the label and nested lists left out
            for child in block.children:
                if getattr(child, "name", None) in ("ol", "ul", "div") or "terms-num" in (child.get("class") or []
                                                                                        if hasattr(child, "get") else []):
                    continue
                pieces.append((child.get_text(), getattr(child, "name", None) in ("del", "ins")))
            text = "".join(t for t, _ in pieces)
            lead = len(text) - len(text.lstrip(" "))  # the space after the number label is the template's
            text = text[lead:]
            cuts = set(boundaries(text))
            at = -lead
            for piece, is_mark in pieces:
                if is_mark and piece:
                    assert at in cuts and at + len(piece) in cuts, (page, piece, text)
                    checked += 1
                at += len(piece)
    assert checked >= 2 * len(CHANGES)


def test_nothing_else_is_marked(sites) -> None:
    soup = table(sites)
    changed_rows = {r["id"] for r in soup.select("tr.terms-row") if r.select("del, ins, .terms-gap")}
    assert changed_rows == {row_id for row_id, _, _ in CHANGES}


def test_unchanged_paragraphs_are_elided_without_marks(sites) -> None:
    soup = table(sites)
    for unit in UNCHANGED:
        cells = soup.select(f'[data-unit="{unit}"]')
        assert len(cells) == 2, unit  # shown on both sides, inside an elision
        for cell in cells:
            assert cell.find_parent("details", class_="terms-elided") is not None, unit
            assert not cell.select("del, ins, .terms-gap"), unit


def cell_text(cell) -> str:
    """A cell's text without the side label a phone shows above it."""
    for tag in cell.select(".terms-cmp-side"):
        tag.extract()
    return cell.get_text(strip=True)


def test_added_article_and_provision_say_newly_established(sites) -> None:
    soup = table(sites)
    for row_id in ("row-art-14", "row-suppl-2026-03-01"):
        old = soup.find(id=row_id).select_one("td.terms-cmp-old")
        assert cell_text(old) == "（新設）"


def elision_labels(soup, side: str) -> list[str]:
    return [s.get_text(strip=True) for s in soup.select(f".terms-elided .terms-cmp-{side} .terms-elided__label")]


def test_elisions_merge_like_the_seed(sites) -> None:
    soup = table(sites)
    for side in ("old", "new"):
        labels = elision_labels(soup, side)
        assert "第1条2～3（略）" in labels
        assert "第6条～第10条（略）" in labels
        assert "第12条～第13条（略）" in labels
        assert "第1条8（略）" in labels
        assert labels.count("前文（略）") == 1  # consecutive unchanged preamble paragraphs: one row


def test_placeholders_are_not_controls(sites) -> None:
    """An elision whose text is not in the source would open to nothing: it is plain text. Every
    other elision is one <details> for the whole row, holding both sides' text."""
    soup = table(sites)
    from termsite.source.loading import load_corpus
    from conftest import ROOT

    new = load_corpus(ROOT).versions["your-connect"][1]
    omitted = {a.id for a in new.articles if a.omitted} | {p.id for a in new.articles for p in a.paragraphs if p.omitted}
    for row in soup.select("tr.terms-row--elided"):
        units = [u["data-unit"] for u in row.select("[data-unit]")]
        controls = row.select("details.terms-elided")
        if controls:
            assert len(controls) == 1 and len(row.select("summary")) == 1, row["id"]
            body = controls[0].select_one(".terms-elided__body")
            assert body.select(".terms-cmp-old [data-unit]") and body.select(".terms-cmp-new [data-unit]"), row["id"]
            assert any(u not in omitted for u in units), row["id"]
        else:
            assert row.select(".terms-elided--placeholder"), row["id"]
            assert all(u in omitted for u in units), row["id"]
    placeholders = {r["id"] for r in soup.select("tr.terms-row--elided") if not r.select("details")}
    assert placeholders == {"row-art-1-p2", "row-art-1-p8", "row-elided-art-6", "row-elided-art-12"}


def test_title_columns_and_caption(sites) -> None:
    soup = table(sites)
    cmp = soup.select_one("table.terms-cmp")
    assert cmp.caption.get_text(" ", strip=True) == "Your Connect利用規約 【現改比較表】 2026年1月30日現在"
    assert [th.get_text(strip=True) for th in cmp.select("thead th")] == ["～2026年2月28日", "2026年3月1日～"]
    assert soup.select_one(".terms-cmp-note").get_text(strip=True) == "（傍線部分は改正部分）"


def test_summary_links_every_changed_row(sites) -> None:
    soup = table(sites)
    targets = [a["href"][1:] for a in soup.select(".terms-cmp-index a")]
    assert set(targets) == {row_id for row_id, _, _ in CHANGES}
    assert "条：改正 6、新設 1、削除 0" in soup.select_one(".terms-cmp-summary").get_text()


def test_english_comparison(sites) -> None:
    site = sites.get("2026-11-24")
    soup = BeautifulSoup((site / "en/your-connect/2026-03-01/comparison/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert [th.get_text(strip=True) for th in soup.select("table.terms-cmp thead th")] == [
        "Until February 28, 2026", "From March 1, 2026"]
    row = soup.find(id="row-art-5-p4")
    assert row.select("ins.terms-mark") and row.select("del.terms-mark")
    assert cell_text(soup.find(id="row-art-14").select_one("td.terms-cmp-old")) == "(newly established)"
    labels = elision_labels(soup, "old")
    # two words: a run that opens is unchanged; articles the source does not reproduce are not published here
    assert "Articles 6–10 (not published here)" in labels and "Preamble (unchanged)" in labels
    assert not any("(omitted)" in label for label in labels)
