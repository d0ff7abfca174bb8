"""What legal declares about published versions besides the versions themselves: a withdrawal
(取り止め) of a version before it takes effect, and a correction (正誤) of a misprint.

Both are files of their own next to the versions — never an edit of a published file, which stays
exactly as it was published (:mod:`termsite.source.immutability`):

- ``versions/<document>/withdrawals/<version>.yaml``: the version named by the file never takes
  effect; it keeps its page, marked withdrawn, with the date and the reason.
- ``versions/<document>/corrections/<date>.yaml``: from that day the declared wording of a clause
  reads as corrected, with a 正誤 note; it is not a revision and has no notice period.
"""
from __future__ import annotations

from termsite.model import Correction, Corpus, Declarations, Fix, Withdrawal

# The records themselves live in the model, beside the versions they are about (a Corpus holds
# them); this module is where the rest of the code reaches them.
__all__ = ["NONE", "Correction", "Declarations", "Fix", "Withdrawal", "declared"]


NONE = Declarations()


def declared(corpus: Corpus, slug: str) -> Declarations:
    """A document's declarations (none for a corpus made without them)."""
    return corpus.declarations.get(slug, NONE)
