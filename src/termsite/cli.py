"""``termsite``: the command line for the legal team and CI.

    termsite check                       validate every version (also run by every build)
    termsite build                       validate and build the site into site/
    termsite serve                       live preview
    termsite diff OLD.yaml NEW.yaml      compare two versions (html, markdown or text)
    termsite new DOC --effective DATE    start the next version from the latest one
    termsite lock | immutable            lock published versions | check they are unchanged
    termsite summary --base REF          Markdown comparison of the versions a branch changed
                                         (--comment: the pull-request comment; --files DIR: one HTML file each)
    termsite notice DOC VERSION          the customer notice for a revision (text or html); for a
                                         withdrawn version the notice of its withdrawal; for the
                                         date of a correction file the notice of the correction
    termsite export DOC VERSION --format docx|pdf [--lang ja|en] [--against VERSION]
                                         the 新旧対照表 as a Word or PDF file to circulate
    termsite verify [URL]                check the live site shows what is due today (--wait, --report)
                                         (--index-only: exit 0 when its versions.json is already today's)
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from termsite.problems import ValidationFailed


def _root() -> Path:
    """The project root: the nearest folder upwards holding mkdocs.yml."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").exists() and (folder / "versions").is_dir():
            return folder
    return here


def _report(problems: list, closing: str = "") -> None:
    """Problems to stderr, one per line, as editors and CI read them."""
    for problem in problems:
        print(problem, file=sys.stderr)
    if closing:
        print(closing, file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    from termsite.comparison.fingerprint import check_marks
    from termsite.comparison.words import keep_in
    from termsite.source.loading import load_corpus
    from termsite.timeline.dates import today_in_tokyo

    keep_in(args.root / ".cache" / "words")  # the words earlier runs cut: no analyser for texts cut before
    try:
        corpus = load_corpus(args.root)
        marks = check_marks(args.root.resolve(), corpus, today_in_tokyo())
        if marks:
            raise ValidationFailed(marks)
    except ValidationFailed as failed:
        _report(failed.problems, f"{len(failed.problems)} problem(s); nothing can be published until they are fixed.")
        return 1
    count = sum(len(v) for v in corpus.versions.values())
    print(f"ok: {len(corpus.documents)} document(s), {count} version(s)")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from termsite.workflow.build import build_site

    try:
        target = build_site(args.root, Path(args.site_dir) if args.site_dir else None, engine=args.engine)
    except ValidationFailed as failed:
        _report(failed.problems, f"{len(failed.problems)} problem(s); no site was written.")
        return 1
    except Exception as exc:  # MkDocs' strict-mode abort, a PDF that cannot be made: say what failed, keep old site
        print(f"build failed, the previous site/ is untouched: {exc}", file=sys.stderr)
        return 1
    print(f"built {target}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    from mkdocs.commands.serve import serve

    from termsite.comparison.words import keep_in
    from termsite.workflow.collector import batch_collection
    from termsite.timeline.publication import PREVIEW_ENV

    os.environ[PREVIEW_ENV] = "1"  # show versions before their publication day, marked as a preview
    keep_in(args.root / ".cache" / "words")  # as the build does: the words earlier runs cut
    config = "mkdocs.en.yml" if args.lang == "en" else "mkdocs.yml"
    # dirty: after a save, only the pages made from what changed are rendered again (hooks/terms.py)
    with batch_collection():
        serve(config_file=str(args.root / config), dev_addr=args.addr, livereload=True, build_type="dirty",
              watch=[str(args.root / "versions"), str(args.root / "content")])
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from termsite.outputs.output import diff_files

    try:
        print(diff_files(Path(args.old), Path(args.new), args.root, args.lang, args.format))
    except ValidationFailed as failed:
        _report(failed.problems)
        return 1
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from termsite.workflow.newversion import NewVersionError, new_version

    try:
        path = new_version(args.root, args.document, args.effective, args.published)
    except NewVersionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValidationFailed as failed:
        _report(failed.problems, "fix these before starting a new version")
        return 2
    print(f"created {path.relative_to(args.root)}: edit it, fill in the 附則 number, then `make check`")
    return 0


def cmd_immutable(args: argparse.Namespace) -> int:
    from termsite.source.lock import check_immutable

    try:
        problems = check_immutable(args.root)
    except ValidationFailed as failed:
        problems = failed.problems
    _report(problems)
    if not problems:
        print("ok: every published version is unchanged")
    return 1 if problems else 0


def cmd_lock(args: argparse.Namespace) -> int:
    from termsite.comparison.fingerprint import update_marks
    from termsite.source.loading import load_corpus
    from termsite.source.lock import update_lock
    from termsite.timeline.dates import today_in_tokyo

    reason = args.remark_reason.strip() if args.remark_reason else None
    if args.remark_reason is not None and not reason:
        print("error: --remark-reason needs the reason the published tables are marked anew", file=sys.stderr)
        return 2
    marked: list[str] = []
    try:
        added, problems = update_lock(args.root)
    except ValidationFailed as failed:
        added, problems = [], failed.problems
    if not problems:  # the versions are locked; their tables are fingerprinted once the corpus validates
        try:
            marked, problems = update_marks(args.root.resolve(), load_corpus(args.root), today_in_tokyo(), reason)
        except ValidationFailed as failed:
            print(f"note: the published comparison tables were not fingerprinted: {len(failed.problems)} problem(s) "
                  "in the versions (`termsite check`); run `termsite lock` again once they are fixed", file=sys.stderr)
    _report(problems)
    for rel in added:
        print(f"locked {rel}")
    for line in marked:
        print(line)
    return 1 if problems else 0


def cmd_summary(args: argparse.Namespace) -> int:
    from termsite.timeline.dates import today_in_tokyo
    from termsite.outputs.review import (
        changed_versions, comment, declared_sections, job_summary, section, write_comparison_files,
    )

    corpus, changes = changed_versions(args.root, args.base)
    sections = [section(c, today_in_tokyo()) for c in changes] + declared_sections(args.root, args.base, corpus)
    if args.files:
        for path in write_comparison_files(corpus, changes, Path(args.files), today_in_tokyo()):
            print(f"wrote {path}", file=sys.stderr)
    print(comment(sections, args.full_url) if args.comment else job_summary(sections), end="")
    return 0


def cmd_notice(args: argparse.Namespace) -> int:
    from termsite.source.loading import load_corpus
    from termsite.pages.notice import as_text, correction_notice, notice, withdrawal_notice
    from termsite.pages.templating import render, standalone_env
    from datetime import date

    from termsite.declarations import declared
    from termsite.declarations.as_of import as_of
    from termsite.source.loading import _is_date

    try:
        corpus = load_corpus(args.root)
    except ValidationFailed as failed:
        _report(failed.problems)
        return 1
    corpus = as_of(corpus, None)  # with every withdrawal and correction declared
    doc = next((d for d in corpus.documents if d.slug == args.document), None)
    revision = next((r for r in corpus.revisions(args.document) if r.new.slug == args.version), None) if doc else None
    withdrawn = declared(corpus, doc.slug).withdrawn_version(args.version) if doc else None
    corrected = None
    if doc is not None and revision is None and withdrawn is None and _is_date(args.version):
        corrected = correction_notice(corpus, doc, date.fromisoformat(args.version), args.lang)
    if doc is None or (revision is None and withdrawn is None and corrected is None):
        print(f"error: no revision, withdrawal or correction {args.document} {args.version} — see the history page "
              "for the versions", file=sys.stderr)
        return 2
    if withdrawn is not None:
        result = withdrawal_notice(corpus, doc, withdrawn, args.lang)
    elif corrected is not None:
        result = corrected
    else:
        assert revision is not None
        result = notice(corpus, doc, revision, args.lang)
    if args.format == "text":
        print(as_text(result), end="")
    else:
        print(render(standalone_env(args.lang), "partials/terms/notice.html", notice=result))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from termsite.declarations.as_of import as_of
    from termsite.outputs.export.files import ExportError, request, write
    from termsite.outputs.export.fonts import FontMissing
    from termsite.source.loading import load_corpus
    from termsite.timeline.dates import today_in_tokyo

    try:
        today = today_in_tokyo()
        corpus = as_of(load_corpus(args.root), today)  # as the site shows it today (withdrawals, corrections)
        req = request(corpus, args.document, args.version, args.against)
        path = Path(args.output) if args.output else Path.cwd() / req.file_name(args.lang, args.format)
        write(corpus, req, args.lang, args.format, path, today)
    except ValidationFailed as failed:
        _report(failed.problems)
        return 1
    except (ExportError, FontMissing) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from termsite.pages.notice import SITE_URL
    from termsite.source.loading import load_corpus
    from termsite.timeline.dates import today_in_tokyo
    from dataclasses import replace

    from termsite.workflow.verify import (day_to_check, expectation, expected_index, live_index_is_today,
                                          verify_until)

    base = args.url or SITE_URL
    base = base if base.endswith("/") else base + "/"
    try:
        corpus = load_corpus(args.root)
    except ValidationFailed as failed:
        _report(failed.problems, "the sources do not validate: what is due today cannot be worked out")
        return 2
    day = today_in_tokyo()
    if args.index_only:
        current, message = live_index_is_today(base, expected_index(corpus, day))
        print(message)
        return 0 if current else 1
    try:
        built_for = date.fromisoformat(args.built_for) if args.built_for else None
    except ValueError:
        print(f"error: --built-for {args.built_for}: not a date (YYYY-MM-DD)", file=sys.stderr)
        return 2
    day, note = day_to_check(day, built_for)
    report = replace(verify_until(base, expectation(corpus, day), wait=args.wait), note=note)
    print(report.text(), end="")
    if args.report:
        Path(args.report).write_text(report.markdown(), encoding="utf-8")
    return 0 if report.ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="termsite", description="Bilingual terms of service site")
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: found from here)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every version").set_defaults(func=cmd_check)
    p = sub.add_parser("build", help="validate and build site/")
    p.add_argument("--site-dir", default=None)
    p.add_argument("--engine", choices=["mkdocs", "properdocs"], default="mkdocs",
                   help="what renders the pages: MkDocs (default) or ProperDocs, its maintained fork (README, Maintenance)")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("serve", help="live preview")
    p.add_argument("--addr", default="127.0.0.1:8000")
    p.add_argument("--lang", choices=["ja", "en"], default="ja", help="which language to preview")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("diff", help="compare two versions")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--lang", choices=["ja", "en"], default="ja")
    p.add_argument("--format", choices=["html", "markdown", "text"], default="text")
    p.set_defaults(func=cmd_diff)
    p = sub.add_parser("new", help="start the next version of a document")
    p.add_argument("document")
    p.add_argument("--effective", required=True, help="YYYY-MM-DD, the first day it applies")
    p.add_argument("--published", default=None, help="YYYY-MM-DD (default: today in Asia/Tokyo)")
    p.set_defaults(func=cmd_new)
    sub.add_parser("immutable", help="check that published versions are unchanged").set_defaults(func=cmd_immutable)
    lock = sub.add_parser("lock", help="add newly published versions to versions/lock.json, and their comparison "
                                       "tables' marks to versions/marks-lock.json")
    lock.add_argument("--remark-reason", metavar="REASON",
                      help="also re-lock published tables whose marks changed (an upgrade of the word analyser, its "
                           "dictionary or the diff code), recording this reason")
    lock.set_defaults(func=cmd_lock)
    p = sub.add_parser("summary", help="Markdown comparison of the versions a branch changed")
    p.add_argument("--base", required=True, help="git ref to compare with, e.g. origin/main")
    p.add_argument("--comment", action="store_true",
                   help="the pull-request comment instead (marked, cut to GitHub's size limit)")
    p.add_argument("--full-url", default="#", help="where the full tables are (the run's artifacts), for --comment")
    p.add_argument("--files", default=None, metavar="DIR",
                   help="also write one self-contained comparison file (HTML) per changed version into DIR, "
                        "and its table as Word and PDF in both languages")
    p.set_defaults(func=cmd_summary)
    p = sub.add_parser("notice", help="the customer notice for a revision")
    p.add_argument("document")
    p.add_argument("version", help="the new version's slug, e.g. 2026-03-01 (a withdrawn one: the withdrawal; "
                                   "the date of a correction file: the correction)")
    p.add_argument("--lang", choices=["ja", "en"], default="ja")
    p.add_argument("--format", choices=["text", "html"], default="text")
    p.set_defaults(func=cmd_notice)
    p = sub.add_parser("export", help="the comparison table (新旧対照表) of a revision as Word or PDF")
    p.add_argument("document")
    p.add_argument("version", help="the new version's slug, e.g. 2026-03-01")
    p.add_argument("--format", choices=["docx", "pdf"], required=True)
    p.add_argument("--lang", choices=["ja", "en"], default="ja")
    p.add_argument("--against", default=None, metavar="VERSION",
                   help="compare with this earlier version instead of the one just before")
    p.add_argument("--output", "-o", default=None, help="file to write (default: DOC-VERSION-comparison-LANG.FORMAT here)")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("verify", help="check the live site shows what is due today (Asia/Tokyo)")
    p.add_argument("url", nargs="?", default=None,
                   help="the site root URL (default: the published one, as in versions.json)")
    p.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                   help="retry every 30 s for up to SECONDS while it fails (a deployment reaching the CDN)")
    p.add_argument("--report", default=None, metavar="FILE", help="also write the report as Markdown")
    p.add_argument("--built-for", default=None, metavar="YYYY-MM-DD",
                   help="the day the site this run deployed was built for (its versions.json's generated_for); "
                        "built for yesterday, the site is checked for that day (a deploy across midnight); "
                        "empty: today")
    p.add_argument("--index-only", action="store_true",
                   help="only whether the live versions.json is today's: exit 0 when it is (nothing to deploy)")
    p.set_defaults(func=cmd_verify)
    args = parser.parse_args(argv)
    args.root = (args.root or _root()).resolve()
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
