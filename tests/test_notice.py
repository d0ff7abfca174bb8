"""The customer notice for the 2026-03-01 revision, generated from the comparison."""
from __future__ import annotations

import subprocess
import sys

from bs4 import BeautifulSoup
from conftest import ROOT


def notice(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "termsite.cli", "notice", "your-connect", "2026-03-01", *args],
                            check=False, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_japanese_notice() -> None:
    text = notice()
    assert text.splitlines()[0] == "Your Connect利用規約 改定のお知らせ"
    assert "令和8年3月1日（2026年3月1日）から実施します。" in text
    lines = [l for l in text.splitlines() if l.startswith("・")]
    assert lines == ["・前文：改正", "・第1条（Your Connectサービスの内容）：改正", "・第2条（利用中止）：改正",
                     "・第3条（利用停止）：改正", "・第4条（甲の義務）：改正", "・第5条（Your Connectサービスの廃止）：改正",
                     "・第11条（ログの取得）：改正", "・第14条（CRM連携機能に関する条件）：新設", "・附則：新設"]
    assert "改正後の規約：https://portal.your-connect.com/terms/your-connect/2026-03-01/" in text
    assert "現改比較表：https://portal.your-connect.com/terms/your-connect/2026-03-01/comparison/" in text


def test_english_notice() -> None:
    text = notice("--lang", "en")
    assert "take effect on March 1, 2026" in text
    assert "- Article 14 (Conditions for the CRM Integration Function): newly established" in text


def test_html_notice_and_page(sites) -> None:
    soup = BeautifulSoup(notice("--format", "html"), "html.parser")
    assert len(soup.select("li")) == 9
    page = BeautifulSoup((sites.get("2026-11-24") / "your-connect/2026-03-01/notice/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    links = [a["href"] for a in page.select(".terms-notice li a")]
    assert links[7] == "https://portal.your-connect.com/terms/your-connect/2026-03-01/comparison/#cmp-art-14"
    comparison = BeautifulSoup((sites.get("2026-11-24") / "your-connect/2026-03-01/comparison/index.html")
                               .read_text(encoding="utf-8"), "html.parser")
    for href in links:
        assert comparison.find(id=href.split("#")[1]) is not None, href
    # the notice shows the day it was given: the revision's publication day, from its source
    from termsite.source.loading import load_corpus
    from termsite.timeline.dates import long_date

    published = next(v for v in load_corpus(ROOT).versions["your-connect"] if v.slug == "2026-03-01").published
    assert published is not None
    when = page.select_one(".terms-notice .terms-notice-date time")
    assert when is not None and when["datetime"] == published.isoformat()
    assert when.get_text() == f"{long_date(published, 'ja')}公開"


def test_unknown_revision_is_an_error() -> None:
    result = subprocess.run([sys.executable, "-m", "termsite.cli", "notice", "your-connect", "2031-01-01"],
                            check=False, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "no revision, withdrawal or correction your-connect 2031-01-01" in result.stderr


def test_deleted_article_and_literal_headings(tmp_path) -> None:
    """A removed article reads 削除 / deleted; a heading is shown as typed, escaped in HTML."""
    from conftest import make_project

    from termsite.source.loading import load_corpus
    from termsite.pages.notice import as_text
    from termsite.pages.notice import notice as make_notice
    from termsite.pages.templating import render, standalone_env

    project = make_project(tmp_path / "p")
    path = project / "versions/your-connect/2026-03-01.yaml"
    text = path.read_text(encoding="utf-8")
    text = text[:text.index("  - num: 2\n    heading: {ja: 廃止")] + text[text.index("supplementary:"):]
    path.write_text(text.replace("heading: {ja: 目的, en: Purpose}", 'heading: {ja: "目的<b>&</b>", en: "Purpose <b>&</b>"}'),
                    encoding="utf-8")
    corpus = load_corpus(project)
    revision = corpus.revisions("your-connect")[0]
    ja = as_text(make_notice(corpus, corpus.documents[0], revision, "ja"))
    assert [l for l in ja.splitlines() if l.startswith("・")] == ["・第1条（目的<b>&</b>）：改正", "・第2条（廃止）：削除", "・附則：新設"]
    en = as_text(make_notice(corpus, corpus.documents[0], revision, "en"))
    assert "- Article 2 (Abolition): deleted" in en
    html = render(standalone_env("ja"), "partials/terms/notice.html",
                  notice=make_notice(corpus, corpus.documents[0], revision, "ja"))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("b") is None and soup.select("li a")[0].get_text() == "第1条（目的<b>&</b>）"


def test_an_article_deleted_in_place_is_named_as_it_was_and_reads_deleted(tmp_path) -> None:
    """「第2条　削除」 kept in place: the notice says 「第2条（廃止）：削除」, never 「第2条　削除：改正」."""
    from conftest import make_project

    from termsite.source.loading import load_corpus
    from termsite.pages.notice import as_text
    from termsite.pages.notice import notice as make_notice

    project = make_project(tmp_path / "p")
    path = project / "versions/your-connect/2026-03-01.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - num: 2\n    heading: {ja: 廃止")
    path.write_text(text[:start] + "  - num: 2\n    deleted: true\n" + text[text.index("supplementary:"):],
                    encoding="utf-8")
    corpus = load_corpus(project)
    revision = corpus.revisions("your-connect")[0]
    old = revision.old.article("art-2")
    assert old is not None and old.heading is not None and revision.new.article("art-2").deleted
    for lang, line in (("ja", f"・第2条（{old.heading.ja}）：削除"), ("en", f"- Article 2 ({old.heading.en}): deleted")):
        shown = as_text(make_notice(corpus, corpus.documents[0], revision, lang))
        assert line in shown.splitlines()
        assert "削除：改正" not in shown and "Deleted: revised" not in shown
