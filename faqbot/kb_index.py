"""A knowledge base as matching sees it: its statistics and lookup tables, built once.

Building it tokenizes every phrasing and answer of the KB, which is most of the cost of a run on
a large KB; `index_store` keeps it in a SQLite file so later runs skip that work. Nothing here
scores a question: the matcher reads these tables.

The tables are plain mappings, so the matcher works alike on an index built in memory (dicts)
and on one read lazily from SQLite (`index_store`): it asks only for the words, terms and
entries a question needs.
"""

from __future__ import annotations

import itertools
import math
import operator
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import NamedTuple

from faqbot.analysis import Analyzer, Token
from faqbot.bulk import bulk_build
from faqbot.model import Entry, KnowledgeBase

# Plain classes and named tuples, not dataclasses: see faqbot.model.


class Phrasing:
    __slots__ = ("text", "terms", "total")

    def __init__(self, text: str, terms: dict[str, float]) -> None:
        self.text = text
        self.terms = terms  # term -> weight
        self.total = sum(terms.values()) or 1.0  # the denominator of precision


class IndexedEntry:
    __slots__ = ("entry", "phrasings", "asked", "told", "answers_type", "_by_term")

    def __init__(
        self, entry: Entry, phrasings: list[Phrasing], asked: set[str], told: set[str]
    ) -> None:
        self.entry = entry
        self.phrasings = phrasings
        self.asked = asked  # terms of the entry's phrasings
        self.told = told  # terms of its answer and source
        # Question type name -> whether the entry answers that type, worked out on first need
        # (most questions have no type) and kept: the answer patterns are regular expressions
        # over the whole answer, too dear to run for every question.
        self.answers_type: dict[str, bool] = {}
        self._by_term: dict[str, list[tuple[int, float]]] | None = None

    def phrasings_using(self) -> dict[str, list[tuple[int, float]]]:
        """term -> (index, weight there) of the phrasings that use it, in order: worked out on
        first need and kept, so that scoring an entry of 100 phrasings visits only those a
        question touches."""
        if self._by_term is None:
            self._by_term = {}
            for i, ph in enumerate(self.phrasings):
                for term, weight in ph.terms.items():
                    self._by_term.setdefault(term, []).append((i, weight))
        return self._by_term

    @property
    def answer_text(self) -> str:
        return f"{self.entry.answer} {self.entry.source or ''}"


class KBIndex(NamedTuple):
    """What matching needs to know of a KB, settings apart (see `IndexSettings`)."""

    title: str
    path: str
    synonyms: tuple[tuple[str, ...], ...]
    size: int  # number of entries
    phrasings_per_entry: float
    # Informative words of the KB's phrasings found nowhere else in it, and all of them: the
    # KB's novelty, before the matcher mixes in its prior.
    novel_words: int
    phrasing_words: int
    idf: Mapping[str, float]  # term -> inverse document frequency over entries
    surfaces: Mapping[str, str]  # KB word as written -> its term, for typos and compounds
    # Two adjacent KB words, joined ("wi fi" -> "wifi"): for questions that write them as one
    joined_pairs: Mapping[str, tuple[Token, Token]]
    # term -> the entries that use it: i + 1 where a phrasing of entry i uses it, -(i + 1)
    # where only its answer or source does
    postings: Mapping[str, Sequence[int]]
    entries: Sequence[IndexedEntry]
    shortest: Sequence[float]  # per entry: the total weight of its lightest phrasing
    fuzzy_choices: list[str]  # KB words long enough to be matched as typos

    def prefetch(self, indices: Collection[int]) -> None:
        """Make these entries ready to read: a stored index reads them in one query."""
        prefetch = getattr(self.entries, "prefetch", None)
        if prefetch is not None:
            prefetch(indices)

    @property
    def kb_entries(self) -> tuple[Entry, ...]:
        return tuple(ie.entry for ie in self.entries)


class IndexSettings(NamedTuple):
    """The matcher settings that shape an index; a stored index is keyed by them. The
    defaults are faqbot's (matcher.Settings reads them from DEFAULT_SHAPING), so that a
    command that only reads the index needs no matcher to find it."""

    stopword_weight: float = 0.3
    fuzzy_min_length: int = 5


DEFAULT_SHAPING = IndexSettings()


def inverse_frequency(documents: int, using: int) -> float:
    """How much a term tells apart among `documents` (entries, sentences) when `using` of
    them use it: a smoothed inverse document frequency."""
    return math.log((documents + 1) / (using + 0.5))


def stopword_weight(base: float, k: float) -> float:
    """Function words weigh more where entries have few phrasings: with one question per FAQ
    its form is much of what tells it from its neighbours; with many alternates per entry the
    forms vary and say little. base + (1 - base) / k^2, k phrasings per entry."""
    return base + (1 - base) / k**2


def build_index(
    kb: KnowledgeBase,
    settings: IndexSettings,
    progress: Callable[[int, int], None] | None = None,
) -> KBIndex:
    """Tokenize every entry of `kb` and work out the tables matching reads.

    One pass over the entries gathers every statistic; an entry's answer tokens are dropped
    as soon as they are counted (only its set of terms is kept), so memory follows the
    phrasings and the vocabulary, not the length of the answers."""
    with bulk_build():
        return _build(kb, settings, progress)


_SURFACE = operator.attrgetter("surface")


def _join_pairs(toks: list[Token], joined_pairs: dict[str, tuple[Token, Token]]) -> None:
    """Add each two adjacent tokens of `toks` under their surfaces joined, where that key is
    new: the first pair to make a key keeps it."""
    surfaces = list(map(_SURFACE, toks))
    keys = list(map(operator.add, surfaces, surfaces[1:]))
    new = set(keys).difference(joined_pairs)  # in C: most pairs are known after a while
    for key, pair in zip(keys, itertools.pairwise(toks), strict=True):
        if not new:
            break
        if key in new:
            joined_pairs[key] = pair
            new.discard(key)


def _build(
    kb: KnowledgeBase, settings: IndexSettings, progress: Callable[[int, int], None] | None
) -> KBIndex:
    analyzer = Analyzer(kb.synonyms)
    df: Counter[str] = Counter()  # term -> the number of entries using it
    surfaces: dict[str, str] = {}
    joined_pairs: dict[str, tuple[Token, Token]] = {}
    # Novelty: how many of the informative words of the KB's phrasings occur nowhere else.
    uses: Counter[str] = Counter()  # informative term -> the phrasings and answers using it
    phrasing_terms: list[set[str]] = []  # the informative terms of each phrasing
    kept: list[tuple[list[list[Token]], set[str]]] = []  # per entry: phrasings, answer terms
    for done, entry in enumerate(kb.entries, 1):
        phrasings = [analyzer.tokens(p) for p in entry.phrasings]
        answer_tokens = analyzer.tokens(f"{entry.answer} {entry.source or ''}")
        # Tokens are shared objects (see Analyzer._tokens): each distinct one once, in order.
        distinct = dict.fromkeys(itertools.chain(*phrasings, answer_tokens))
        for tok in distinct:
            surfaces.setdefault(tok.surface, tok.term)
        # Counted by Counter.update, a loop in C: a large KB's answers hold millions of words.
        df.update({tok.term for tok in distinct})
        for toks in [*phrasings, answer_tokens]:
            _join_pairs(toks, joined_pairs)
        informative = [{t.term for t in toks if not t.stop} for toks in phrasings]
        phrasing_terms.extend(informative)
        for terms in [*informative, {t.term for t in answer_tokens if not t.stop}]:
            uses.update(terms)
        kept.append((phrasings, {t.term for t in answer_tokens}))
        if progress is not None and done % 1000 == 0:
            progress(done, len(kb.entries))
    n = len(kb.entries)
    k = sum(len(phrasings) for phrasings, _ in kept) / max(n, 1)
    idf = {term: inverse_frequency(n, d) for term, d in df.items()}
    function_weight = stopword_weight(settings.stopword_weight, k) if k else 1.0

    def weight(tok: Token) -> float:
        return idf[tok.term] * (function_weight if tok.stop else 1.0)

    entries = [
        IndexedEntry(
            entry=entry,
            phrasings=[
                Phrasing(text, {t.term: weight(t) for t in toks})
                for text, toks in zip(entry.phrasings, phrasings, strict=True)
            ],
            asked={t.term for toks in phrasings for t in toks},
            told=told,
        )
        for entry, (phrasings, told) in zip(kb.entries, kept, strict=True)
    ]
    # Machine integers, as the store keeps them: a list would hold an int object (32 bytes) per
    # posting, 170 MB of a 100,000-entry KB's build.
    postings: dict[str, array[int]] = {}
    for i, ie in enumerate(entries):
        for sign, terms in ((1, ie.asked), (-1, ie.told - ie.asked)):
            for term in terms:
                listed = postings.get(term)
                if listed is None:
                    listed = postings[term] = array("i")
                listed.append(sign * (i + 1))
    total = sum(len(terms) for terms in phrasing_terms)
    novel = sum(uses[t] == 1 for terms in phrasing_terms for t in terms)
    return KBIndex(
        title=kb.title,
        path=kb.path,
        synonyms=kb.synonyms,
        size=n,
        phrasings_per_entry=k,
        novel_words=novel,
        phrasing_words=total,
        idf=idf,
        surfaces=surfaces,
        joined_pairs=joined_pairs,
        postings=postings,
        entries=entries,
        shortest=[min((p.total for p in ie.phrasings), default=1.0) for ie in entries],
        fuzzy_choices=[s for s in surfaces if len(s) >= settings.fuzzy_min_length],
    )
