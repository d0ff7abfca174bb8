"""Reading the compiled lock (requirements.txt): one parser for the tests of set-up and of updates."""
from __future__ import annotations

import re


def normal(name: str) -> str:
    """A package name as pip compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(text: str) -> dict[str, tuple[str, list[str]]]:
    """name → (version, hashes) of a compiled requirements file."""
    pins = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        m = re.match(r"([A-Za-z0-9_.-]+)==([^ \\\n]+)", block)
        if m:
            pins[normal(m[1])] = (m[2], re.findall(r"--hash=(sha256:[0-9a-f]{64})", block))
    return pins
