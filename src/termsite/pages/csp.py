"""Content-Security-Policy for every page: only the site's own resources.

Material writes a few small inline scripts (its scope and palette set-up); rather than allowing
inline scripts in general, each page's own inline scripts are allowed by their SHA-256 hashes.
"""
from __future__ import annotations

import base64
import hashlib
import re

PLACEHOLDER = "'terms-inline-script-hashes'"
_INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)


def incomplete(html: str) -> bool:
    """Whether a page would ship without its complete policy (the placeholder still in it)."""
    return PLACEHOLDER in html


def with_script_hashes(html: str) -> str:
    """Replace the placeholder in the page's CSP with the hashes of its inline scripts."""
    if PLACEHOLDER not in html:
        return html
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
                     for body in _INLINE.findall(html)})
    return html.replace(PLACEHOLDER, " ".join(hashes), 1)
