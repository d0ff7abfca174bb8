"""Placeholders that ``termsite new`` writes for the editor to fill, and the check that none is left.

``termsite new`` fills in everything it can know (the dates, the 実施期日 sentence in both languages)
and leaves one thing to the editor: the number of the 附則. It writes :data:`NUMBER_PLACEHOLDER`
there, which is valid YAML and valid against the schema, so the file loads and previews; this
check makes ``termsite check`` (and therefore every build and the pull-request check) refuse it,
so a placeholder can never be published silently.
"""
from __future__ import annotations

from termsite.model import Version
from termsite.problems import Problem

NUMBER_PLACEHOLDER = "（附則の番号を記入）"  # "write the number of the 附則 here"

MESSAGE = "the 附則 number is still the placeholder from `termsite new`"
HINT = "write the number of this revision, e.g. S S D S 000400007747-01号"


def check_placeholders(version: Version) -> list[Problem]:
    """One problem for each 附則 of ``version`` whose number is still the placeholder."""
    return [Problem(s.location, MESSAGE, HINT)
            for s in version.supplementary if s.number.strip() == NUMBER_PLACEHOLDER]
