"""The signals an entry is scored by for one question, each worked out by its own function
from the question as prepared once (Question) and the entry's index (kb_index.IndexedEntry):

- phrasing_fit: the entry's nearest phrasings, each an F-score of recall (how much of the
  question it explains) and precision (how much of it the question says);
- coverage: how much of the question the entry explains anywhere, its answer and source
  included, and how much its phrasings can (the reach that bounds phrasing_fit).

The answer type and meaning, which need the analyzer and the sentence model, and the way the
signals are combined into a confidence, are the matcher's (faqbot.matcher).
"""

from __future__ import annotations

import math
from itertools import compress
from typing import TYPE_CHECKING, NamedTuple

from faqbot.kb_index import FEW_PHRASINGS, IndexedEntry, id_phrasing

if TYPE_CHECKING:
    from collections.abc import Container

    from faqbot.analysis import QuestionType, Token
    from faqbot.model import Entry


class WordMatch(NamedTuple):
    question_word: str
    kb_word: str | None  # None: no word of the entry explains this one
    weight: float
    strength: float  # 1.0 exact or synonym; less for a typo or an answer-only match; 0 none
    typo: bool = False  # matched a KB word it is a misspelling of
    answer_only: bool = False  # found in the answer or source, in none of the phrasings
    version_of: str | None = None  # a version number ("19" of "covid"): that word, as written


class Question:
    """A question as every entry is scored against it: worked out once per question."""

    __slots__ = (
        "tokens",
        "expansions",
        "weights",
        "types",
        "total_weight",
        "matchable",
        "covered",
        "fits",
        "coverages",
        "versions",
    )

    def __init__(
        self,
        tokens: list[Token],
        expansions: list[dict[str, float]],  # per token: the KB terms it may stand for, how well
        weights: list[float],  # per token
        types: list[QuestionType],  # the answer types it asks for
        versions: dict[str, str] | None = None,  # its version numbers -> their words, as written
    ) -> None:
        self.tokens, self.expansions, self.weights, self.types = tokens, expansions, weights, types
        self.versions = versions or {}
        self.total_weight = sum(weights) or 1.0  # the denominator of recall and coverage
        # The tokens some KB term may explain, as (weight, term, spaced, strength, None) for
        # a word of one term (most: no best to pick), and (weight, None, None, 0, its (term,
        # spaced, strength) triples) for a word of several. Spaced: the term with a space
        # before and after, as an entry's told terms are found (see kb_index.told_terms).
        self.matchable: list[
            tuple[float, str | None, str | None, float, tuple[tuple[str, str, float], ...] | None]
        ]
        self.matchable = []
        for exp, w in zip(expansions, weights, strict=True):
            if len(exp) == 1:
                ((term, strength),) = exp.items()
                self.matchable.append((w, term, f" {term} ", strength, None))
            elif exp:
                several = tuple((t, f" {t} ", v) for t, v in exp.items())
                self.matchable.append((w, None, None, 0.0, several))
        # KB term -> the strongest any question word matches it with: how much of a phrasing's
        # weight the question says (precision) is the sum over its terms found here
        self.covered: dict[str, float] = {}
        for exp in expansions:
            for term, strength in exp.items():
                if strength > self.covered.get(term, 0.0):
                    self.covered[term] = strength
        # Kept for the question by the matcher: ranking works them out, showing reads them.
        self.fits: dict[int, PhrasingFit] = {}  # entry index -> its phrasing fit
        self.coverages: dict[int, tuple[float, float]] = {}  # entry index -> coverage, reach

    def forget_scores(self) -> None:
        """Drop what ranking kept (every candidate's fit and coverage) once the question is
        answered: a result's candidates read only its words after that (see Explained), and
        a result kept long must not hold them."""
        self.fits, self.coverages = {}, {}


class PhrasingFit:
    """The nearest phrasings of an entry to a question (see phrasing_fit)."""

    __slots__ = ("entry", "nearest", "best", "second", "recall", "precision")

    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        self.nearest = 0  # the best phrasing's index
        self.best = 0.0  # its F-score
        self.second = 0.0  # the second best phrasing's F-score
        self.recall = 0.0  # the best phrasing's
        self.precision = 0.0

    @property
    def by_id(self) -> bool:
        """Whether the best phrasing is the words of the entry's id (kb_index.reads_ids),
        weighed after its own phrasings."""
        return self.nearest >= len(self.entry.phrasings)

    @property
    def text(self) -> str:
        """The best phrasing (read only for the entries shown)."""
        if self.by_id:
            return f"{id_phrasing(self.entry.id)} (the words of its id)"
        return self.entry.phrasings[self.nearest]


def phrasing_fit(ie: IndexedEntry, question: Question, beta_squared: float) -> PhrasingFit:
    """Signal: the nearest phrasings, for each, an F-score of recall (the weight of
    question words it explains) and precision (the weight of its words the question
    says); the best and the second best. Only phrasings sharing a term with the question
    are visited (a phrasing sharing none scores 0)."""
    fit = PhrasingFit(ie.entry)
    totals = ie.phrasing_totals()
    asked_weight = question.total_weight
    best = second = 0.0
    for p, hit, said in _phrasing_overlaps(ie, question):
        recall = hit / asked_weight
        precision = said / totals[p]
        # f_score, written out: this runs for every phrasing of every entry scored
        f = (1 + beta_squared) * recall * precision / (beta_squared * precision + recall)
        if f > best:
            second = best
            best, fit.precision, fit.recall, fit.nearest = f, precision, recall, p
        elif f > second:
            second = f
    fit.best, fit.second = best, second
    return fit


def phrasing_bounds(
    ie: IndexedEntry, question: Question, most_said: dict[str, float], beta_squared: float
) -> tuple[float, float]:
    """The most phrasing_fit's best and second best F-scores can be, from the entry's
    PhrasingMasks alone (its phrasings are not made): each phrasing's recall exactly, and its
    precision as if each question term it uses weighed the most it can (`most_said`, see
    Matcher._most_said). Each phrasing's F-score is at most its bound, so the best and the
    second best are at most the best and the second best bound. For an entry of at most
    FEW_PHRASINGS, where the entry's own bound (Matcher._ceiling) takes its terms all
    together."""
    masks, totals = ie.phrasing_masks()
    n = len(totals)
    hit = [0.0] * n
    for w, term, _, strength, pairs in question.matchable:
        if pairs is None:
            mask = masks.get(term)
            if mask:
                gain = w * strength
                for p in _PHRASINGS_IN[mask]:
                    hit[p] += gain
            continue
        best_in = [0.0] * n  # a word explained twice counts once, its best
        for term, _, strength in pairs:
            mask = masks.get(term)
            if mask:
                for p in _PHRASINGS_IN[mask]:
                    if strength > best_in[p]:
                        best_in[p] = strength
        for p in range(n):
            hit[p] += w * best_in[p]
    said = [0.0] * n
    for term, weight in most_said.items():
        mask = masks.get(term)
        if mask:
            for p in _PHRASINGS_IN[mask]:
                said[p] += weight
    best = second = 0.0
    for p in range(n):
        if hit[p]:
            f = f_score(hit[p] / question.total_weight, min(1.0, said[p] / totals[p]), beta_squared)
            if f > best:
                best, second = f, best
            elif f > second:
                second = f
    return best, second


# A PhrasingMasks mask -> the phrasings it names, in order (bit p: phrasing p).
_PHRASINGS_IN = tuple(
    tuple(p for p in range(FEW_PHRASINGS) if mask >> p & 1) for mask in range(1 << FEW_PHRASINGS)
)


def answer_credit(size: int, credit: float, short_answer_terms: int) -> float:
    """What a question word found only in an entry's answer or source, of `size` terms,
    counts: `credit`, and less for an answer of more than `short_answer_terms` terms, by the
    square root of how many more. A long answer names many words, each the weaker sign of
    what the entry is about (as BM25 discounts a long document's terms): a question word
    that the paragraph-long answer of another question mentions in passing explains less
    than one the single sentence of an answer says."""
    if size <= short_answer_terms:
        return credit
    return credit * math.sqrt(short_answer_terms / size)


def coverage(
    ie: IndexedEntry, question: Question, answer_only_credit: float
) -> tuple[float, float]:
    """Signal: coverage, how much of the question the entry explains anywhere, a word found
    only in its answer or source counting `answer_only_credit`; and its reach, how much of it
    the entry's phrasings explain (the most any one of them can). Worked out for every
    candidate: only the words some KB term may explain are visited (the others add 0), and a
    word of one term (most) has no best to pick."""
    asked, told = ie.asked, ie.told
    hit = reached = 0.0
    for w, t, spaced, v, pairs in question.matchable:
        if pairs is None:
            if t in asked:
                hit += w * v
                reached += w * v
            elif spaced in told:
                hit += w * (v * answer_only_credit)
            continue
        strength = in_phrasings = 0.0
        for t, spaced, v in pairs:
            if t in asked:
                if v > in_phrasings:
                    in_phrasings = v
            elif spaced in told:
                v *= answer_only_credit
            else:
                continue
            if v > strength:
                strength = v
        hit += w * strength
        reached += w * in_phrasings
    return hit / question.total_weight, reached / question.total_weight


def word_matches(
    asked: set[str], told: Container[str], question: Question, answer_only_credit: float
) -> list[WordMatch]:
    """How each question word was explained, for showing, from an entry's terms (its
    IndexedEntry's asked and told): each word's best term, as coverage() counts it, so that
    the words shown add up to the coverage shown."""
    matches = []
    for tok, exp, w in zip(question.tokens, question.expansions, question.weights, strict=True):
        term, strength = None, 0.0
        for t, v in exp.items():
            if f" {t} " in told and t not in asked:
                v *= answer_only_credit
            elif t not in asked:
                continue
            if v > strength:
                term, strength = t, v
        matches.append(
            WordMatch(
                tok.surface, term, w, strength,
                typo=term is not None and exp[term] < 1,
                answer_only=term is not None and term not in asked,
                version_of=question.versions.get(tok.term),
            )
        )  # fmt: skip
    return matches


class Explained:
    """How an entry explains a question, word by word, and its nearest phrasing: shown only
    by --explain, so worked out when first read (a batch of plain answers never reads them,
    and reading the phrasing decodes a stored entry's phrasings). It keeps what that needs,
    not the entry's index record: a result may be kept long (chat keeps the last for /why,
    a script calling match_all all of its batch), and a stored entry's record holds what
    was decoded of it."""

    __slots__ = ("_asked", "_told", "_question", "_credit", "_fit", "_words")

    def __init__(
        self, ie: IndexedEntry, question: Question, fit: PhrasingFit, answer_only_credit: float
    ) -> None:
        self._asked, self._told, self._question = ie.asked, ie.told, question
        self._fit, self._credit = fit, answer_only_credit
        self._words: tuple[WordMatch, ...] | None = None

    @property
    def phrasing(self) -> str:
        return self._fit.text

    @property
    def by_id(self) -> bool:
        """Whether the nearest phrasing is the words of the entry's id (kb_index.reads_ids)."""
        return self._fit.by_id

    @property
    def words(self) -> tuple[WordMatch, ...]:
        if self._words is None:
            matches = word_matches(self._asked, self._told, self._question, self._credit)
            self._words = tuple(matches)
        return self._words

    # Two are equal when they show the same (a question matched twice, say).
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Explained):
            return NotImplemented
        return (self.phrasing, self.words) == (other.phrasing, other.words)

    def __hash__(self) -> int:
        return hash((self.phrasing, self.words))


def f_score(recall: float, precision: float, beta_squared: float) -> float:
    """The F-score of a phrasing's recall and precision (recall > 0): under 1 beta_squared
    favours precision. It grows with both, which the ceiling of an entry relies on."""
    return (1 + beta_squared) * recall * precision / (beta_squared * precision + recall)


def _phrasing_overlaps(ie: IndexedEntry, question: Question) -> list[tuple[int, float, float]]:
    """(phrasing index, weight of the question words it explains, weight of its words the
    question says) for each phrasing of the entry sharing a term with the question, in
    order. Both ways of finding them add the same numbers in the same order."""
    if ie.phrasing_count <= FEW_PHRASINGS:
        return _overlaps_one_by_one(ie, question)
    return _overlaps_by_term(ie, question)


def _overlaps_one_by_one(ie: IndexedEntry, question: Question) -> list[tuple[int, float, float]]:
    found = []
    for p, ph in enumerate(ie.phrasings):
        terms = ph.terms
        hit = 0.0
        for w, term, _, strength, pairs in question.matchable:
            if pairs is not None:  # a word explained twice counts once, its best
                strength = max((v for t, _, v in pairs if t in terms), default=0.0)
            elif term not in terms:
                continue
            if strength:
                hit += w * strength
        if hit:
            said = sum(terms[t] * v for t, v in question.covered.items() if t in terms)
            found.append((p, hit, said))
    return found


def _overlaps_by_term(ie: IndexedEntry, question: Question) -> list[tuple[int, float, float]]:
    """Many phrasings (users' own messages): visit only those a question term leads to. A
    term is looked up only where the phrasings use it (the entry's `asked`, a set): most
    of a question's terms, and its words' typo neighbours, are not in a given entry. The
    sums are kept in lists, one place a phrasing, as the phrasings are numbered."""
    using, asked = ie.phrasings_using(), ie.asked
    hits = [0.0] * ie.phrasing_count
    for w, term, _, strength, pairs in question.matchable:
        if pairs is None:  # most words: one term, no best to pick (the per-question path)
            if term in asked:
                gain = w * strength
                for p, _ in using[term]:
                    hits[p] += gain
            continue
        strongest: dict[int, float] = {}  # a word explained twice counts once, its best
        for term, _, strength in pairs:
            if term in asked:
                for p, _ in using[term]:
                    if strength > strongest.get(p, 0.0):
                        strongest[p] = strength
        for p, strength in strongest.items():
            hits[p] += w * strength
    said = [0.0] * len(hits)
    for term, strength in question.covered.items():
        if term in asked:
            for p, weight in using[term]:
                said[p] += weight * strength
    return [(p, hits[p], said[p]) for p in compress(range(len(hits)), hits)]
