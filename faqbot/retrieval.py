"""Candidate retrieval: the few entries of a KB worth scoring for a question, found through
the postings of its words (see kb_index), so that the cost follows the question's words and
not the size of the KB.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from operator import neg
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from faqbot.signals import Question


def retrieve(
    question: Question,
    postings: Mapping[str, Sequence[int]],
    shortest: Sequence[float],
    max_candidates: int,
) -> list[int]:
    """The entries worth scoring: those that explain at least one of the question's topic
    words, at most `max_candidates` of them, the ones whose shared words weigh most. An
    entry that shares only function words with the question ("Is there a ...?") says nothing
    about what it asks, and is no answer however many it shares. `postings`: term -> the
    entries that use it, each as its index + 1, negative where only its answer or source does
    (see kb_index); `shortest`: each entry's lightest phrasing's total weight."""
    terms = words_rarest_first(question, postings)
    # Rarest words first. Once there are candidates enough, a further word only adds to
    # the candidates found, rather than making more: in a large KB a common word would
    # make thousands, each to be estimated below. (Where the rarest word alone is that
    # common, the first entries that use it are taken: it tells them apart no better.)
    room = 4 * max_candidates
    shared: dict[int, float] = {}  # entry -> weight of question words it explains
    asked: dict[int, float] = {}  # ... that one of its phrasings says
    # Once full, the candidates as postings may name them: index + 1 where a phrasing says
    # the word, -(index + 1) where only the answer or source does (made in C, with map).
    named_as: set[int] | None = None
    for named, gain in terms:
        left: Iterable[int] = named
        if not shared:
            # The first word: each entry it names is a new candidate (an entry is named once
            # a word), up to the room there is; the rest it names are none and gain nothing.
            first = named[:room]
            shared = dict.fromkeys([abs(p) - 1 for p in first], gain)
            asked = {p - 1: gain for p in first if p > 0}
            room -= len(first)
            continue
        if room:
            left = iter(named)
            for p in left:
                i = abs(p) - 1
                if i not in shared:
                    if not room:
                        break  # full: the rest of this word's entries, below
                    room -= 1
                    shared[i] = 0.0
                shared[i] += gain
                if p > 0:
                    asked[i] = asked.get(i, 0.0) + gain
            else:
                continue
            left = list(left)  # (an entry is named once a word: none of these is counted yet)
        # Full: the word can only add to the candidates. Where it names many more entries
        # than there are candidates, the candidates it names are found by intersecting its
        # postings with theirs, in C (one pass over the postings, none stored), rather than
        # by stepping through them all in Python: the same sums, a fraction of the time for
        # a common word in a large KB.
        if len(left) > _LOOKUP_INSTEAD * len(shared):
            if named_as is None:
                said_by = set(map((1).__add__, shared))
                named_as = said_by | set(map(neg, said_by))
            for p in named_as.intersection(left):
                if p > 0:
                    shared[p - 1] += gain
                    asked[p - 1] = asked.get(p - 1, 0.0) + gain
                else:
                    shared[-p - 1] += gain
            continue
        for p in left:
            i = abs(p) - 1
            if i in shared:
                shared[i] += gain
                if p > 0:
                    asked[i] = asked.get(i, 0.0) + gain
    if len(shared) <= max_candidates:
        return list(shared)
    estimate = _estimates(shared, asked, shortest)
    # The first of the highest, ties in the order found: heapq.nlargest, as its documentation
    # defines it, at a fraction of its cost when it keeps a quarter of them.
    return sorted(estimate, key=estimate.__getitem__, reverse=True)[:max_candidates]


def words_rarest_first(
    question: Question, postings: Mapping[str, Sequence[int]]
) -> list[tuple[Sequence[int], float]]:
    """(postings, weight) of each KB term the question's topic words may stand for, the
    term used by the fewest entries first."""
    return sorted(
        (
            (postings.get(term, ()), w * strength)
            for tok, exp, w in zip(
                question.tokens, question.expansions, question.weights, strict=True
            )
            if not tok.stop
            for term, strength in exp.items()
        ),
        key=lambda pw: len(pw[0]),
    )


def _estimates(
    shared: dict[int, float], asked: dict[int, float], shortest: Sequence[float]
) -> dict[int, float]:
    """A quick estimate of what scoring will find for each candidate: coverage, and how much
    of the entry's lightest phrasing the question may say (a short phrasing said whole is a
    close fit)."""
    estimate = dict(shared)  # an entry no phrasing of which says a question word: coverage
    for i, said in asked.items():
        share = said / shortest[i]
        estimate[i] = shared[i] + (said if share >= 1.0 else said * share)
    return estimate


# A full candidate list is intersected with a word's postings once they are this many times
# longer than the list; shorter postings are stepped through. Measured on curekart's queries:
# at 10,000 entries stepping through the shorter ones takes 0.26 ms a question where always
# intersecting takes 0.31 (the candidates' own set costs more than a short run); at 100,000
# the two are alike (0.72 to 0.74 ms at 0, 1 and 4).
_LOOKUP_INSTEAD = 4
