"""The honest floor: the same site as plain Markdown, built by plain MkDocs + Material.

For every page the real build plans (``termsite.pages.site.plan``, both languages, plus the hand-written
pages in ``content/``), the text of the built page becomes ordinary Markdown — headings, numbered
paragraphs, item lists, comparison rows as Markdown tables — and the floor project gets the same
theme, languages, features and navigation as the real one, with no hooks, no overrides and no
extra CSS or JavaScript. New kinds of page are covered without change: the list of pages comes
from the plan, the text from what the build wrote.
"""
from __future__ import annotations

import json
import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_SKIP = {"script", "style", "svg", "button", "template", "nav", "form", "input", "dialog"}
_BLOCKS = {"p", "div", "section", "li", "dd", "dt", "caption", "blockquote", "details", "summary", "aside",
           "header", "footer", "figure", "figcaption", "pre", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
           "ol", "ul", "dl", "table", "thead", "tbody"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


class _ToMarkdown(HTMLParser):
    """Block structure of one page's content as Markdown; inline markup is kept as its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.text: list[str] = []
        self.skip = 0  # depth inside a skipped element (script, headerlink, …)
        self.skip_tag = ""
        self.lists: list[list[Any]] = []  # [tag, counter]
        self.heading = 0
        self.table: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.number = ""  # a paragraph number on its own ("1.") starts the paragraph that follows

    # inline text -------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = re.sub(r"\s+", " ", data)
        (self.cell if self.cell is not None else self.text).append(data)

    def _flush(self) -> None:
        line = "".join(self.text).strip()
        self.text = []
        if not line:
            return
        if re.fullmatch(r"\d+\.", line) and not self.heading and not self.lists:
            self.number = line + " "
            return
        line, self.number = self.number + line, ""
        if self.heading:
            self.out.append("#" * self.heading + " " + _escape(line))
            self.out.append("")
        elif self.lists:
            tag, counter = self.lists[-1]
            marker = f"{counter}." if tag == "ol" else "-"
            self.out.append("    " * (len(self.lists) - 1) + f"{marker} {_escape(line)}")
        else:
            self.out.append(_escape(line))
            self.out.append("")

    # structure ---------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if self.skip:
            self.skip += tag == self.skip_tag
            return
        if (tag in _SKIP or "headerlink" in classes) and tag not in ("br", "input"):
            self.skip, self.skip_tag = 1, tag
            return
        if self.cell is not None:  # inside a table cell: blocks become line breaks
            if tag in _BLOCKS and self.cell and self.cell[-1] != "<br>":
                self.cell.append("<br>")
            return
        if tag in ("td", "th") and self.table is not None:
            self.cell = []
            return
        if tag == "tr" and self.table is not None:
            self.table.append([])
            return
        if tag == "table":
            self._flush()
            self.table = []
            return
        if tag in _BLOCKS:
            self._flush()
        if tag in ("ol", "ul"):
            self.lists.append([tag, 0])
        elif tag == "li" and self.lists:
            self.lists[-1][1] += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.heading = int(tag[1])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and self.cell is not None and not self.skip:
            self.cell.append("<br>")
        elif tag == "br" and not self.skip:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= tag == self.skip_tag
            return
        if tag in ("td", "th") and self.cell is not None and self.table is not None:
            text = "".join(self.cell).strip()
            text = re.sub(r"(<br>\s*)+$", "", re.sub(r"^(\s*<br>)+", "", text)).strip()
            parts = text.split("<br>")
            cell = "<br>".join(_escape(p.strip()) for p in parts)
            if not self.table:
                self.table.append([])
            self.table[-1].append(cell)
            self.cell = None
            return
        if self.cell is not None:
            return
        if tag == "table" and self.table is not None:
            rows = [r for r in self.table if r]
            self.table = None
            if rows:
                width = max(len(r) for r in rows)
                rows = [r + [""] * (width - len(r)) for r in rows]
                self.out.append("| " + " | ".join(rows[0]) + " |")
                self.out.append("|" + "---|" * width)
                self.out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
                self.out.append("")
            return
        if tag in _BLOCKS:
            self._flush()
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
            if not self.lists:
                self.out.append("")
        elif re.fullmatch(r"h[1-6]", tag):
            self.heading = 0

    def markdown(self) -> str:
        self._flush()
        return re.sub(r"\n{3,}", "\n\n", "\n".join(self.out)).strip() + "\n"


def page_markdown(html: str) -> str:
    """The text of a built page's content (``<article>``) as plain Markdown."""
    match = ARTICLE.search(html)
    parser = _ToMarkdown()
    parser.feed(match.group(1) if match else "")
    parser.close()
    return parser.markdown()


def _site_nav(project: Path, config_name: str) -> tuple[list[Any], dict[str, Any]]:
    """The navigation the real build gives this language (its hooks' ``on_config``), and its theme."""
    from mkdocs.config import load_config

    cfg = load_config(config_file=str(project / config_name))
    cfg = cfg.plugins.on_config(cfg)
    theme = {"name": "material", "language": cfg.theme["language"], "font": False,
             "features": list(cfg.theme["features"])}
    return cfg.nav or [], theme


def page_sources(project: Path, today: date) -> list[str]:
    """Every page of one language: the plan's pages and the hand-written ones, as ``src_uri``."""
    from termsite.source.loading import load_corpus
    from termsite.pages.site import plan

    planned = [p.src_uri for p in plan(load_corpus(project), today).pages]
    written = sorted(p.relative_to(project / "content" / "ja").as_posix()
                     for p in (project / "content" / "ja").rglob("*.md"))
    return planned + [w for w in written if w not in planned]


def honest_floor(project: Path, site: Path, dest: Path, today: date) -> Path:
    """Write the floor project for ``project`` (already built into ``site``) into ``dest``."""
    shutil.rmtree(dest, ignore_errors=True)
    sources = page_sources(project, today)
    configs = {"ja": ("mkdocs.yml", ""), "en": ("mkdocs.en.yml", "en/")}
    for lang, (config_name, prefix) in configs.items():
        for src in sources:
            url = src.removesuffix("index.md") if src.endswith("index.md") else src.removesuffix(".md") + "/"
            built = site / prefix / url / "index.html"
            md = dest / "content" / lang / src
            md.parent.mkdir(parents=True, exist_ok=True)
            md.write_text(page_markdown(built.read_text(encoding="utf-8")) if built.exists() else "# ?\n",
                          encoding="utf-8")
        nav, theme = _site_nav(project, config_name)
        cfg = {
            "site_name": "floor", "site_url": f"https://portal.your-connect.com/terms/{prefix}",
            "docs_dir": f"content/{lang}", "site_dir": f"site/{prefix}".rstrip("/"), "use_directory_urls": True,
            "theme": theme, "plugins": [], "nav": nav,
            "markdown_extensions": [{"toc": {"permalink": True}}, "attr_list", "admonition", "tables"],
            "validation": {"nav": {"omitted_files": "info", "not_found": "info"},
                           "links": {"not_found": "info", "anchors": "info", "unrecognized_links": "info"}},
        }
        (dest / config_name).write_text(json.dumps(cfg, ensure_ascii=False, indent=1), encoding="utf-8")
    return dest
