"""`faqbot test`: score a labeled question set, the way ../shared/eval/score.py does.

A row is {"q": ..., "any": [...]} (right when the answer + source text contains any of the
strings, case, quotes and spacing ignored; [] = the right move is to abstain) or
{"q": ..., "gold": [ids]} (right when the answered id is one of them; [] = abstain). The
figures match score.py's exactly, so a KB author sees what the yardstick will say.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faqbot.errors import InputError
from faqbot.files import UnreadableFile, read_bytes
from faqbot.matcher import Matcher
from faqbot.model import Entry
from faqbot.results import Result

_QUOTES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


@dataclass(frozen=True)
class LabeledQuestion:
    question: str
    any: tuple[str, ...] | None  # seed-set label: phrases a right answer contains
    gold: tuple[str, ...] | None  # external-set label: ids that answer it
    line: int

    @property
    def answerable(self) -> bool:
        return bool(self.any if self.any is not None else self.gold)

    @property
    def label(self) -> str:
        """Its class for MCC: the first gold id, or "OOS" when nothing answers it."""
        return (self.gold or ("OOS",))[0]

    @property
    def expected(self) -> str:
        labels = self.any if self.any is not None else self.gold
        return " | ".join(labels or ()) or "(abstain)"


@dataclass(frozen=True)
class Outcome:
    """A question's label and what faqbot answered: the entry and its confidence, not the
    whole result (a question file may be long, and the report needs no more)."""

    labeled: LabeledQuestion
    answer: Entry | None  # None: declined
    confidence: float | None

    @classmethod
    def of(cls, labeled: LabeledQuestion, result: Result) -> Outcome:
        answer = result.answer
        if answer is None:
            return cls(labeled, None, None)
        return cls(labeled, answer.entry, answer.confidence)

    @property
    def answered(self) -> bool:
        return self.answer is not None

    @property
    def right(self) -> bool:
        row, answer = self.labeled, self.answer
        if not row.answerable:
            return answer is None
        if answer is None:
            return False
        if row.gold is not None:
            return answer.id in row.gold
        text = _norm(f"{answer.answer} {answer.source or ''}")
        return any(_norm(s) in text for s in row.any or ())


def _norm(text: str) -> str:
    # score.py's own normalisation, kept to the letter (not faqbot.text.fold, which folds more
    # quote and dash forms): `faqbot test` must give the yardstick's figures exactly.
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().split())


def load_questions(path: Path) -> list[LabeledQuestion]:
    shown = str(path)
    try:
        raw = read_bytes(path, "question")
    except UnreadableFile as exc:
        raise InputError(f"{shown}: {exc}") from None
    text = raw.decode("utf-8", errors="replace")
    rows, problems = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(_labeled(json.loads(line), shown, number))
        except json.JSONDecodeError as exc:
            problems.append(f"{shown}:{number}:{exc.colno}: invalid JSON: {exc.msg}")
        except InputError as exc:
            problems.extend(exc.messages)
    if problems:  # every one, so that a file is mended in one go
        raise InputError(*problems)
    if not rows:
        raise InputError(f"{shown}: no questions")
    return rows


def _labeled(row: Any, shown: str, number: int) -> LabeledQuestion:
    def fail(message: str) -> InputError:
        return InputError(f"{shown}:{number}:1: {message}")

    if not isinstance(row, dict):
        raise fail('each line must be a JSON object like {"q": ..., "gold": [...]}')
    if not isinstance(row.get("q"), str):
        raise fail('"q" must be the question, as a string')
    labels = {}
    for key in ("any", "gold"):
        if key in row:
            value = row[key]
            if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
                raise fail(f'"{key}" must be a list of strings')
            labels[key] = tuple(str(v) for v in value)
    if not labels:
        raise fail('a row needs "any" (answer phrases) or "gold" (entry ids)')
    return LabeledQuestion(row["q"], labels.get("any"), labels.get("gold"), number)


# Questions asked together (Matcher.match_all): with the meaning extra, those meaning weighs
# in on are encoded in one pass, as `ask -` does with the lines waiting on its stdin.
BATCH = 64


def run(matcher: Matcher, rows: Iterable[LabeledQuestion]) -> list[Outcome]:
    rows = list(rows)
    outcomes = []
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        # score.py sends each question on one stdin line; do the same with embedded newlines.
        results = matcher.match_all([row.question.replace("\n", " ") for row in batch], top=1)
        outcomes += map(Outcome.of, batch, results)
    return outcomes


@dataclass(frozen=True)
class Summary:
    """The figures of `faqbot test`: score.py's, with counts as numbers."""

    questions: int
    accuracy: float
    answerable_right: int
    answerable: int
    answerable_wrong: int
    out_of_scope_declined: int
    out_of_scope: int
    wrong_answer_rate: float  # of the questions answered, the share answered wrongly
    mcc: float | None  # multi-class MCC, when every row names gold ids


@dataclass(frozen=True)
class Miss:
    line: int
    question: str
    expected: str
    got: str | None  # the id answered; None: declined
    answer: str | None
    confidence: float | None


@dataclass(frozen=True)
class Report:
    summary: Summary
    misses: tuple[Miss, ...]


def report(outcomes: list[Outcome]) -> Report:
    return Report(summary(outcomes), tuple(_miss(o) for o in outcomes if not o.right))


def summary(outcomes: list[Outcome]) -> Summary:
    """The same figures as score.py prints."""
    n = len(outcomes)
    answerable = [o for o in outcomes if o.labeled.answerable]
    out_of_scope = [o for o in outcomes if not o.labeled.answerable]
    answered = [o for o in outcomes if o.answered]
    wrong = sum(not o.right for o in answered)
    scored_by_gold = bool(outcomes) and all(o.labeled.gold is not None for o in outcomes)
    return Summary(
        questions=n,
        accuracy=sum(o.right for o in outcomes) / n if n else 0.0,
        answerable_right=sum(o.right for o in answerable),
        answerable=len(answerable),
        answerable_wrong=sum(o.answered and not o.right for o in answerable),
        out_of_scope_declined=sum(not o.answered for o in out_of_scope),
        out_of_scope=len(out_of_scope),
        wrong_answer_rate=wrong / len(answered) if answered else 0.0,
        mcc=mcc([o.labeled.label for o in outcomes], [_predicted_label(o) for o in outcomes])
        if scored_by_gold
        else None,
    )


def _predicted_label(outcome: Outcome) -> str:
    answer = outcome.answer
    if answer is None:
        return "OOS"
    if outcome.right:
        return outcome.labeled.label
    return answer.id


def mcc(truth: list[str], predicted: list[str]) -> float:
    """Multi-class Matthews correlation (Gorodkin 2004), as sklearn's matthews_corrcoef."""
    n = len(truth)
    if not n:
        return 0.0
    t, p = Counter(truth), Counter(predicted)
    correct = sum(a == b for a, b in zip(truth, predicted, strict=True))
    cov_yp = correct * n - sum(t[k] * p[k] for k in set(t) | set(p))
    cov_pp = n * n - sum(v * v for v in p.values())
    cov_yy = n * n - sum(v * v for v in t.values())
    if cov_pp == 0 or cov_yy == 0:
        return 0.0
    return cov_yp / (cov_pp * cov_yy) ** 0.5


def _miss(outcome: Outcome) -> Miss:
    answer = outcome.answer
    return Miss(
        line=outcome.labeled.line,
        question=outcome.labeled.question,
        expected=outcome.labeled.expected,
        got=None if answer is None else answer.id,
        answer=None if answer is None else answer.answer,
        confidence=outcome.confidence,
    )
