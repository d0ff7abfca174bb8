"""The site's own scripts and stylesheets (overrides/assets/) are minified in the built site.

The sources stay readable in the repository and in the preview; the deploy carries them without
comments and spacing (rJSmin and rCSSmin: they only remove what the language ignores). Material's
own bundles come minified already and are left as they are. A script the pages carry inline
(:data:`INLINE`, put in by the templates with ``own_script``) is not deployed as a file.
"""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

from markupsafe import Markup

OWN_ASSETS = Path(__file__).resolve().parents[3] / "overrides" / "assets"
INLINE = ("terms-early.js",)  # small, and it must run before Material's bundle: no request of its own


def minified(name: str, text: str) -> str:
    """``text`` of the asset ``name`` (a .js or .css file) without what its language ignores."""
    if name.endswith(".js"):
        return str(rjsmin.jsmin(text, keep_bang_comments=False)).strip() + "\n"
    if name.endswith(".css"):
        return str(rcssmin.cssmin(text, keep_bang_comments=False)).strip() + "\n"
    raise ValueError(f"not a script or a stylesheet: {name}")


def own_script(name: str) -> Markup:
    """The body of an inline ``<script>``: the own script ``name``, minified (its CSP hash is added
    with the page's other inline scripts)."""
    if name not in INLINE:
        raise ValueError(f"not a script the pages carry inline: {name}")
    body = minified(name, (OWN_ASSETS / name).read_text(encoding="utf-8")).strip()
    if "</script" in body.lower():
        raise ValueError(f"{name} cannot stand inline: it contains </script")
    return Markup(body)


def minify_own_assets(site: Path) -> list[Path]:
    """Rewrite every own asset the build copied into ``site`` (and ``site/en``), minified; the files done.
    The scripts the pages carry inline are left out."""
    done = []
    for source in sorted(OWN_ASSETS.iterdir()):
        if source.suffix not in (".js", ".css"):
            continue
        for root in (site, site / "en"):
            built = root / "assets" / source.name
            if source.name in INLINE:
                built.unlink(missing_ok=True)
            elif built.is_file():
                built.write_text(minified(source.name, built.read_text(encoding="utf-8")), encoding="utf-8")
                done.append(built)
    return done
