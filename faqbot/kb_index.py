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
import re
import sys
from array import array
from collections import Counter
from collections.abc import (
    Callable,
    Collection,
    Container,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from typing import NamedTuple, Protocol

from faqbot.analysis import Analyzer, Token
from faqbot.bulk import bulk_build
from faqbot.model import Entry, KnowledgeBase

# Plain classes and named tuples, not dataclasses: see faqbot.model.

# Up to this many phrasings, an entry's are read one by one; beyond, through its term lists
# (IndexedEntry.phrasings_using), which a stored index keeps ready for such an entry.
FEW_PHRASINGS = 4

# The words of an entry's id: its parts between hyphens, underscores and spaces, those of two
# letters or more and no digit ("late-fees": late fees; "cf001", "10th", "2011": none).
_ID_PART = re.compile(r"[-_\s]+")


def id_phrasing(entry_id: str) -> str | None:
    """The words of an entry's id, as a phrasing: its author's name for what the entry is
    about ("late-fees", "dark-mode", "armored-train"); None where it has no such word."""
    words = [w for w in _ID_PART.split(entry_id.lower()) if len(w) > 1 and w.isalpha()]
    return " ".join(words) or None


def asked_texts(entry: Entry, with_id: bool) -> tuple[str, ...]:
    """The texts an entry is asked by as the index weighs them: its phrasings, and, `with_id`,
    the words of its id after them (see reads_ids)."""
    named = id_phrasing(entry.id) if with_id else None
    return entry.phrasings if named is None else (*entry.phrasings, named)


def weighed_texts(entry: Entry, weighed: int) -> tuple[str, ...]:
    """The texts of an entry's `weighed` phrasings, as its index holds them: its own, and the
    words of its id where there is one more (an index says whether it read ids by that)."""
    return asked_texts(entry, weighed > len(entry.phrasings))


def reads_ids(kb: KnowledgeBase, settings: IndexSettings) -> bool:
    """Whether the index weighs an entry's id as one more way to ask it: in a KB that shows
    one way, or a few, to ask each question (fewer than `settings.many_phrasings` an entry),
    where the name its author gave the entry is often the word a user asks with, and its one
    question may not use it ("opening-hours" of "When are you open?"). Not in a KB of users'
    own messages, which say how users ask already, and whose ids name categories
    ("ORDER_STATUS"). The id is not counted among the phrasings that show how users ask
    (Tally.phrasings_per_entry), nor in the KB's novelty, nor encoded by meaning."""
    if not settings.read_ids:
        return False
    phrasings = sum(len(e.phrasings) for e in kb.entries)
    return not shows_how_users_ask(phrasings / max(len(kb.entries), 1), settings.many_phrasings)


def shows_how_users_ask(phrasings_per_entry: float, many_phrasings: float) -> bool:
    """Whether a KB of this many phrasings an entry shows how its users ask (users' own
    messages, as HINT3 collects them; an FAQ with many hand-written alternates), rather than
    one way, or a few, to ask each question: the line reading ids (reads_ids) and the
    matcher's statistics (Settings.many_phrasings) both draw."""
    return phrasings_per_entry >= many_phrasings


class Phrasing:
    __slots__ = ("text", "terms", "total")

    def __init__(self, text: str, terms: dict[str, float]) -> None:
        self.text = text
        self.terms = terms  # term -> weight
        self.total = sum(terms.values()) or 1.0  # the denominator of precision


class TermLists(Protocol):
    """term -> (index, weight there) of the phrasings that use it, in order; only looked up,
    and only for a term the phrasings use (one of IndexedEntry.asked)."""

    def __getitem__(self, term: str, /) -> list[tuple[int, float]]: ...


def term_lists(phrasings: list[Phrasing]) -> dict[str, list[tuple[int, float]]]:
    """The TermLists of these phrasings."""
    by_term: dict[str, list[tuple[int, float]]] = {}
    for i, ph in enumerate(phrasings):
        for term, weight in ph.terms.items():
            by_term.setdefault(term, []).append((i, weight))
    return by_term


# An entry's terms, each with a bit set for each of its phrasings that uses it (bit p:
# phrasing p), and each phrasing's total weight: what bounds each phrasing's fit without
# making the phrasings (see signals.phrasing_bounds). For entries of a few phrasings.
PhrasingMasks = tuple[dict[str, int], list[float]]


def phrasing_masks(phrasings: list[Phrasing]) -> PhrasingMasks:
    """The PhrasingMasks of these phrasings."""
    return term_masks([ph.terms for ph in phrasings]), [ph.total for ph in phrasings]


def term_masks(phrasing_terms: Sequence[Iterable[str]]) -> dict[str, int]:
    """Each term of these phrasings' terms, with bit p set where phrasing p uses it."""
    masks: dict[str, int] = dict.fromkeys(phrasing_terms[0], 1) if phrasing_terms else {}
    for p in range(1, len(phrasing_terms)):
        bit = 1 << p
        for term in phrasing_terms[p]:
            masks[term] = masks.get(term, 0) | bit
    return masks


class StoredParts(Protocol):
    """How a stored entry's parts are read, each on first use (see index_store)."""

    phrasing_count: int  # known without reading them

    def entry(self) -> Entry: ...

    def phrasings(self, entry: Entry) -> list[Phrasing]: ...

    def term_lists(self) -> tuple[TermLists, list[float]] | None:
        """`IndexedEntry.phrasings_using` and the phrasings' totals, where they were stored
        (an entry of many phrasings); None where they are worked out from the phrasings."""
        ...

    def phrasing_masks(self) -> PhrasingMasks | None:
        """IndexedEntry.phrasing_masks from the stored terms and weights, without making the
        phrasings; None once they are made (then they are read instead)."""
        ...


class IndexedEntry:
    __slots__ = (
        "entry", "phrasings", "asked", "told", "told_size", "phrasing_count", "answers_type",
        "_by_term", "_totals", "_masks", "_stored",
    )  # fmt: skip

    def __init__(
        self,
        entry: Entry | None,
        phrasings: list[Phrasing] | None,
        asked: set[str],
        told: Container[str],
        stored: StoredParts | None = None,
    ) -> None:
        if stored is None:
            self.entry, self.phrasings = entry, phrasings
        # A stored entry: most entries read for a question are only bounded, from their terms;
        # its text and its phrasings are made on first use (see __getattr__), and an entry of
        # many phrasings is scored from the term lists stored for it, without making them.
        self._stored = stored
        self.asked = asked  # terms of the entry's phrasings
        self.told = told  # terms of its answer and source (see told_terms)
        # How many: a set's size, or the terms of the one string, each with a space before
        # and the last one after too (see told_terms).
        self.told_size = told.count(" ") - 1 if isinstance(told, str) else len(told)
        # How many phrasings it has, known before they are read: how it is scored (see
        # FEW_PHRASINGS) and bounded (one phrasing has no second best).
        self.phrasing_count = stored.phrasing_count if stored is not None else len(phrasings or ())
        # Question type name -> whether the entry answers that type, worked out on first need
        # (most questions have no type) and kept: the answer patterns are regular expressions
        # over the whole answer, too dear to run for every question.
        self.answers_type: dict[str, bool] = {}
        self._by_term: TermLists | None = None
        self._totals: list[float] | None = None
        self._masks: PhrasingMasks | None = None

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        # Called only for an empty slot: a stored entry's text or phrasings, first read.
        stored = self._stored
        if stored is None or name not in ("entry", "phrasings"):
            raise AttributeError(name)
        if name == "entry":
            self.entry = stored.entry()
        else:
            self.phrasings = stored.phrasings(self.entry)
        return getattr(self, name)

    def phrasings_using(self) -> TermLists:
        """Its phrasings' TermLists: worked out on first need and kept, so that scoring an
        entry of 100 phrasings visits only those a question touches."""
        if self._by_term is None:
            self._read_stored_lists()
        if self._by_term is None:
            self._by_term = term_lists(self.phrasings)
        return self._by_term

    def phrasing_totals(self) -> list[float]:
        """Each phrasing's total weight (Phrasing.total), in order."""
        if self._totals is None:
            self._read_stored_lists()
        if self._totals is None:
            self._totals = [ph.total for ph in self.phrasings]
        return self._totals

    def phrasing_masks(self) -> PhrasingMasks:
        """Its PhrasingMasks: worked out on first need and kept. A stored entry's come from
        its stored terms while its phrasings are not made: bounding them is how an entry
        about to be scored in full is often spared it."""
        if self._masks is None:
            found = self._stored.phrasing_masks() if self._stored is not None else None
            self._masks = found if found is not None else phrasing_masks(self.phrasings)
        return self._masks

    def _read_stored_lists(self) -> None:
        found = self._stored.term_lists() if self._stored is not None else None
        if found is not None:
            self._by_term, self._totals = found

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
    # Its phrasings written as an author writes a question (see is_written), of them all.
    written_phrasings: int
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
    # Version numbers ("covid 19"): a number the KB's phrasings only ever write after one
    # word -> that word's term (see Tally.versions)
    versions: Mapping[str, str]

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
    defaults are faqbot's (settings.Settings reads them from DEFAULT_SHAPING), so that a
    command that only reads the index needs no matcher to find it."""

    stopword_weight: float = 0.3
    fuzzy_min_length: int = 5
    many_phrasings: float = 4.0  # see reads_ids and Settings.many_phrasings
    read_ids: bool = True  # see reads_ids and Settings.read_ids


DEFAULT_SHAPING = IndexSettings()


def inverse_frequency(documents: int, using: int) -> float:
    """How much a term tells apart among `documents` (entries, sentences) when `using` of
    them use it: a smoothed inverse document frequency."""
    return math.log((documents + 1) / (using + 0.5))


def version_numbers(toks: Sequence[Token], versions: Mapping[str, str]) -> dict[str, str]:
    """The version numbers said in `toks` (see Tally.versions), each with its word: a number
    the KB's phrasings only ever write after one word, said right after that word ("covid
    19", "windows 10"). Such a number names a version of the word, and tells only what it adds
    to it (see version_weight); said elsewhere it counts in full."""
    found: dict[str, str] = {}
    if not versions or not any(map(str.isdigit, map(_TERM, toks))):  # most texts: no number
        return found
    for before, tok in itertools.pairwise(toks):
        word = versions.get(tok.term)
        if word is not None and before.term == word:
            found[tok.term] = word
    return found


def _numbers_after_words(toks: Sequence[Token]) -> Iterator[tuple[str, str | None]]:
    """Each number of up to three digits in `toks` (a year is no version), with the
    informative word right before it, or None ("6.5": "5" follows a number; "in 24 hours": a
    function word). Only the numbers' places are visited (found in C)."""
    terms = list(map(_TERM, toks))
    for k in itertools.compress(range(len(terms)), map(str.isdigit, terms)):
        term = terms[k]
        if len(term) <= 3 and term.isascii():
            before = toks[k - 1] if k else None
            yield (
                term,
                (
                    before.term
                    if before is not None and before.surface.isalpha() and not before.stop
                    else None
                ),
            )


def version_weight(number_idf: float, word_idf: float) -> float:
    """What a version number says beyond its word: its idf less the word's, as the KB only
    ever says the number with the word. "19" after "covid" in a KB where people write
    "covid" alone more often than "covid 19" tells little more than "covid" does; counted in
    full, it made a question on what covid is look like one on deliveries during covid."""
    return max(number_idf - word_idf, 0.0)


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
    """Tokenize every entry of `kb` and work out the tables matching reads, in memory.

    (`index_store.build` does the same into a file, keeping no entry's terms in memory.)"""
    with bulk_build():
        tally = Tally(kb.synonyms, len(kb.entries), progress, reads_ids(kb, settings))
        terms = [tally.add(entry) for entry in kb.entries]
        entries = [
            IndexedEntry(entry, phrasings_of(entry, weights), asked, told_terms(told))
            for entry, (asked, told), weights in zip(
                kb.entries, terms, tally.weights(settings), strict=True
            )
        ]
        return tally.index(kb, settings, entries, [shortest(ie.phrasings) for ie in entries])


def told_terms(terms: Iterable[str]) -> frozenset[str]:
    """IndexedEntry.told: the terms of an entry's answer and source, each with a space before
    and after, as Question.matchable has them. Spaced, a term is found alike in this set and in
    the one string of them all that a stored entry of a large KB keeps instead (see
    index_store._indexed_entry). Interned: the entries kept share one string per term."""
    return frozenset([sys.intern(f" {term} ") for term in terms])


def phrasings_of(entry: Entry, weights: list[dict[str, float]]) -> list[Phrasing]:
    """The entry's phrasings with their weights, one more where its id is weighed too."""
    texts = weighed_texts(entry, len(weights))
    return [Phrasing(text, w) for text, w in zip(texts, weights, strict=True)]


def shortest(phrasings: list[Phrasing]) -> float:
    """The total weight of an entry's lightest phrasing (see KBIndex.shortest)."""
    return min((p.total for p in phrasings), default=1.0)


class Tally:
    """One pass over a KB's entries, in order, counting what their weights depend on.

    `add` tokenizes an entry, counts it, and gives back its terms for the caller to keep (in
    memory) or to store (`index_store.build`); the tally keeps only its phrasings' tokens, to
    weigh them once every entry is counted (`weights`). Memory follows the vocabulary and the
    postings, not the length of the answers.

    `progress`, if given, hears how far it is, in steps of two per entry: counted, weighed.
    """

    __slots__ = (
        "analyzer", "df", "surfaces", "joined_pairs", "uses", "in_phrasings", "phrasing_words",
        "postings", "tokens", "_idf", "_expected", "_progress", "number_uses", "_versions",
        "written_phrasings", "read_ids", "phrasings_asked",
    )  # fmt: skip

    def __init__(
        self,
        synonyms: tuple[tuple[str, ...], ...],
        expected: int = 0,
        progress: Callable[[int, int], None] | None = None,
        read_ids: bool = False,  # see reads_ids
    ) -> None:
        self.analyzer = Analyzer(synonyms)
        self.read_ids = read_ids
        self.phrasings_asked = 0  # the entries' own phrasings, their ids' words apart
        self._expected, self._progress = expected, progress  # entries to come; who hears
        self.df: Counter[str] = Counter()  # term -> the number of entries using it
        self.surfaces: dict[str, str] = {}
        self.joined_pairs: dict[str, tuple[Token, Token]] = {}
        # Novelty: how many of the informative words of the KB's phrasings occur nowhere else.
        self.uses: Counter[str] = Counter()  # informative term -> phrasings and answers using it
        # A term used once in all (see `uses`) is novel where that once is in a phrasing: the
        # terms phrasings use, and how many informative words they have, are all novelty needs
        # of them (a set per phrasing took 52 MB of a 100,000-entry KB's build).
        self.in_phrasings: set[str] = set()
        self.phrasing_words = 0
        self.written_phrasings = 0  # see is_written
        # Machine integers, as the store keeps them: a list would hold an int object (32
        # bytes) per posting, 170 MB of a 100,000-entry KB's build.
        self.postings: dict[str, array[int]] = {}
        self.tokens: list[list[list[Token]]] = []  # per entry: its phrasings' tokens
        # number -> how often the KB writes it after each word (None: after none), for
        # `versions`
        self.number_uses: dict[str, Counter[str | None]] = {}
        self._idf: dict[str, float] | None = None
        self._versions: dict[str, str] | None = None

    def add(self, entry: Entry) -> tuple[set[str], set[str]]:
        """Count the next entry; the terms of its phrasings (asked) and answer (told)."""
        analyzer = self.analyzer
        phrasings = [analyzer.tokens(p) for p in asked_texts(entry, self.read_ids)]
        own = phrasings[: len(entry.phrasings)]  # without its id's words
        self.phrasings_asked += len(own)
        self.written_phrasings += sum(map(is_written, entry.phrasings))
        answer_tokens = analyzer.tokens(f"{entry.answer} {entry.source or ''}")
        # A large KB's answers hold millions of words: what can be is done by map, set and
        # Counter.update, loops in C. (A surface is always the same term, so updating
        # `surfaces` with every token keeps the first place of each: `fuzzy_choices`' order.)
        every = list(itertools.chain(*phrasings, answer_tokens))
        self.surfaces.update(zip(map(_SURFACE, every), map(_TERM, every), strict=True))
        asked = set(map(_TERM, itertools.chain(*phrasings)))
        told = set(map(_TERM, answer_tokens))
        self.df.update(asked | told)
        for toks in [*phrasings, answer_tokens]:
            _join_pairs(toks, self.joined_pairs)
        # Versions are read from how the KB asks (its phrasings, where they are weighed): its
        # answers, the bulk of its words, are not scanned for numbers.
        if any(map(str.isdigit, asked)):
            for toks in phrasings:
                for number, word in _numbers_after_words(toks):
                    self.number_uses.setdefault(number, Counter())[word] += 1
        informative = [_informative(toks) for toks in own]
        for terms in informative:
            self.in_phrasings.update(terms)
            self.phrasing_words += len(terms)
        for terms in [*informative, _informative(answer_tokens)]:
            self.uses.update(terms)
        number = len(self.tokens) + 1  # postings name entry i as i + 1 (see KBIndex.postings)
        for signed, terms in ((number, asked), (-number, told - asked)):
            for term in terms:
                listed = self.postings.get(term)
                if listed is None:
                    listed = self.postings[term] = array("i")
                listed.append(signed)
        self.tokens.append(phrasings)
        self._report(number)
        return asked, told

    def _report(self, steps: int) -> None:
        if self._progress is not None and steps % 1000 == 0:
            self._progress(steps, 2 * self._expected)

    @property
    def phrasings_per_entry(self) -> float:
        return self.phrasings_asked / max(len(self.tokens), 1)

    @property
    def idf(self) -> dict[str, float]:
        if self._idf is None:  # once every entry is counted
            n = len(self.tokens)
            self._idf = {term: inverse_frequency(n, d) for term, d in self.df.items()}
        return self._idf

    @property
    def versions(self) -> dict[str, str]:
        """The KB's version numbers: each number its phrasings write at least twice and only
        ever after the same informative word ("covid 19"), with that word's term. Once is too
        little to tell a version from a count ("bring 2 guests"). Worked out once every entry
        is counted (weighing and the finished index both read it)."""
        if self._versions is None:
            found = {}
            for number, uses in self.number_uses.items():
                if len(uses) == 1:
                    ((word, times),) = uses.items()
                    if word is not None and times >= 2:
                        found[number] = word
            self._versions = found
        return self._versions

    def weights(self, settings: IndexSettings) -> Iterator[list[dict[str, float]]]:
        """Per entry, in order: each phrasing's terms with their weights."""
        idf, k = self.idf, self.phrasings_per_entry
        function_weight = stopword_weight(settings.stopword_weight, k) if k else 1.0
        versions = self.versions
        for number, phrasings in enumerate(self.tokens, len(self.tokens) + 1):
            self._report(number)
            weighed = []
            for toks in phrasings:
                weights = {t.term: idf[t.term] * (function_weight if t.stop else 1.0) for t in toks}
                for term, word in version_numbers(toks, versions).items():
                    weights[term] = version_weight(idf[term], idf[word])
                weighed.append(weights)
            yield weighed

    def index(
        self,
        kb: KnowledgeBase,
        settings: IndexSettings,
        entries: Sequence[IndexedEntry],
        shortest: Sequence[float],
    ) -> KBIndex:
        """The finished index, its entries kept as the caller keeps them."""
        uses = self.uses
        return KBIndex(
            title=kb.title,
            path=kb.path,
            synonyms=kb.synonyms,
            size=len(self.tokens),
            phrasings_per_entry=self.phrasings_per_entry,
            novel_words=sum(uses[t] == 1 for t in self.in_phrasings),
            phrasing_words=self.phrasing_words,
            written_phrasings=self.written_phrasings,
            idf=self.idf,
            surfaces=self.surfaces,
            joined_pairs=self.joined_pairs,
            postings=self.postings,
            entries=entries,
            shortest=shortest,
            fuzzy_choices=[s for s in self.surfaces if len(s) >= settings.fuzzy_min_length],
            versions=self.versions,
        )


def is_written(phrasing: str) -> bool:
    """Whether a phrasing reads as an author writes a question: its first letter a capital,
    its last character a question mark, full stop or exclamation mark. An FAQ's questions
    and their alternates are (95-100% of the phrasings of the packaged KB, covidfaq and the
    shared plain KBs); users' own messages, as collected, mostly are not (HINT3: 10-12%)."""
    first = phrasing[:1]  # most begin with their first letter: no search for it
    if not first.isalpha():
        found = _LETTER.search(phrasing)
        first = found.group() if found else ""
    return first.isupper() and phrasing.rstrip().rstrip("\"'”’»)").endswith(("?", ".", "!"))


_LETTER = re.compile(r"[^\W\d_]")
_SURFACE = operator.attrgetter("surface")
_TERM = operator.attrgetter("term")
_STOP = operator.attrgetter("stop")


def terms_in_order(toks: list[Token]) -> list[str]:
    """A phrasing's distinct terms in the order of first use: the order of its weights
    (Tally.weights), which is how a stored index pairs them up again."""
    return list(dict.fromkeys(map(_TERM, toks)))


def _informative(toks: list[Token]) -> set[str]:
    """The terms of the tokens that are not function words."""
    return set(map(_TERM, itertools.filterfalse(_STOP, toks)))


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
