"""What legal declares about published versions besides the versions themselves: a withdrawal
(取り止め) of a version before it takes effect, and a correction (正誤) of a misprint.

Both are files of their own next to the versions — never an edit of a published file, which stays
exactly as it was published (:mod:`termsite.source.immutability`):

- ``versions/<document>/withdrawals/<version>.yaml``: the version named by the file never takes
  effect; it keeps its page, marked withdrawn, with the date and the reason.
- ``versions/<document>/corrections/<date>.yaml``: from that day the declared wording of a clause
  reads as corrected, with a 正誤 note; it is not a revision and has no notice period.

This package is the concept's own room: the records (here), the record as it stands on a day —
which versions are withdrawn, which amendments cancelled, which texts read as corrected
(:mod:`.as_of`) — and the wordings of a clause a correction reads and changes (:mod:`.wording`).
It stands below ``timeline/`` (whose :mod:`termsite.timeline.publication` asks for the record of a
day) and imports only the model. The files are read and checked where every source file is, in
:mod:`termsite.source.declaration_files`: that needs the strict YAML reader, the schema and the 附則's
deferrals, and the loader of the corpus calls it with the versions it has read.
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
