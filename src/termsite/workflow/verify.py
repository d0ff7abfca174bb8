"""Check the live site against what it must show today (Asia/Tokyo): run after every deploy and by
the second daily run, so that a dropped, late or wrong publication fails loudly instead of leaving
superseded terms at the root.

What the site must show is ``versions.json`` computed for today from the sources, exactly as a build
for today writes it (:func:`expected_index`). The checks read that file generically — documents,
their ``versions`` entries and every URL in them — so new fields and states flow through unchanged:

1. the live ``versions.json`` is the one computed for today (a different ``generated_for`` day, a
   version missing, one too many, an entry that differs);
2. each document's root, in each language, shows the version in force today (the permanent link
   printed on the page);
3. every URL in today's entries answers 200, and every URL that only a not-yet-published version
   has (its pages and files) answers 404.

A deploy made just before midnight (Asia/Tokyo) is verified after it, while the day's first scheduled
run waits behind it (the workflows share one concurrency group): :func:`day_to_check` then checks the
site against the day it was built for, and leaves the new day to that scheduled run.

Each finding says whether the site is *stale* (built for an earlier day: something due is missing
or the root still shows the old terms) or *leaking* (built for a later day: something not yet
published is out), so the person on call knows which way to act.
"""
from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any
from uuid import uuid4

from termsite.model import Corpus
from termsite.outputs.versions_json import versions_index
from termsite.pages.notice import SITE_URL
from termsite.pages.site import LANG_ROOT, current_url
from termsite.timeline.publication import public
from termsite.timeline.status import in_force

INDEX = "versions.json"
USER_AGENT = "termsite-verify (+https://portal.your-connect.com/terms/)"


@dataclass(frozen=True)
class Expectation:
    """What the live site must hold on ``day``: today's index, the index with every version (for
    the URLs of those not yet published), each document's root URL per language, and the version
    its root shows (the one in force, partly in force included; None before the first)."""

    day: date
    index: dict[str, Any]
    everything: dict[str, Any]
    roots: dict[str, dict[str, str]]
    at_root: dict[str, str | None]


def expected_index(corpus: Corpus, day: date) -> dict[str, Any]:
    """``versions.json`` as a build for ``day`` writes it (the public corpus of that day)."""
    return versions_index(public(corpus, day), day)


def expectation(corpus: Corpus, day: date) -> Expectation:
    shown = public(corpus, day)
    roots = {doc.slug: {lang: SITE_URL + LANG_ROOT[lang] + current_url(shown, doc) for lang in LANG_ROOT}
             for doc in shown.documents}
    at_root = {doc.slug: getattr(in_force(shown.versions[doc.slug], day), "slug", None) for doc in shown.documents}
    return Expectation(day, expected_index(corpus, day), versions_index(corpus, day), roots, at_root)


@dataclass(frozen=True)
class Finding:
    kind: str      # "stale", "leaking", "different" or "unreachable"
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


@dataclass(frozen=True)
class Report:
    base: str
    day: date
    live_day: str | None        # the live versions.json's generated_for, when it could be read
    findings: tuple[Finding, ...]
    checked: int                # URLs fetched
    note: str = ""              # why the day checked is not today, when it is not

    @property
    def ok(self) -> bool:
        return not self.findings

    def headline(self) -> str:
        if self.ok:
            return (f"ok: {self.base} shows what is due on {self.day.isoformat()} (Asia/Tokyo); "
                    f"{self.checked} URLs checked")
        kinds = sorted({f.kind for f in self.findings})
        built = f"built for {self.live_day}" if self.live_day else "its versions.json unreadable"
        return (f"FAILED: {self.base} is {' and '.join(kinds)} on {self.day.isoformat()} (Asia/Tokyo; live site "
                f"{built}): {len(self.findings)} problem(s)")

    def text(self) -> str:
        note = [f"note: {self.note}"] if self.note else []
        return "\n".join([self.headline(), *note, *(f"- {f}" for f in self.findings)]) + "\n"

    def markdown(self) -> str:
        lines = [f"**{self.headline()}**", ""]
        lines += [f"Note: {self.note}", ""] if self.note else []
        lines += [f"- **{f.kind}**: {f.message}" for f in self.findings]
        if not self.ok:
            lines += ["", "What to do: README.md, section Maintenance → \"When the verification fails\"."]
        return "\n".join(lines) + "\n"


Fetch = Callable[[str], tuple[int, bytes]]

FIRST_DAILY_RUN = "00:07"  # Asia/Tokyo, the first scheduled run of .github/workflows/pages.yml


def day_to_check(today: date, built_for: date | None) -> tuple[date, str]:
    """The day whose site must be live, and why when it is not ``today``.

    ``built_for`` is the day the build this run deployed was made for (None when the run deployed
    nothing). Built for yesterday means it was built before midnight and deployed or verified after
    it: its site is checked for that day, and what is due today is the day's scheduled runs' to
    publish and verify — the first of them waits behind this run in the `pages` concurrency group.
    Any other day (today, none, or a build for a later or much earlier day: a clock or input problem)
    → today, so that nothing wrong passes for more than the night's few minutes.
    """
    if built_for is not None and built_for == today - timedelta(days=1):
        return built_for, (f"the site this run deployed was built for {built_for.isoformat()}, before midnight "
                           f"(Asia/Tokyo): checked for that day; what is due on {today.isoformat()} is published "
                           f"and checked by the day's scheduled run ({FIRST_DAILY_RUN}, queued behind this one)")
    return today, ""


def http_fetch(url: str, timeout: float = 30.0) -> tuple[int, bytes]:
    """(status, body) of a GET, a cache-busting query added so a CDN's copy is not what is judged.
    Status 0: no answer at all."""
    separator = "&" if "?" in url else "?"
    request = urllib.request.Request(f"{url}{separator}verify={uuid4().hex}",
                                     headers={"User-Agent": USER_AGENT, "Cache-Control": "no-cache"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, TimeoutError, OSError):
        return 0, b""


def _urls(data: Any, site: str) -> Iterator[str]:
    """Every URL of the site inside a piece of versions.json, whatever field holds it."""
    if isinstance(data, str):
        if data.startswith(site):
            yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _urls(value, site)
    elif isinstance(data, list):
        for value in data:
            yield from _urls(value, site)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _entries(index: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(doc["slug"], v["slug"]): v for doc in index.get("documents", []) for v in doc.get("versions", [])}


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
URL = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&()*+,;=%-]+")


class _PermanentLink(HTMLParser):
    """The text of the root page's printed URLs (``p.terms-print-url``), where the permanent link
    of the version shown stands."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in VOID:
            return
        if self.depth:
            self.depth += 1
        elif tag == "p" and "terms-print-url" in classes:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def shown_version(html: str, candidates: dict[str, str]) -> str | None:
    """Which of ``candidates`` (version slug → its permanent URL in this language) the page shows."""
    parser = _PermanentLink()
    parser.feed(html)
    printed = set(URL.findall(" ".join(parser.text)))
    found = [slug for slug, url in candidates.items() if url in printed]
    return found[0] if len(found) == 1 else None


def verify(base: str, expected: Expectation, fetch: Fetch = http_fetch) -> Report:
    """Compare the site served at ``base`` (ending in /) with what is due on ``expected.day``."""
    site = expected.index["site"]

    def live(url: str) -> str:
        return base + url[len(site):] if url.startswith(site) else url

    today = expected.day.isoformat()
    findings: list[Finding] = []
    checked = 0

    status, body = fetch(base + INDEX)
    checked += 1
    try:
        index = json.loads(body.decode("utf-8")) if status == 200 else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        index = None
    if index is None:
        findings.append(Finding("unreachable", f"{base}{INDEX} answered {status or 'nothing'}, not today's "
                                               f"versions.json"))
    live_day = index.get("generated_for") if isinstance(index, dict) else None
    # which way the site is wrong, by the day it was built for (ISO dates compare as text)
    lag = "stale" if live_day and live_day < today else "leaking" if live_day and live_day > today else "different"

    due = _entries(expected.index)
    every = _entries(expected.everything)
    if isinstance(index, dict):
        if live_day != today:
            findings.append(Finding(lag, f"versions.json was generated for {live_day}, not for {today}"))
        shown = _entries(index)
        for key in sorted(due.keys() - shown.keys()):
            findings.append(Finding("stale", f"{key[0]} {key[1]} is due (published {due[key].get('published')}) "
                                             f"but missing from versions.json"))
        for key in sorted(shown.keys() - due.keys()):
            published = every.get(key, {}).get("published")
            findings.append(Finding("leaking", f"{key[0]} {key[1]} is in versions.json but not published until "
                                               f"{published}" if published else
                                               f"{key[0]} {key[1]} is in versions.json but not in the sources"))
        for key in sorted(due.keys() & shown.keys()):
            fields = sorted(k for k in due[key].keys() | shown[key].keys() if due[key].get(k) != shown[key].get(k))
            if fields:
                detail = ", ".join(f"{k} is {_json(shown[key].get(k))}, should be {_json(due[key].get(k))}"
                                   for k in fields)
                findings.append(Finding(lag, f"{key[0]} {key[1]}: {detail}"))

    # the root of each document shows the version in force
    for doc in expected.index.get("documents", []):
        current = expected.at_root.get(doc["slug"])
        if current is None:
            continue  # nothing in force yet: the root has no version to show
        for lang, root in expected.roots.get(doc["slug"], {}).items():
            candidates = {key[1]: v["url"][lang] for key, v in every.items() if key[0] == doc["slug"]}
            status, body = fetch(live(root))
            checked += 1
            slug = shown_version(body.decode("utf-8", "replace"), candidates) if status == 200 else None
            if slug == current:
                continue
            if slug is None:
                findings.append(Finding(lag, f"the root {live(root)} ({lang}) answered {status or 'nothing'} "
                                             f"and shows no version's permanent link; {current} is in force"))
                continue
            shown_entry = every.get((doc["slug"], slug), {})
            due_entry = due[(doc["slug"], current)]
            older = (shown_entry.get("effective") or "") < (due_entry.get("effective") or "")
            findings.append(Finding("stale" if older else "leaking",
                                    f"the root {live(root)} ({lang}) shows {doc['slug']} {slug}, but {current} "
                                    f"is in force on {today}"))

    # the pages and files: those due are served, those of versions not yet published are not
    due_urls = set(_urls(expected.index, site))
    for url in sorted({u for entry in due.values() for u in _urls(entry, site)}):
        status, _ = fetch(live(url))
        checked += 1
        if status != 200:
            findings.append(Finding("stale", f"{live(url)} answered {status or 'nothing'}, should be 200"))
    for key in sorted(every.keys() - due.keys()):
        for url in sorted(set(_urls(every[key], site)) - due_urls):
            status, _ = fetch(live(url))
            checked += 1
            if status != 404:
                findings.append(Finding("leaking", f"{live(url)} answered {status or 'nothing'}, should be 404: "
                                                   f"{key[0]} {key[1]} is not published until "
                                                   f"{every[key].get('published')}"))
    return Report(base, expected.day, live_day, tuple(findings), checked)


def verify_until(base: str, expected: Expectation, wait: float, interval: float = 30.0,
                 fetch: Fetch = http_fetch) -> Report:
    """:func:`verify`, again every ``interval`` seconds for up to ``wait`` seconds while it fails: a
    deployment takes a few minutes to reach every edge of the CDN. The last report is returned."""
    deadline = time.monotonic() + wait
    while True:
        report = verify(base, expected, fetch)
        if report.ok or time.monotonic() + interval > deadline:
            return report
        time.sleep(interval)


def live_index_is_today(base: str, expected_index: dict[str, Any], fetch: Fetch = http_fetch) -> tuple[bool, str]:
    """Whether the live ``versions.json`` is the one computed for today: a scheduled run that finds
    it so has nothing to deploy (the earlier run of the day already did)."""
    status, body = fetch(base + INDEX)
    if status != 200:
        return False, f"{base}{INDEX} answered {status or 'nothing'}: deploy"
    try:
        live = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False, f"{base}{INDEX} is not JSON: deploy"
    if live == expected_index:
        return True, f"{base}{INDEX} is already today's ({expected_index['generated_for']}): nothing to deploy"
    return False, (f"{base}{INDEX} (generated for {live.get('generated_for') if isinstance(live, dict) else '?'}) "
                   f"is not today's ({expected_index['generated_for']}): deploy")
