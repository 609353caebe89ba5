"""Candidate retrieval: the few entries of a KB worth scoring for a question, found through
the postings of its words (see kb_index), so that the cost follows the question's words and
not the size of the KB.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
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
        # than there are candidates, look each candidate up in its postings (a set built
        # in C) rather than step through them all in Python: the same sums, a fraction of
        # the time for a common word in a large KB.
        if len(left) > _LOOKUP_INSTEAD * len(shared):
            _add_where_named(set(left), gain, shared, asked)
            continue
        for p in left:
            i = abs(p) - 1
            if i in shared:
                shared[i] += gain
                if p > 0:
                    asked[i] = asked.get(i, 0.0) + gain
    if len(shared) <= max_candidates:
        return list(shared)
    estimate = estimates(shared, asked, shortest)
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


def estimates(
    shared: dict[int, float], asked: dict[int, float], shortest: Sequence[float]
) -> dict[int, float]:
    """A quick estimate of what scoring will find for each candidate: coverage, and how much
    of the entry's lightest phrasing the question may say (a short phrasing said whole is a
    close fit)."""
    return {
        i: weight + (said := asked.get(i, 0.0)) * min(1.0, said / shortest[i])
        for i, weight in shared.items()
    }


# A full candidate list looks a word's entries up in a set of its postings once the postings
# are this many times longer than the list (a set is built in C, about 5x as fast per posting
# as a Python loop steps through them; each lookup costs about as much as a step).
_LOOKUP_INSTEAD = 4


def _add_where_named(
    named: Collection[int], gain: float, shared: dict[int, float], asked: dict[int, float]
) -> None:
    """Add `gain` to each candidate in `shared` that a word's postings name (and to `asked`
    where a phrasing of it says the word): what stepping through the postings adds to them."""
    for i in shared:
        if i + 1 in named:
            shared[i] += gain
            asked[i] = asked.get(i, 0.0) + gain
        elif -(i + 1) in named:
            shared[i] += gain
