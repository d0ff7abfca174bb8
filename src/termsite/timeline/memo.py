"""Answers kept per object: the timeline asks the same questions of the same versions thousands of
times in one build (each clause's history asks of every version, each page of every stage).

Keyed by the objects themselves, not by their value: hashing a version walks all of its text. An
entry holds its objects, so the identities it was kept under cannot be taken by other objects; the
oldest entries go first, so a long build or a property test keeps a bounded number.
"""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


def per_object(kept: int) -> Callable[[F], F]:
    """Keep the answers of a function of immutable objects (positional arguments), for ``kept`` calls."""
    def wrap(fn: F) -> F:
        answers: OrderedDict[tuple[int, ...], tuple[tuple[Any, ...], Any]] = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(fn)
        def kept_fn(*args: Any) -> Any:
            key = tuple(id(a) for a in args)
            with lock:
                hit = answers.get(key)
                if hit is not None and all(x is y for x, y in zip(hit[0], args)):
                    answers.move_to_end(key)
                    return hit[1]
            answer = fn(*args)
            with lock:
                answers[key] = (args, answer)
                while len(answers) > kept:
                    answers.popitem(last=False)
            return answer
        return cast(F, kept_fn)
    return wrap
