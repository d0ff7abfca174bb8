"""The site's own scripts and stylesheets (overrides/assets/) are minified in the built site.

The sources stay readable in the repository and in the preview; the deploy carries them without
comments and spacing (rJSmin and rCSSmin: they only remove what the language ignores). Material's
own bundles come minified already and are left as they are.
"""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

from termsite.pages.templating import OVERRIDES

OWN_ASSETS = OVERRIDES / "assets"


def minified(name: str, text: str) -> str:
    """``text`` of the asset ``name`` (a .js or .css file) without what its language ignores."""
    if name.endswith(".js"):
        return str(rjsmin.jsmin(text, keep_bang_comments=False)).strip() + "\n"
    if name.endswith(".css"):
        return str(rcssmin.cssmin(text, keep_bang_comments=False)).strip() + "\n"
    raise ValueError(f"not a script or a stylesheet: {name}")


def minify_own_assets(site: Path) -> list[Path]:
    """Rewrite every own asset the build copied into ``site`` (and ``site/en``), minified; the files done."""
    done = []
    for source in sorted(OWN_ASSETS.iterdir()):
        if source.suffix not in (".js", ".css"):
            continue
        for root in (site, site / "en"):
            built = root / "assets" / source.name
            if built.is_file():
                built.write_text(minified(source.name, built.read_text(encoding="utf-8")), encoding="utf-8")
                done.append(built)
    return done
