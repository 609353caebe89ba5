"""How common a word is in English at large: a prior that does not shrink with the KB.

A knowledge base of twelve entries says little about which words are informative, and nothing
about a word it never uses. English at large does: "linux", "covid" and "museum" are rare words
that name a topic, "today" and "want" are common ones that name none. The frequencies come from
the wordfreq package (R. Speer, wordfreq: https://github.com/rspeer/wordfreq, Apache-2.0 code,
data under CC-BY-SA 4.0), read from its "small" English list, about 29,000 words.

The list is read straight from wordfreq's data file in its documented cBpack format (see
`wordfreq.read_cBpack`) rather than through `import wordfreq`, which costs about 300 ms of
imports (regex, ftfy, langcodes) that a one-shot `faqbot ask` cannot afford; reading the file
costs about 20 ms, and only for a question that has a word the KB does not know. Once read,
the list is kept in the cache directory, beside the KBs' indexes, as a SQLite table (see
_frequencies): the runs after look up only the words they ask about.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import sqlite3
from collections.abc import Mapping
from functools import cache
from pathlib import Path

# Zipf scale: log10 of a word's frequency per billion words. "the" is 7.7, "library" 4.9,
# "linux" 4.0; a word not in the list is rarer than about 1 in 10 million (under 2.0).
ABSENT = 0.0


# Bumped when what the stored list holds changes, so that a list of another kind is never read.
STORE_FORMAT = 1


def zipf(word: str, use_cache: bool = True) -> float:
    """The word's Zipf frequency in English, or ABSENT when the list does not hold it. The
    word is one of faqbot's (faqbot.text.words): "cant" stands for "can't" and "can't" alike.
    `use_cache`: whether the list may be read from and kept in the cache directory; not for
    a run told to leave the cache be (`--no-cache`)."""
    return _frequencies(use_cache).get(word, ABSENT)


@cache
def _frequencies(use_cache: bool) -> Mapping[str, float]:
    """The list as faqbot reads it: stored by an earlier run, looked up word by word (a
    single question asks about a few; a batch that asks about many has it read whole, see
    index_store.StoredTable); else read from wordfreq's file, and stored for the runs after.
    A cache directory that cannot be written is no error: the list is read each run."""
    if not use_cache:
        return _table()
    try:
        path = _store_path(_data_file())
    except (OSError, ImportError):
        return _table()
    stored = _open_store(path)
    if stored is not None:
        return stored
    table = _table()
    _write_store(path, table)
    return table


def _store_path(data_file: Path) -> Path:
    """Where the list read from `data_file`, as that file is now, is kept."""
    from faqbot.index_cache import cache_dir

    info = data_file.stat()
    key = hashlib.sha256(
        f"{STORE_FORMAT}\0{data_file.resolve()}\0{info.st_size}\0{info.st_mtime_ns}".encode()
    )
    return cache_dir() / f"english-{key.hexdigest()[:16]}.sqlite"


def _open_store(path: Path) -> Mapping[str, float] | None:
    """The list stored at `path`, if it is whole (every row written, of this format)."""
    from faqbot.index_store import StoredTable

    if not path.exists():
        return None
    db = None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        (last,) = db.execute("SELECT max(rowid) FROM words").fetchone()
        if meta.get("format") == str(STORE_FORMAT) and str(last) == meta.get("rows"):
            return StoredTable(db, path, "words", "word", "zipf", float)
    except sqlite3.Error:
        pass
    if db is not None:
        db.close()
    return None


def _write_store(path: Path, table: dict[str, float]) -> None:
    """Keep the list at `path`, written whole or not at all, and remove the lists kept for
    an earlier wordfreq file. A cache directory that cannot be written keeps nothing."""
    from faqbot.index_cache import remove_earlier
    from faqbot.index_store import StoreError, write_atomically

    def fill(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, zipf REAL NOT NULL)")
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.executemany("INSERT INTO words VALUES (?, ?)", table.items())
        meta = {"format": str(STORE_FORMAT), "rows": str(len(table))}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, fill)
    except (OSError, StoreError):
        return
    remove_earlier(path)


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
    import gzip  # read only where the list is not kept (see _frequencies)

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
