"""How common a word is in English at large: a prior that does not shrink with the KB.

A knowledge base of twelve entries says little about which words are informative, and nothing
about a word it never uses. English at large does: "linux", "covid" and "museum" are rare words
that name a topic, "today" and "want" are common ones that name none. The frequencies come from
the wordfreq package (R. Speer, wordfreq: https://github.com/rspeer/wordfreq, Apache-2.0 code,
data under CC-BY-SA 4.0), read from its "small" English list, about 29,000 words.

The list is read straight from wordfreq's data file in its documented cBpack format (see
`wordfreq.read_cBpack`) rather than through `import wordfreq`, which costs about 300 ms of
imports (regex, ftfy, langcodes) that a one-shot `faqbot ask` cannot afford; reading the file
costs about 20 ms, and only for a question that has a word the KB does not know.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
from functools import cache
from pathlib import Path

# Zipf scale: log10 of a word's frequency per billion words. "the" is 7.7, "library" 4.9,
# "linux" 4.0; a word not in the list is rarer than about 1 in 10 million (under 2.0).
ABSENT = 0.0


def zipf(word: str) -> float:
    """The word's Zipf frequency in English, or ABSENT when the list does not hold it. The
    word is one of faqbot's (faqbot.text.words): "cant" stands for "can't" and "can't" alike."""
    return _table().get(word, ABSENT)


@cache
def _table() -> dict[str, float]:
    try:
        listed = _read_cbpack(_data_file())
    except (OSError, ValueError, ImportError):
        listed = _table_via_api()
    return _as_faqbot_words(listed)


def _as_faqbot_words(listed: dict[str, float]) -> dict[str, float]:
    """The list keyed by words as faqbot's text folding makes them, the frequencies of the
    forms that fold alike added up. wordfreq keeps apostrophes ("can't" 5.8, "i'm" 6.15),
    while faqbot reads "can't" as "cant" (4.35 on its own, a rare word) and "Kim's" as
    "kim": unfolded, every contraction in a question would look like a rare topic word."""
    from faqbot.text import words

    # Most words have no apostrophe and are kept as they are; the loop is over the 481 that
    # do, not over all 29,000 (the list is read on a run's first question with a word the KB
    # does not know).
    folded = {word: z for word, z in listed.items() if "'" not in word}
    contracted = [(word, z) for word, z in listed.items() if "'" in word]
    for word, z in contracted:
        if len(parts := words(word)) == 1:
            word = parts[0]
        if word in folded:  # frequencies add: 10^a + 10^b on the log scale
            z = round(max(z, folded[word]) + math.log10(1 + 10 ** -abs(z - folded[word])), 2)
        folded[word] = z
    return folded


def _data_file() -> Path:
    spec = importlib.util.find_spec("wordfreq")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("wordfreq is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "small_en.msgpack.gz"


def _read_cbpack(path: Path) -> dict[str, float]:
    """A cBpack file is a msgpack list: a header, then one list of words per centibel of
    frequency, from the most frequent: bucket i (from 0) holds the words of frequency
    10^(-i/100)."""
    import msgpack

    with gzip.open(path, "rb") as f:
        data = msgpack.load(f, raw=False)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: not a cBpack file")
    listed: dict[str, float] = {}
    for cb, bucket in enumerate(data[1:]):
        # per-word probability 10^(-cb/100) on the Zipf scale, one value for the bucket
        listed.update(dict.fromkeys(bucket, round(9 - cb / 100, 2)))
    return listed


def _table_via_api() -> dict[str, float]:
    """The same list through wordfreq's public API, should its data layout ever change."""
    import wordfreq

    return {
        word: wordfreq.zipf_frequency(word, "en", wordlist="small")
        for word in wordfreq.iter_wordlist("en", wordlist="small")
    }
