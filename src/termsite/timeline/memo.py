"""Answers kept per object: the timeline asks the same questions of the same versions thousands of
times in one build (each clause's history asks of every version, each page of every stage).

Keyed by the object itself, not by its value: hashing a version walks all of its text. An entry
holds its object, so the identity it was kept under cannot be taken by another object; the oldest
entries go first, so a long build or a property test keeps a bounded number.
"""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

K = TypeVar("K")
R = TypeVar("R")


def per_object(kept: int) -> Callable[[Callable[[K], R]], Callable[[K], R]]:
    """Keep the answers of a one-argument function of an immutable object, for ``kept`` objects."""
    def wrap(fn: Callable[[K], R]) -> Callable[[K], R]:
        answers: OrderedDict[int, tuple[Any, R]] = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(fn)
        def kept_fn(key: K) -> R:
            with lock:
                hit = answers.get(id(key))
                if hit is not None and hit[0] is key:
                    answers.move_to_end(id(key))
                    return hit[1]
            answer = fn(key)
            with lock:
                answers[id(key)] = (key, answer)
                while len(answers) > kept:
                    answers.popitem(last=False)
            return answer
        return kept_fn
    return wrap
