"""The shared question sets the benchmarks ask (../shared, beside the checkout), and the
yardstick that judges an answer: ../shared/eval/scoring.py itself, as score.py uses it."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
BENCH = SHARED / "bench"
SEED = SHARED / "seed" / "000_311b22d4b6328f34.txt"
KBS = {
    "article": None,  # the packaged KB
    "sofmattress": BENCH / "hint3" / "sofmattress" / "kb.yaml",
    "curekart": BENCH / "hint3" / "curekart" / "kb.yaml",
    "covidfaq": BENCH / "covidfaq" / "kb.yaml",
    "library": BENCH / "plain" / "library" / "kb.yaml",
    "app": BENCH / "plain" / "app" / "kb.yaml",
}
PLAIN_ARTICLE = BENCH / "plain" / "article" / "kb.yaml"
DEV = SHARED / "eval" / "dev.jsonl"


def questions_of(kb: Path) -> Path:
    """A benchmark KB's own questions lie beside it."""
    return kb.parent / "queries.jsonl"


def cross(name: str) -> Path:
    """The questions from other domains asked of the KB `name`, all to decline."""
    return BENCH / "cross" / f"{name}.jsonl"


def prediction(entry) -> dict | None:  # type: ignore[no-untyped-def]
    """An answered entry as score.py reads it from `ask --json`; None for no answer."""
    if entry is None:
        return None
    return {"id": entry.id, "answer": entry.answer, "source": entry.source}


def is_right(row: dict, entry) -> bool:  # type: ignore[no-untyped-def]
    """As score.py judges an answer."""
    return bool(yardstick().is_right(row, prediction(entry)))


def variant(text: str, words_only: bool):  # type: ignore[no-untyped-def]
    """(label, Settings) for a VARIANT, NAME=VALUE[,NAME=VALUE...] of faqbot.settings.Settings
    ("" for the defaults)."""
    from faqbot.settings import Settings

    defaults = Settings(meaning=not words_only)
    changes = {}
    for pair in filter(None, text.split(",")):
        name, _, value = pair.partition("=")
        current = getattr(defaults, name)
        kind = float if current is None else type(current)  # None: the threshold, derived
        changes[name] = value.lower() in {"1", "true"} if kind is bool else kind(value)
    return text or "defaults", defaults._replace(**changes)


@cache
def yardstick():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(SHARED / "eval"))
    import scoring  # type: ignore[import-not-found]

    return scoring
