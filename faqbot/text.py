"""Text normalisation shared by the knowledge base index and the questions.

One function decides what counts as "the same text" everywhere: Unicode NFKC, case-folded,
typographic quotes and dashes folded to ASCII, possessive 's dropped, punctuation to spaces.
"""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    }
)  # fmt: skip
_POSSESSIVE = re.compile(r"(\w)'s\b")
_APOSTROPHE = re.compile(r"(\w)'(\w)")  # don't -> dont, so contractions stay one word
_NON_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """NFKC, case-folded, quotes and dashes as ASCII, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_FOLD).casefold().split())


def words(text: str) -> list[str]:
    """The words of `text` after `fold`, without punctuation.

    "Kim's 10th trip!" -> ["kim", "10th", "trip"]
    """
    text = _POSSESSIVE.sub(r"\1", fold(text))
    text = _APOSTROPHE.sub(r"\1\2", text)
    return _NON_WORD.sub(" ", text).split()
