"""A KB index kept in a SQLite file, read back lazily: a run asks only for what it needs.

SQLite, not pickle: a cache file must never be able to run code, and SQLite reads one row
(a term's postings, one entry) without loading the rest. A run that answers a question from a
stored index reads a few hundred rows, whatever the size of the KB, and never parses YAML.

Files are written whole to a temporary name and renamed into place, so a reader sees the old
file or the new one, never half of one; two processes writing the same index both write whole
files and the last rename wins.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sqlite3
import sys
from array import array
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from itertools import repeat
from pathlib import Path
from typing import Any, TypeVar

from faqbot.analysis import Token
from faqbot.bulk import bulk_build
from faqbot.errors import DamagedIndex
from faqbot.kb_index import (
    FEW_PHRASINGS,
    IndexedEntry,
    IndexSettings,
    KBIndex,
    Phrasing,
    PhrasingMasks,
    Tally,
    phrasings_of,
    reads_ids,
    shortest,
    term_lists,
    term_masks,
    terms_in_order,
    told_terms,
    weighed_texts,
)
from faqbot.model import Entry, KnowledgeBase

# Bumped when the layout or the meaning of a table changes (8: versions; 9: how many
# phrasings are written as an author writes them; 10: an entry's id weighed as a phrasing,
# kb_index.reads_ids). The language data
# (english.json) is part of an index's key by its bytes: a change there needs no bump.
FORMAT = 10

V = TypeVar("V")


class StoreError(Exception):
    """The file is not a readable index of this format (missing, truncated, corrupt, old)."""


# What reading a damaged row or page raises: SQLite's errors, and what decoding the bytes
# it gives back can raise.
_DAMAGE = (sqlite3.Error, KeyError, TypeError, ValueError)


def _damaged(path: str, exc: Exception) -> DamagedIndex:
    with contextlib.suppress(OSError):
        os.unlink(path)
    return DamagedIndex(path, exc)


def build(
    kb: KnowledgeBase,
    settings: IndexSettings,
    path: Path,
    meta: dict[str, Any],
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Build the index of `kb` straight into a file at `path` (atomically), with `meta` (JSON
    values) beside it; StoreError if it cannot be written.

    Each entry's record is written as soon as the entry is counted, and its phrasings'
    weights once every entry is: memory holds the counts and postings, never every entry's
    terms (half the memory of building a large KB in memory)."""

    def fill(db: sqlite3.Connection) -> None:
        with bulk_build():
            _fill(db, kb, settings, meta, progress)

    write_atomically(path, fill)


def write_atomically(path: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    """Write a SQLite file at `path` whole or not at all: `fill` fills a temporary file
    beside it, which then takes its place; StoreError if it cannot be written."""
    import tempfile  # only a build writes; a cached run reads

    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise StoreError(str(exc)) from None
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        try:
            fill(db)
            db.commit()
        finally:
            db.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as exc:
        _remove(tmp)
        raise StoreError(str(exc)) from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def _fill(
    db: sqlite3.Connection,
    kb: KnowledgeBase,
    settings: IndexSettings,
    meta: dict[str, Any],
    progress: Callable[[int, int], None] | None,
) -> None:
    db.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE entries (i INTEGER PRIMARY KEY, terms TEXT NOT NULL, data TEXT NOT NULL);
        CREATE TABLE weights (i INTEGER PRIMARY KEY, data BLOB NOT NULL, by_term TEXT);
        CREATE TABLE terms (term TEXT PRIMARY KEY, idf REAL NOT NULL, postings BLOB NOT NULL);
        CREATE TABLE surfaces (surface TEXT PRIMARY KEY, term TEXT NOT NULL);
        CREATE TABLE pairs (joined TEXT PRIMARY KEY, data TEXT NOT NULL);
        CREATE TABLE arrays (name TEXT PRIMARY KEY, data BLOB NOT NULL);
        """
    )
    tally = Tally(kb.synonyms, len(kb.entries), progress, reads_ids(kb, settings))

    def records() -> Iterator[tuple[int, str, str]]:
        for i, entry in enumerate(kb.entries):
            asked, told = tally.add(entry)
            phrasing_terms = list(map(terms_in_order, tally.tokens[-1]))
            yield i, _terms_record(asked, told, phrasing_terms), json.dumps(_text_record(entry))

    db.executemany("INSERT INTO entries VALUES (?, ?, ?)", records())
    shortest_weights = array("d")

    def weights() -> Iterator[tuple[int, bytes, str | None]]:
        # In each phrasing's order of terms, as its record lists them.
        for i, (entry, weighed) in enumerate(zip(kb.entries, tally.weights(settings), strict=True)):
            phrasings = phrasings_of(entry, weighed)
            shortest_weights.append(shortest(phrasings))
            blob = array("d", [w for terms in weighed for w in terms.values()]).tobytes()
            yield i, blob, _by_term_record(phrasings)

    db.executemany("INSERT INTO weights VALUES (?, ?, ?)", weights())
    index = tally.index(kb, settings, (), shortest_weights)
    fields = {
        "format": FORMAT,
        "title": index.title,
        "path": index.path,
        "synonyms": index.synonyms,
        "size": index.size,
        "phrasings_per_entry": index.phrasings_per_entry,
        "novel_words": index.novel_words,
        "phrasing_words": index.phrasing_words,
        "written_phrasings": index.written_phrasings,
        "fuzzy_choices": index.fuzzy_choices,
        "versions": index.versions,
        **meta,
    }
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in fields.items()]
    )
    db.executemany(
        "INSERT INTO terms VALUES (?, ?, ?)",
        (
            (term, idf, array("i", index.postings.get(term, ())).tobytes())
            for term, idf in index.idf.items()
        ),
    )
    db.execute("INSERT INTO arrays VALUES (?, ?)", ("shortest", index.shortest.tobytes()))
    db.executemany("INSERT INTO surfaces VALUES (?, ?)", index.surfaces.items())
    db.executemany(
        "INSERT INTO pairs VALUES (?, ?)",
        (
            (j, json.dumps([_token_record(a), _token_record(b)]))
            for j, (a, b) in index.joined_pairs.items()
        ),
    )


def read(path: Path) -> tuple[KBIndex, dict[str, Any]]:
    """The index stored at `path`, read lazily, and its meta; StoreError if unusable."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        meta = {k: json.loads(v) for k, v in db.execute("SELECT key, value FROM meta")}
        if meta.get("format") != FORMAT:
            raise StoreError(f"index format {meta.get('format')!r}, not {FORMAT}")
        # The last entry must be there (a rowid lookup, not a count of every row), and its
        # weights.
        for table in ("entries", "weights"):
            (last,) = db.execute(f"SELECT max(i) FROM {table}").fetchone()  # noqa: S608
            if (last if last is not None else -1) != meta["size"] - 1:
                raise StoreError(f"{table} up to {last} stored, {meta['size']} expected")
        index = KBIndex(
            title=meta["title"],
            path=meta["path"],
            synonyms=tuple(tuple(g) for g in meta["synonyms"]),
            size=meta["size"],
            phrasings_per_entry=meta["phrasings_per_entry"],
            novel_words=meta["novel_words"],
            phrasing_words=meta["phrasing_words"],
            written_phrasings=meta["written_phrasings"],
            idf=StoredTable(db, path, "terms", "term", "idf", float),
            surfaces=StoredTable(db, path, "surfaces", "surface", "term", str),
            joined_pairs=StoredTable(db, path, "pairs", "joined", "data", _pair),
            # Long rows (the 100,000-entry scale KB: 1,391 of them, 22 MB): read whole only
            # where they are short in all (see WHOLE_TABLE_BYTES).
            postings=StoredTable(db, path, "terms", "term", "postings", _postings, long_rows=True),
            entries=_Entries(db, path, meta["size"]),
            shortest=_array(db, "shortest", "d"),
            fuzzy_choices=meta["fuzzy_choices"],
            versions=meta["versions"],
        )
    except (sqlite3.Error, KeyError, TypeError, ValueError) as exc:
        raise StoreError(str(exc)) from None
    return index, meta


# How many decoded rows a table keeps: a long batch of questions must not hold the whole KB.
KEPT_ROWS = 24576
# How many decoded entries are kept, likewise. Each holds its terms interned (see
# _indexed_entry), and in a KB of more than TOLD_SETS_UP_TO entries its answer's terms as the
# string read rather than a set (2.9 KB an entry less); an entry scored keeps only the decoded
# form of its text (see _StoredParts). Peaks of `ask --json -` on the 100,000-entry scale KB:
# curekart's 991 queries 226 MB with 24,576 kept as sets and the text held twice, 175 MB
# with 32,768 kept as now; the 2,541 different questions of all the shared sets 236 -> 184
# MB. With 49,152 kept the second peaked at 251 MB, for 0.94x the time of 32,768 on the
# first: a longer, more varied batch, its kept entries scored and decoded, would pass 250 MB.
KEPT_ENTRIES = 32768
# A KB of at most this many entries keeps each entry's answer terms as a set (see _Entries):
# all of them are kept once read, at the memory measured above.
TOLD_SETS_UP_TO = 24576
# A table looked up one key at a time is read whole, if it has at most WHOLE_TABLE_ROWS rows,
# once its queries have cost about what reading it whole costs: a batch of questions asks the
# word tables for a few keys each, most of them absent (curekart's 991 queries: 6,254
# lookups). A query for one key takes about 14 us, reading a short row among all the others
# about 0.6 (curekart's three word tables, 543 to 1,781 rows, 0.3 to 1 ms each), so one is read
# whole after one query for every ROWS_PER_QUERY of its rows, and READ_WHOLE_AFTER at most:
# a run never pays much more than the cheaper of the two ways would have cost. A single
# question asks about 20 keys a table, and so reads only a table of under 500 rows whole
# (about 0.3 ms). Curekart's queries, read this way: 897 one-key queries (12 to 20 ms of
# their first 190) became 414, 297 of them for postings, whose long rows are never read whole.
ROWS_PER_QUERY = 25
READ_WHOLE_AFTER = 200
WHOLE_TABLE_ROWS = 50_000
# A table of long rows (postings) costs what its bytes cost to read and decode, about 2.5 ns
# a byte (the 10,000-entry scale KB's postings, 2.2 MB: 5.8 ms): it is read whole after one
# query for every BYTES_PER_QUERY of it as well, and never past WHOLE_TABLE_BYTES, which it
# would then hold in memory twice over at most (raw, and decoded as looked up). At 100,000
# entries its 22 MB stay in the file; curekart's 991 queries, their postings read whole after
# 21 one-key queries instead of 297, ran 0.97x the time (whole process, best of 31 runs); the
# 10,000-entry KB's batch peaked 2 MB higher.
BYTES_PER_QUERY = 4096
WHOLE_TABLE_BYTES = 4 << 20


def _keep(seen: OrderedDict, key: Any, value: Any, limit: int = KEPT_ROWS) -> None:
    if len(seen) >= limit:
        # The oldest. (An OrderedDict: a plain dict emptied from the front finds its first
        # key by stepping over every slot freed before it.)
        seen.popitem(last=False)
    seen[key] = value


class StoredTable(Mapping[str, V]):
    """One column of a table as a read-only mapping; recent lookups are kept. A table asked
    for many keys (a batch of questions: a few a question, most of them absent) is read
    whole, in one query, where it is small enough (see ROWS_PER_QUERY)."""

    def __init__(
        self,
        db: sqlite3.Connection,
        path: Path,
        table: str,
        key: str,
        value: str,
        decode: Any,
        long_rows: bool = False,  # read whole by its bytes too (see BYTES_PER_QUERY)
    ) -> None:
        self._db, self._path, self._decode = db, str(path), decode
        self._query = f"SELECT {value} FROM {table} WHERE {key} = ?"
        self._whole_query = f"SELECT {key}, {value} FROM {table}"
        self._rows_query = f"SELECT max(rowid) FROM {table}"  # rows are only ever added
        # Summing a long column's lengths takes a pass over its rows (not their values):
        # only once the rows alone would have it read whole.
        self._bytes_query = f"SELECT sum(length({value})) FROM {table}" if long_rows else None
        # One-key queries before it is read whole, counted when first needed.
        self._read_whole_after: float | None = None
        self._seen: OrderedDict[str, V | None] = OrderedDict()
        self._whole: dict[str, Any] | None = None  # key -> raw value, once read whole
        self._queried = 0  # keys looked up in the file one by one

    def _lookup(self, key: str) -> V | None:
        if key in self._seen:
            return self._seen[key]
        whole = self._whole
        try:
            if whole is None and self._queried >= self._whole_after():
                whole = self._whole = dict(self._db.execute(self._whole_query).fetchall())
            if whole is not None:
                raw = whole.get(key)
            else:
                self._queried += 1
                row = self._db.execute(self._query, (key,)).fetchone()
                raw = None if row is None else row[0]
            value = None if raw is None else self._decode(raw)
        except _DAMAGE as exc:
            raise _damaged(self._path, exc) from None
        _keep(self._seen, key, value)
        return value

    def _whole_after(self) -> float:
        """How many one-key queries the table is worth before it is read whole: one for
        every ROWS_PER_QUERY of its rows, and for a table of long rows one for every
        BYTES_PER_QUERY of its bytes as well; READ_WHOLE_AFTER at most. Never one of more
        than WHOLE_TABLE_ROWS rows or WHOLE_TABLE_BYTES bytes."""
        after = self._read_whole_after
        if after is None:
            rows = self._db.execute(self._rows_query).fetchone()[0] or 0
            after = min(READ_WHOLE_AFTER, rows // ROWS_PER_QUERY)
            if rows > WHOLE_TABLE_ROWS:
                after = math.inf
        if self._bytes_query is not None and self._queried >= after:
            size = self._db.execute(self._bytes_query).fetchone()[0] or 0
            self._bytes_query = None
            after = max(after, min(READ_WHOLE_AFTER, size // BYTES_PER_QUERY))
            if size > WHOLE_TABLE_BYTES:
                after = math.inf
        self._read_whole_after = after
        return after

    def __getitem__(self, key: str) -> V:
        value = self._lookup(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key) is not None

    def get(self, key: str, default: Any = None) -> Any:
        # Mapping.get would go through __getitem__ and catch its KeyError: most keys a
        # question looks up are absent.
        value = self._lookup(key)
        return default if value is None else value

    def __iter__(self) -> Iterator[str]:
        raise TypeError("a stored table is looked up by key, not walked")

    def __len__(self) -> int:
        raise TypeError("a stored table is looked up by key, not counted")


class _Entries(Sequence[IndexedEntry]):
    """The stored entries, each decoded on use; recent ones are kept."""

    def __init__(self, db: sqlite3.Connection, path: Path, size: int) -> None:
        self._db, self._path, self._size = db, str(path), size
        # Where every entry stays decoded once read, each entry's told terms are made a set,
        # looked up for every question that reaches the entry; where entries come and go,
        # they stay the string read, as making a set of them (46 terms an entry in the
        # 100,000-entry scale KB) cost more than it sped up, and held 2.9 KB an entry more.
        self._told_as_set = size <= TOLD_SETS_UP_TO
        self._seen: OrderedDict[int, IndexedEntry] = OrderedDict()

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, i):  # type: ignore[no-untyped-def,override]
        if type(i) is int and (entry := self._seen.get(i)) is not None:
            return entry  # most reads, many a question: an entry already read
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._size))]
        if not 0 <= i < self._size:
            raise IndexError(i)
        self.prefetch((i,))  # one entry is read as a question's candidates are
        entry = self._seen.get(i)
        if entry is None:  # the file said it holds `size` entries
            raise _damaged(self._path, LookupError(f"entry {i} is not stored"))
        return entry

    def prefetch(self, indices: Collection[int]) -> None:
        """Read the given entries in one query: a question's candidates, a few hundred in a
        large KB, cost one round trip rather than one each."""
        wanted = [i for i in indices if i not in self._seen][:KEPT_ENTRIES]
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            marks = ",".join("?" * len(batch))
            try:
                for i, *row in self._db.execute(f"{_ENTRY_QUERY} IN ({marks})", batch):
                    entry = _indexed_entry(self._path, *row, told_as_set=self._told_as_set)
                    _keep(self._seen, i, entry, KEPT_ENTRIES)
            except _DAMAGE as exc:
                raise _damaged(self._path, exc) from None


_BATCH = 500  # entries a prefetch query asks for at once (SQLite caps a query's parameters)
_ENTRY_QUERY = (
    "SELECT i, e.terms, e.data, w.data, w.by_term FROM entries e JOIN weights w USING (i) WHERE i"
)

# An entry is stored in two parts: its terms, read for every candidate a question bounds, and
# its text, read only for those it scores. Terms hold no whitespace (see faqbot.text.words), so
# the first part is lines of terms split by spaces, at C speed, where JSON took twice as long.


def _terms_record(asked: set[str], told: set[str], phrasings: list[list[str]]) -> str:
    """Its phrasings' terms, its answer's, then each phrasing's in order (as its weights)."""
    return "\n".join(
        [" ".join(sorted(asked)), " ".join(sorted(told))] + list(map(" ".join, phrasings))
    )


def _text_record(e: Entry) -> dict[str, Any]:
    return {
        "id": e.id,
        "kind": e.kind,
        "question": e.question,
        "answer": e.answer,
        "source": e.source,
        "phrasings": list(e.phrasings),
    }


def _by_term_record(phrasings: list[Phrasing]) -> str | None:
    """For an entry of many phrasings, its IndexedEntry.phrasings_using and the phrasings'
    totals, as JSON, decoded in C: making them from the phrasings took a Python loop over
    every term of every phrasing (a 100-phrasing entry: about 2 ms, for each entry a question
    scores). A term weighs the same in most phrasings that use it: it is stored once, with
    their indexes (parsing the same float a hundred times cost most of the decoding). None
    for an entry of few phrasings, read phrasing by phrasing."""
    if len(phrasings) <= FEW_PHRASINGS:
        return None
    alike: dict[str, list[float | int]] = {}  # term -> [weight, index, index, ...]
    varied: dict[str, list[tuple[int, float]]] = {}  # term -> [(index, weight), ...]
    for term, used in term_lists(phrasings).items():
        weights = {w for _, w in used}
        if len(weights) == 1:
            alike[term] = [*weights, *(p for p, _ in used)]
        else:
            varied[term] = used
    return json.dumps([alike, varied, [ph.total for ph in phrasings]])


class _TermLists(dict[str, list[tuple[int, float]]]):
    """IndexedEntry.phrasings_using of a stored entry: a term's (index, weight) list is made
    when a question first asks for it (a question touches a few of an entry's hundreds of
    terms) and kept in the dict itself, so that a later lookup of it, for this question or
    the next, is a plain dict's (scoring an entry looks its terms up thousands of times a
    second)."""

    __slots__ = ("_alike", "_varied")

    def __init__(
        self, alike: dict[str, list[float | int]], varied: dict[str, list[list[float]]]
    ) -> None:
        super().__init__()
        self._alike, self._varied = alike, varied

    def __missing__(self, term: str) -> list[tuple[int, float]]:
        used = self._alike.get(term)
        if used is not None:
            made = self[term] = list(zip(used[1:], repeat(used[0])))  # type: ignore[arg-type]
            return made
        made = self[term] = self._varied[term]  # type: ignore[assignment]
        return made


def _indexed_entry(
    path: str, terms: str, data: str, weights: bytes, by_term: str | None, told_as_set: bool
) -> IndexedEntry:
    asked, told, *phrasings = terms.split("\n")
    return IndexedEntry(
        entry=None,
        phrasings=None,
        # Interned: the entries kept (KEPT_ENTRIES) share one string per term rather than
        # each holding its own copy: a quarter of the memory of `ask -` on a 100,000-entry KB.
        asked=set(map(sys.intern, asked.split())),
        # The terms spaced (see kb_index.told_terms): a set, or the line of them as stored,
        # with a space before the first and after the last, in which a spaced term is found
        # as in the set.
        told=told_terms(told.split()) if told_as_set else f" {told} ",
        stored=_StoredParts(path, data, phrasings, weights, by_term),
    )


class _StoredParts:
    """A stored entry's records, each decoded when the entry is first asked for it, once
    (IndexedEntry keeps what is decoded), and then let go: a kept entry that was scored
    would otherwise hold its text twice, as read and as decoded."""

    __slots__ = ("_path", "_data", "_lines", "_weights", "_by_term", "phrasing_count")

    def __init__(
        self, path: str, data: str, lines: list[str], weights: bytes, by_term: str | None
    ) -> None:
        self._path, self._data, self._lines = path, data, lines
        self._weights, self._by_term = weights, by_term
        self.phrasing_count = len(lines)  # a line of terms a phrasing

    def entry(self) -> Entry:
        entry = self._decoded(_entry_record, self._data)
        self._data = ""
        return entry

    def phrasings(self, entry: Entry) -> list[Phrasing]:
        texts = weighed_texts(entry, len(self._lines))
        made = self._decoded(_phrasings_record, texts, self._lines, self._weights)
        self._lines, self._weights = [], b""
        return made

    def phrasing_masks(self) -> PhrasingMasks | None:
        if not self._lines:  # the phrasings are made: their terms and totals are read
            return None
        return self._decoded(_phrasing_masks_record, self._lines, self._weights)

    def term_lists(self) -> tuple[_TermLists, list[float]] | None:
        if self._by_term is None:
            return None
        lists = self._decoded(_term_lists_record, self._by_term)
        self._by_term = None
        return lists

    def _decoded(self, decode: Callable[..., V], *records: Any) -> V:
        try:
            return decode(*records)
        except _DAMAGE as exc:
            raise _damaged(self._path, exc) from None


def _entry_record(data: str) -> Entry:
    r = json.loads(data)
    return Entry(
        id=r["id"],
        kind=r["kind"],
        question=r["question"],
        answer=r["answer"],
        source=r["source"],
        phrasings=tuple(r["phrasings"]),
    )


def _phrasings_record(texts: Sequence[str], lines: list[str], weights: bytes) -> list[Phrasing]:
    """An entry's phrasings with their terms' weights."""
    return [
        Phrasing(text, dict(zip(terms, weighed, strict=True)))
        for text, (terms, weighed) in zip(texts, _weighed_lines(lines, weights), strict=True)
    ]


def _phrasing_masks_record(lines: list[str], weights: bytes) -> PhrasingMasks:
    """kb_index.phrasing_masks of an entry's phrasings, from its lines of terms and their
    weights, without making the phrasings: each total is the sum of the same weights in the
    same order as Phrasing.total's."""
    weighed_lines = _weighed_lines(lines, weights)
    totals = [sum(weighed) or 1.0 for _, weighed in weighed_lines]
    return term_masks([terms for terms, _ in weighed_lines]), totals


def _weighed_lines(lines: list[str], weights: bytes) -> list[tuple[list[str], list[float]]]:
    """Each phrasing's terms (a line of them) and their weights (stored one phrasing after
    the other): both records must hold as many."""
    weighed = array("d", weights).tolist()
    made, at = [], 0
    for line in lines:
        terms = line.split()
        made.append((terms, weighed[at : at + len(terms)]))
        at += len(terms)
    if at != len(weighed):
        raise ValueError(f"{len(weighed)} weights for {at} terms")
    return made


def _term_lists_record(by_term: str) -> tuple[_TermLists, list[float]]:
    alike, varied, totals = json.loads(by_term)
    return _TermLists(alike, varied), totals


def _token_record(t: Token) -> list[Any]:
    return [t.term, t.surface, t.stop]


def _pair(data: str) -> tuple[Token, Token]:
    a, b = json.loads(data)
    return Token(*a), Token(*b)


def _array(db: sqlite3.Connection, name: str, typecode: str) -> array:
    (data,) = db.execute("SELECT data FROM arrays WHERE name = ?", (name,)).fetchone()
    return array(typecode, data)


def _postings(blob: bytes) -> array:
    return array("i", blob)
