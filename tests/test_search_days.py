"""Search offers only wordings of the terms that applied, each with exactly the days it applied:
on generated legal histories (tests/legal_events.py: 一部施行, deferred amendments withdrawn before
their day, versions withdrawn before their day, corrections), the index the site writes
(searchwordings.index, from the corpus as the site built on the history's last day sees it) against
the text in force on each day (tests/wording_days.py). A deferred amendment withdrawn before its day,
or a version withdrawn before its day, never applied: its wording is not offered (unless the same
words applied on other days, with those days).

The built site's index is checked by the same rule in test_cancellation_site.py and test_withdrawal.py.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, event, given, settings

from legal_events import SLUG, History, histories
from termsite.model import Corpus
from termsite.outputs import searchwordings
from termsite.timeline.declared import as_of
from wording_days import assert_every_wording_applied_exactly_on_its_days

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
BOUNDED = settings(max_examples=2000 if LONG else 100, deadline=None, database=None if LONG else settings().database,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


@BOUNDED
@given(histories())
def test_every_wording_in_the_index_applied_exactly_on_its_days(history: History) -> None:
    last = history.days()[-1]
    record = history.record(last)
    corpus = as_of(Corpus(record.documents, dict(record.versions), dict(record.declarations)), last)
    versions = corpus.versions[SLUG]
    event(f"withdrawn amendments: {bool(any(v.cancelled for v in versions))}")
    event(f"withdrawn versions: {bool(history.withdrawals)}")
    for lang in ("ja", "en"):
        assert_every_wording_applied_exactly_on_its_days(searchwordings.index(corpus, lang), versions, lang)
