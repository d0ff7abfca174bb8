"""MkDocs adapter: turns termsite's page plan into MkDocs pages. No terms logic lives here.

versions/*.yaml → model → validate → compare (termsite) → render (overrides/ templates) → pages.
The corpus is loaded and validated in ``on_config``; any problem stops the build with the
editor-facing messages, before a single page is written.
"""
from __future__ import annotations

import json
import logging
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from termsite import labels
from termsite.comparison.clause_history import ClauseHistory, comparisons_for
from termsite.pages.csp import with_script_hashes
from termsite.timeline.dates import today_in_tokyo
from termsite.pages.i18n import gettext
from termsite.source.loading import load_corpus
from termsite.model import Corpus, Document, Revision
from termsite.problems import ValidationFailed
from termsite.pages import partial
from termsite.pages.notice import notice, withdrawal_notice
from termsite.declarations import declared
from termsite.pages.errata import corrections, erratum_notes
from termsite.pages.withdrawn import withdrawn_head, withdrawn_history, withdrawn_period, withdrawn_view
from termsite.timeline.publication import for_build, is_public
from termsite.pages.site import (
    LANG_ROOT, PageSpec, Plan, changed_pages, clause_pages, clauses_url, comparison_url, current_url, document_url,
    history_url, notice_url, plan, version_url,
)
from termsite.timeline.status import in_force, period
from termsite.pages.templating import register
from termsite.pages import reader
from termsite.pages.clause_views import clause_index, clause_page, clause_title
from termsite.pages.views import banner, clause_marks, comparison_view, history, not_found, page_head, period_label

LANG_NAMES = {"ja": "日本語", "en": "English"}
_TEMPLATES = {"current": "terms/version.html", "version": "terms/version.html",
              "comparison": "terms/comparison.html", "cumulative": "terms/comparison.html",
              "clause": "terms/clause.html", "history": "terms/history.html",
              "search": "terms/search.html", "notice": "terms/notice.html", "withdrawn": "terms/version.html",
              "document": "terms/document.html", "clauses": "terms/clauses.html"}

_state: dict[str, Any] = {}


def _lang(config: MkDocsConfig) -> str:
    return "en" if str(config.theme["language"]).startswith("en") else "ja"


def on_startup(command: str, dirty: bool) -> None:
    """``termsite serve`` previews with dirty rebuilds: after a save only the pages made from
    what changed are rendered again (see :func:`termsite.pages.site.changed_pages`)."""
    _state["preview"] = command == "serve" and dirty
    if _state["preview"]:
        logging.getLogger("mkdocs.commands.build").addFilter(_NotDirtyWarning())


class _NotDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave stale navigation; the preview decides what to
    rebuild itself, and the warning would stop a strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    try:
        corpus = load_corpus(root)
    except ValidationFailed as failed:
        raise PluginError(f"{len(failed.problems)} problem(s) in the terms sources; nothing was built:\n{failed}") from None
    lang = _lang(config)
    today = today_in_tokyo()
    corpus = for_build(corpus, today)  # not yet published versions stay out, except in `termsite serve`
    pages = plan(corpus, today)
    previous = _state.get("built") if _state.get("preview") and _state.get("lang") == lang else None
    _state.update(corpus=corpus, plan=pages, specs=pages.by_src(), today=today, lang=lang,
                  changed=changed_pages(previous, pages) if _state.get("preview") else None,
                  comparisons=comparisons_for(corpus, lang))
    config.nav = _nav(corpus, lang, root / config.docs_dir)
    _state["in_nav"] = _nav_sources(config.nav)
    return config


def _nav(corpus: Corpus, lang: str, docs_dir: Path) -> list[Any]:
    """A short sidebar: per document the terms in force, the history and the latest comparison.

    Material renders the whole navigation into every page, so a list of every version would make
    each page grow with the history (and the build with its square); the versions are listed on
    the history page, and every other page is built outside the navigation."""
    t = lambda m: gettext(lang, m)  # noqa: E731
    nav: list[Any] = []
    for doc in corpus.documents:
        entries: list[Any] = [{t("Terms in force"): "index.md" if doc.root else f"{doc.slug}/index.md"},
                              {t("History and all versions"): f"{history_url(doc)}index.md"}]
        revisions = corpus.revisions(doc.slug)
        if revisions:
            latest = revisions[-1]
            entries.append({t("Comparison: %(date)s revision") % {"date": _date_label(latest.new, lang)}:
                            f"{comparison_url(doc, latest)}index.md"})
        nav.append({doc.title[lang]: entries})
    nav += sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.glob("*.md"))
    nav.append({t("Search"): "search/index.md"})
    return nav


def _nav_sources(nav: list[Any]) -> set[str]:
    found: set[str] = set()
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            found |= _nav_sources(value)
        else:
            found.add(value)
    return found


def _date_label(v: Any, lang: str) -> str:
    from termsite.timeline.dates import long_date

    return long_date(v.effective, lang) if v.effective else gettext(lang, "first recorded version")


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    register(env, _state["lang"])
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    current: Plan = _state["plan"]
    if _state["changed"] is not None:  # preview: hand-written pages are read again, the nav takes their titles
        for written in files.documentation_pages():
            written.is_modified = lambda: True  # type: ignore[method-assign]
    for spec in current.pages:
        head = (withdrawn_head(spec, _state["lang"]) if spec.kind == "withdrawn"
                else page_head(_state["corpus"], spec, _state["lang"]))
        front: dict[str, Any] = {"template": _TEMPLATES[spec.kind], "title": _title(spec, _state["lang"]),
                                 "terms_title": head.title, "description": head.description}
        if spec.kind in ("comparison", "cumulative", "clause", "history", "search", "notice", "document", "clauses"):
            front["hide"] = ["toc"]  # the table needs the width
        inclusion = InclusionLevel.UNDEFINED if spec.src_uri in _state["in_nav"] else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, spec.src_uri, inclusion=inclusion,
                              content=f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n")
        if _state["changed"] is not None and spec.src_uri not in _state["changed"]:
            file.is_modified = lambda: False  # type: ignore[method-assign]  # preview: built before, unchanged
        files.append(file)
    # the site's own top-level folders (and the English site's), which tell the 404 page where the site is
    _state["top_folders"] = sorted({f.dest_uri.split("/")[0] for f in files if "/" in f.dest_uri} | {"en"})
    return files


def _title(spec: PageSpec, lang: str) -> str:
    t = lambda m: gettext(lang, m)  # noqa: E731
    if spec.kind == "search":
        return t("Search")
    assert spec.document is not None
    title = spec.document.title[lang]
    if spec.kind == "history":
        return t("History of %(title)s") % {"title": title}
    if spec.kind == "document":
        return t("Versions of %(title)s") % {"title": title}
    if spec.kind == "clauses":
        return t("Clauses of %(title)s") % {"title": title}
    if spec.kind == "comparison":
        return f"{title} {spec.document.comparison_title[lang]}"
    if spec.kind == "cumulative":
        assert spec.version is not None
        p = period(_state["corpus"].versions[spec.document.slug], spec.version)
        return t("Changes since %(version)s") % {"version": reader.version_phrase(p.start, p.end, lang, past=True)}
    if spec.kind == "clause":
        assert spec.clause is not None
        return clause_title(spec.clause, _histories(spec.document.slug, lang), lang)
    if spec.kind == "notice":
        return t("Notice of revision: %(title)s") % {"title": title}
    if spec.kind == "withdrawn":
        assert spec.version is not None
        return f"{title} ({withdrawn_period(spec.version, lang)})"
    if spec.kind == "version":
        assert spec.version is not None
        p = period(_state["corpus"].versions[spec.document.slug], spec.version)
        return f"{title} ({period_label(p.start, p.end, lang)})"
    return title


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    spec = _state["specs"].get(page.file.src_uri)
    if spec and spec.kind in ("current", "version", "withdrawn") and spec.version:
        lang = _state["lang"]
        tokens = [{"level": 2, "id": a.id, "name": labels.article_heading(a, lang), "children": []}
                  for a in _text_shown(spec).articles]
        if spec.version.supplementary:
            tokens.append({"level": 2, "id": "supplementary", "name": gettext(lang, "Supplementary Provisions"),
                           "children": []})
        page.toc = get_toc(tokens)  # type: ignore[arg-type]
    return html


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    lang = _state["lang"]
    context["terms_lang"] = lang
    context["terms_today"] = _state["today"].isoformat()
    context["terms_alternates"] = _alternates(page, config, lang)
    spec = _state["specs"].get(page.file.src_uri)
    if spec is not None:
        context["terms"] = _view(spec, lang)
    return context


def _alternates(page: Page, config: MkDocsConfig, lang: str) -> list[dict[str, str]]:
    """The same page in each language: a relative link for the switch, an absolute one for hreflang."""
    url = page.url
    ja_root = _ja_root(config, lang)
    depth = url.count("/") + (1 if lang == "en" else 0)
    up = "../" * depth
    out = []
    for other in ("ja", "en"):
        rel = posixpath.join(up, LANG_ROOT[other], url) if (up or LANG_ROOT[other]) else url
        out.append({"lang": other, "name": LANG_NAMES[other], "href": rel or "./",
                    "absolute": ja_root + LANG_ROOT[other] + url})
    return out


def _ja_root(config: MkDocsConfig, lang: str) -> str:
    """The site's root URL (the Japanese one): the English build's site_url ends in en/."""
    site = config.site_url or "/"
    return site[: -len(LANG_ROOT["en"])] if lang == "en" and site.endswith(LANG_ROOT["en"]) else site


def _histories(slug: str, lang: str) -> dict[str, ClauseHistory]:
    """A document's clause histories in ``lang``, made once per build from the shared comparisons."""
    return comparisons_for(_state["corpus"], lang).histories(_state["corpus"].versions[slug])


def _governing(doc: Document, lang: str) -> dict[str, ClauseHistory] | None:
    """The governing language's clause histories, when the page is in the other language."""
    return None if lang == doc.governing_language else _histories(doc.slug, doc.governing_language)


def _text_shown(spec: PageSpec) -> Any:
    """The text a version page shows: the whole version, except on the page of the terms in force
    while a revision is partly in force (一部施行), which shows the text in force that day."""
    assert spec.version is not None and spec.document is not None
    stage = _stage(spec)
    return stage.text if stage is not None else spec.version


def _stage(spec: PageSpec) -> Any:
    if spec.kind != "current" or spec.version is None or spec.document is None:
        return None
    return partial.shown_stage(_state["corpus"].versions[spec.document.slug], spec.version, _state["today"])


def _marks(doc: Document, spec: PageSpec, lang: str) -> Any:
    """The 「…改正」 line under each clause, for the text the page shows."""
    versions = _state["corpus"].versions[doc.slug]
    v = spec.version
    marks = clause_marks(doc, v, versions, _histories(doc.slug, lang), lang, _governing(doc, lang))
    stage = _stage(spec)
    if stage is None:
        return marks
    previous = versions[versions.index(v) - 1]
    before = clause_marks(doc, previous, versions, _histories(doc.slug, lang), lang, _governing(doc, lang))
    return {cid: before.get(cid, m) if partial.reads_as_before(stage, previous, cid) else m
            for cid, m in marks.items()} | {cid: m for cid, m in before.items()
                                             if cid not in marks and partial.reads_as_before(stage, previous, cid)}


def _view(spec: PageSpec, lang: str) -> dict[str, Any]:
    corpus: Corpus = _state["corpus"]
    today = _state["today"]
    doc = spec.document
    if spec.kind == "search" or doc is None:
        return {"kind": spec.kind, **reader.search_view(corpus, lang)}
    view: dict[str, Any] = {"kind": spec.kind, "document": doc, "history_url": history_url(doc)}
    if spec.kind in ("current", "version"):
        v = spec.version
        assert v is not None
        revisions = {r.new.slug: r for r in corpus.revisions(doc.slug)}
        applies = period(corpus.versions[doc.slug], v)
        stage = _stage(spec)
        view.update(version=_text_shown(spec), banner=banner(corpus, doc, v, today, lang, root=spec.kind == "current"),
                    permalink=version_url(doc, v),
                    in_force=in_force(corpus.versions[doc.slug], today) is v,
                    unpublished=None if is_public(v, today) else v.published,
                    period=period_label(partial.text_since(corpus.versions[doc.slug], stage), stage.end, lang) if stage else period_label(applies.start, applies.end, lang),
                    comparison_url=comparison_url(doc, revisions[v.slug]) if v.slug in revisions else None,
                    marks=_marks(doc, spec, lang),
                    states=reader.version_states(corpus, doc, v, today, lang),
                    errata=erratum_notes(corpus, doc, v, lang))
    elif spec.kind == "withdrawn":
        v = spec.version
        assert v is not None
        view.update(version=v, banner=None, withdrawn=withdrawn_view(corpus, doc, v, lang),
                    permalink=version_url(doc, v), in_force=False, unpublished=None,
                    period=withdrawn_period(v, lang),
                    comparison_url=comparison_url(doc, spec.revision) if spec.revision else None,
                    marks={}, errata=erratum_notes(corpus, doc, v, lang))
    elif spec.kind in ("comparison", "cumulative"):
        assert spec.revision is not None
        view.update(unpublished=None if is_public(spec.revision.new, today) else spec.revision.new.published)
        cumulative = spec.kind == "cumulative"
        compared = spec.revision
        if cumulative:  # against the text in force: while a revision is partly in force, its consolidated text
            stage = partial.shown_stage(corpus.versions[doc.slug], spec.revision.new, today)
            compared = Revision(spec.revision.old, stage.text) if stage is not None else spec.revision
        made = _state["comparisons"].get(compared, keep=not cumulative)  # a revision's is reused
        if declared(corpus, doc.slug).withdrawal(spec.revision.new.slug) and not cumulative:
            view.update(withdrawn=withdrawn_view(corpus, doc, spec.revision.new, lang))
        view.update(view=comparison_view(corpus, doc, spec.revision, lang, made, cumulative),
                    notice_url=None if cumulative else notice_url(doc, spec.revision),
                    pdf_url=_pdf_url(doc, spec.revision, lang) if not cumulative else None,
                    old_url=version_url(doc, spec.revision.old), new_url=version_url(doc, spec.revision.new))
    elif spec.kind == "clause":
        assert spec.clause is not None
        view.update(clause=clause_page(corpus, doc, spec.clause, _histories(doc.slug, lang), today, lang,
                                       _governing(doc, lang)),
                    today=today, now=reader.in_force_urls(corpus, doc, today),
                    corrections=corrections(corpus, doc, lang, spec.clause))
    elif spec.kind == "notice":
        assert spec.revision is not None
        withdrawn = declared(corpus, doc.slug).withdrawal(spec.revision.new.slug)
        view.update(notice=withdrawal_notice(corpus, doc, spec.revision.new, lang) if withdrawn
                    else notice(corpus, doc, spec.revision, lang))
    elif spec.kind == "document":
        view.update(history=history(corpus, doc, today, lang), clauses_url=clauses_url(doc),
                    now=current_url(corpus, doc))
    elif spec.kind == "clauses":
        view.update(now=current_url(corpus, doc), document_url=document_url(doc), clauses=clause_index(doc, corpus.versions[doc.slug], clause_pages(corpus.versions[doc.slug]),
                                         _histories(doc.slug, lang), lang))
    elif spec.kind == "history":
        view.update(withdrawn=withdrawn_history(corpus, doc, lang), corrections=corrections(corpus, doc, lang),
                    clauses_url=clauses_url(doc))
        view.update(history=history(corpus, doc, today, lang), asof=reader.asof_view(corpus, doc, lang),
                    clauses=clause_index(doc, corpus.versions[doc.slug], clause_pages(corpus.versions[doc.slug]),
                                         _histories(doc.slug, lang), lang))
    return view


def _pdf_url(doc: Document, revision: Revision, lang: str) -> str | None:
    """The revision's PDF, which the full build prints for published revisions (not the preview)."""
    from termsite.outputs.export.sitepdf import pdf_url
    from termsite.timeline.publication import is_public, preview_mode

    if preview_mode() or not is_public(revision.new, _state["today"]):
        return None
    return pdf_url(doc, revision, lang)


def on_post_build(config: MkDocsConfig) -> None:
    _state["built"] = _state["plan"]  # what the pages on disk show: the base of the next preview rebuild


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return with_script_hashes(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Static templates (404.html) are not pages: their policy is completed here."""
    return with_script_hashes(output_content) if template_name.endswith(".html") else output_content


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """404.html is rendered without a page: give it both languages' roots and its bilingual text.

    It is served for every missing path at any depth, wherever the site is deployed: its URLs are
    relative to the site root, which its ``<base>`` names (the configured path, corrected in the
    browser to where the site really is: 404.html)."""
    if template_name == "404.html":
        ja_root = _ja_root(config, _state["lang"])
        path = "/" + ja_root.split("://", 1)[-1].partition("/")[2]
        context["base_url"] = "."  # Material's assets, relative to the <base>
        context["terms_lang"] = _state["lang"]
        context["terms_alternates"] = [{"lang": lang, "name": LANG_NAMES[lang], "href": "./" + LANG_ROOT[lang],
                                        "absolute": ja_root + LANG_ROOT[lang]} for lang in ("ja", "en")]
        context["terms_not_found"] = not_found(_state["corpus"])
        context["terms_site_path"] = path
        context["terms_top_folders"] = _state.get("top_folders", ["en"])
    return context
