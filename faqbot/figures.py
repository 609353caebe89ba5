"""How numbers are shown: the one place a confidence or a ratio is rounded.

The core keeps every figure unrounded (a 48.55 is under a threshold of 48.6); what a person
or a script reads is rounded here, the same way in every format and every command.
"""

from __future__ import annotations


def confidence(value: float) -> float:
    """A confidence (0-100) as shown: to one decimal."""
    return round(value, 1)


def confidence_text(value: float) -> str:
    """A confidence as text: "95.2", "100", "48.6"."""
    return f"{confidence(value):g}"


def ratio(value: float) -> float:
    """A share or a weight (recall, precision, a word's weight) as shown: three decimals."""
    return round(value, 3)


def ratio_text(value: float) -> str:
    return f"{ratio(value):g}"


def count_text(n: int, noun: str, nouns: str | None = None) -> str:
    """A count with its noun: "1 miss", "2 misses", "1 entry", "3 entries"."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"
