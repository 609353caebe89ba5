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
_WORD = re.compile(r"[^\W_]+")  # a run of letters and digits


def fold(text: str) -> str:
    """NFKC, case-folded, quotes and dashes as ASCII, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_FOLD).casefold().split())


def words(text: str) -> list[str]:
    """The words of `text` after `fold`, without punctuation.

    "Kim's 10th trip!" -> ["kim", "10th", "trip"]

    Every phrasing and answer of a KB passes through here, so the common cases take short
    cuts that give the same words: ASCII text needs no NFKC and no quote folding (it has
    nothing to fold), and text without an apostrophe no possessive or contraction rules.
    """
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    if "'" in text:
        text = _APOSTROPHE.sub(r"\1\2", _POSSESSIVE.sub(r"\1", text))
    return _WORD.findall(text)
