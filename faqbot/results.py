"""What matching makes of a question: each entry scored (Candidate), and the answer or the
reason there is none (Result), as the renderers show them; and, inside the matcher, what
words alone make of it (Worded), for meaning to weigh in on (faqbot.meaning_signals), with
the ranking so far (Ranking)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from faqbot.model import Entry
    from faqbot.signals import Explained, Question, WordMatch

# Only this much of a question is analysed: no real question is longer, and a megabyte line
# must not cost minutes of fuzzy matching.
MAX_QUESTION_CHARS = 1000


def analysed_part(question: str) -> str:
    """The question as far as it is analysed (by words and by meaning alike): its first
    MAX_QUESTION_CHARS characters, less a word the cut falls inside ("rea" of "really" is no
    word, and a rare one the KB never uses would decline the question), unless that word is
    all there is."""
    if len(question) <= MAX_QUESTION_CHARS:
        return question
    part = question[:MAX_QUESTION_CHARS]
    if question[MAX_QUESTION_CHARS].isalnum():
        whole = part[: len(part) - len(_WORD_END.search(part).group())]
        return whole if whole.strip() else part
    return part


_WORD_END = re.compile(r"\w*$")


class Candidate(NamedTuple):
    entry: Entry
    confidence: float  # 0-100, unrounded (faqbot.figures rounds what is shown)
    recall: float
    precision: float
    coverage: float
    type_ok: bool
    explained: Explained  # its nearest phrasing and word matches, read when shown
    # How the confidence is made, for --explain: confidence = 100 x (phrasing_weight x
    # phrasing_score + (1 - phrasing_weight) x coverage) x type_factor.
    phrasing_score: float = 0.0  # the F-scores of the best phrasings, blended (0-1)
    phrasing_weight: float = 0.0  # its share in this KB (see Matcher.phrasing_weight)
    type_factor: float = 1.0  # 1, or the mark-down for an answer of the wrong type
    # Set when meaning, not words, made this the answer: the similarity of its nearest
    # phrasing (the confidence is then 100 x this).
    meaning: float | None = None

    @property
    def phrasing(self) -> str:
        """The entry's phrasing nearest to the question."""
        return self.explained.phrasing

    @property
    def words(self) -> tuple[WordMatch, ...]:
        """How each question word was explained (or not) by the entry."""
        return self.explained.words


class Result(NamedTuple):
    question: str
    candidates: tuple[Candidate, ...]  # best first
    answer: Candidate | None  # None: no confident answer
    reason: str  # why faqbot answered or abstained, for --explain
    suggestions: tuple[Candidate, ...] = ()  # when abstaining: the closest entries worth naming
    # When abstaining with the `meaning` extra, for --explain: the entry nearest in meaning
    # and why it was not the answer.
    meaning: str | None = None

    @property
    def answered(self) -> bool:
        return self.answer is not None


class Ranking:
    """The retrieved entries being ranked (see Matcher._best_of): those ranked so far as
    (confidence, id, index), best first, and the rest as bounds on their confidence in a
    heap, the highest first. Ranking may go on from where it stopped."""

    __slots__ = ("ranked", "bounds", "most_said")

    def __init__(self, bounds: list, most_said: dict[str, float]) -> None:
        self.ranked: list[tuple[float, str, int]] = []
        self.bounds = bounds  # (-bound, -index, whether the bound is final, entry)
        self.most_said = most_said


class Worded(NamedTuple):
    """What words alone make of a question (Matcher._by_words), for meaning to weigh in on."""

    question: str
    top: int
    prepared: Question | None  # None: the question has no informative word
    ranking: Ranking
    scored: dict[int, Candidate]
    candidates: list[Candidate]  # best first
    unknown_topic: list[str]
    answer: Candidate | None
    reason: str
    runner_up: Candidate | None  # the first entry that competes with the best

    @property
    def analysed(self) -> str:
        """The question as far as it is analysed, by words and by meaning alike."""
        return analysed_part(self.question)
