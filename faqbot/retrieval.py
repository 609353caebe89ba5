"""Candidate retrieval: the few entries of a KB worth scoring for a question, found through
the postings of its words (see kb_index), so that the cost follows the question's words and
not the size of the KB.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Mapping, Sequence
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
    terms = sorted(
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
    # Rarest words first. Once there are candidates enough, a further word only adds to
    # the candidates found, rather than making more: in a large KB a common word would
    # make thousands, each to be estimated below. (Where the rarest word alone is that
    # common, the first entries that use it are taken: it tells them apart no better.)
    room = 4 * max_candidates
    shared: dict[int, float] = {}  # entry -> weight of question words it explains
    asked: dict[int, float] = {}  # ... that one of its phrasings says
    for named, gain in terms:
        if not room and len(named) > _LOOKUP_INSTEAD * len(shared):
            # Full: the word can only add to the candidates, and it names many more
            # entries than there are candidates. Look each candidate up in its postings
            # (a set built in C) rather than step through them all in Python: the same
            # sums, a fraction of the time for a common word in a large KB.
            _add_where_named(set(named), gain, shared, asked)
            continue
        for p in named:
            i = abs(p) - 1
            if i not in shared:
                if not room:
                    continue
                room -= 1
                shared[i] = 0.0
            shared[i] += gain
            if p > 0:
                asked[i] = asked.get(i, 0.0) + gain
    if len(shared) <= max_candidates:
        return list(shared)
    # A quick estimate of what scoring will find: coverage, and how much of the entry's
    # lightest phrasing the question may say (a short phrasing said whole is a close fit).
    estimate = {
        i: weight + (said := asked.get(i, 0.0)) * min(1.0, said / shortest[i])
        for i, weight in shared.items()
    }
    return heapq.nlargest(max_candidates, estimate, key=estimate.__getitem__)


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
