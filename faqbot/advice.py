"""`faqbot check`: advice for a KB's author, beyond what validation refuses.

Validation (kb_loader) rejects what faqbot cannot use: those are errors. This module finds
what it can use but will answer badly, each as a Finding naming the entry and its line:

- single-phrasing: an entry asked one way only; faqbot finds it only by words of that one way;
- confusable: leave-one-out over the KB's own phrasings: each phrasing of an entry with two or
  more is asked of the KB with that phrasing taken out; one answered with another entry shows
  two entries faqbot tells apart badly (unless that entry rests on the same source sentence,
  an FAQ and the fact that backs it: its answer is as good), one declined shows an entry its
  other phrasings do not cover. The share answered right is the KB's leave-one-out accuracy;
- duplicate / near-duplicate: the same phrasing under two entries, or two questions that differ
  by little more than word order;
- off-topic: general questions on other subjects (faqbot/resources/off_topic.json) that the KB
  answers: where it is too small or too uniform for faqbot to tell its topic from others.

Leave-one-out keeps the whole KB's word statistics and takes the phrasing out of its entry
only: rebuilding the index for each of hundreds of phrasings would take minutes, and the
statistics of a KB hardly move when one phrasing goes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from faqbot.figures import count_text
from faqbot.kb_index import IndexedEntry
from faqbot.matcher import Matcher
from faqbot.meaning_signals import NearestByMeaning
from faqbot.model import Entry, KnowledgeBase

OFF_TOPIC_QUESTIONS = Path(__file__).with_name("resources") / "off_topic.json"
# Two questions of different entries this close (rapidfuzz token_sort_ratio, 0-100) read as
# one question to a user, and split the answers between the entries.
NEAR_DUPLICATE = 90
# Leave-one-out asks at most this many phrasings (about 1.5 ms each on this machine).
MAX_LEFT_OUT = 3000
# Near-duplicates are looked for among at most this many entries (every pair is compared).
NEAR_DUPLICATE_MAX_ENTRIES = 5000
# At most this many examples are quoted in one finding.
EXAMPLES = 3


@dataclass(frozen=True)
class Finding:
    code: str  # single-phrasing, confusable, uncovered, duplicate, near-duplicate, off-topic
    message: str
    entry: str | None = None  # the entry it is about, if one
    line: int = 0  # that entry's line in the KB file (0: the KB as a whole)
    # A warning is worth mending (`check --strict` fails on one); a note is worth knowing.
    severity: str = "warning"


@dataclass(frozen=True)
class Advice:
    path: str
    entries: int
    phrasings: int  # all of the KB's phrasings
    phrasings_tested: int  # leave-one-out: phrasings of entries that have two or more
    phrasings_right: int
    off_topic_asked: int
    off_topic_answered: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def leave_one_out_accuracy(self) -> float | None:
        return self.phrasings_right / self.phrasings_tested if self.phrasings_tested else None

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)

    @property
    def notes(self) -> int:
        return sum(f.severity == "note" for f in self.findings)


def advise(kb: KnowledgeBase, matcher: Matcher, meaning: NearestByMeaning | None = None) -> Advice:
    """Every finding for `kb`, whose freshly built (not stored) index `matcher` uses. With
    `meaning` (the extra), off-topic questions are asked as `ask` asks them, by meaning too;
    leave-one-out stays by words, since the KB's vectors hold the phrasing left out."""
    findings = single_phrasings(kb)
    tested, right, confusions = leave_one_out(matcher)
    findings += confusions
    findings += duplicates(kb)
    matcher.meaning = meaning
    asked, answered, off = off_topic(matcher)
    findings += off
    return Advice(
        path=kb.path,
        entries=len(kb.entries),
        phrasings=sum(len(e.phrasings) for e in kb.entries),
        phrasings_tested=tested,
        phrasings_right=right,
        off_topic_asked=asked,
        off_topic_answered=answered,
        findings=findings,
    )


def single_phrasings(kb: KnowledgeBase) -> list[Finding]:
    key = {"faq": "alternates", "fact": "questions"}
    return [
        Finding(
            "single-phrasing",
            f"asked one way only: add `{key[e.kind]}`, the ways a user would put it",
            e.id,
            e.line,
        )
        for e in kb.entries
        if len(e.phrasings) == 1
    ]


def leave_one_out(matcher: Matcher) -> tuple[int, int, list[Finding]]:
    """(phrasings asked, answered with their own entry or one that agrees with it, findings).
    A KB of more than MAX_LEFT_OUT such phrasings is sampled evenly, so that `check` takes
    seconds, not minutes."""
    entries = matcher.index.entries
    # an entry's own phrasings, not the words of its id (see kb_index.reads_ids)
    testable = [(i, j) for i, ie in enumerate(entries) if len(ie.entry.phrasings) > 1
                for j in range(len(ie.entry.phrasings))]  # fmt: skip
    step = max(1, -(-len(testable) // MAX_LEFT_OUT))
    index_of = {ie.entry.id: k for k, ie in enumerate(entries)}
    tested = right = 0
    wrong: dict[tuple[int, str], list[str]] = {}  # (entry, answered instead) -> phrasings
    declined: dict[int, list[str]] = {}
    for i, left_out in testable[::step]:
        phrasing = entries[i].phrasings[left_out].text
        with _without_phrasing(matcher, i, left_out):
            result = matcher.match(phrasing, top=1)
        tested += 1
        if result.answer is None:
            declined.setdefault(i, []).append(phrasing)
        elif result.answer.entry.id == entries[i].entry.id or matcher.agree(
            entries[i].entry, index_of[result.answer.entry.id]
        ):
            # an entry resting on the same source sentence answers it as well (an FAQ and
            # the fact that backs it, as `init` drafts them): the matcher does not weigh it
            # as a rival either
            right += 1
        else:
            wrong.setdefault((i, result.answer.entry.id), []).append(phrasing)

    def share(i: int, phrasings: list[str]) -> str:
        return f"{count_text(len(phrasings), 'phrasing')} of {len(entries[i].entry.phrasings)}"

    findings = [
        Finding(
            "confusable",
            f"{share(i, phrasings)} answered with `{other}` when left out "
            f"({_quoted(phrasings)}): make the two entries' questions differ in their words, "
            "or merge them",
            entries[i].entry.id,
            entries[i].entry.line,
        )
        for (i, other), phrasings in wrong.items()
    ]
    findings += [
        Finding(
            "uncovered",
            f"{share(i, phrasings)} not answered when left out ({_quoted(phrasings)}): the "
            "others share too few of its words; add phrasings between them",
            entries[i].entry.id,
            entries[i].entry.line,
            severity="note",  # faqbot declining is safe; a wrong answer (confusable) is not
        )
        for i, phrasings in declined.items()
    ]
    return tested, right, sorted(findings, key=lambda f: f.line)


@contextmanager
def _without_phrasing(matcher: Matcher, i: int, left_out: int) -> Iterator[None]:
    """Entry i of the matcher's (in-memory) index as if its KB lacked one phrasing."""
    entries, shortest = matcher.index.entries, matcher.index.shortest
    assert isinstance(entries, list) and isinstance(shortest, list), "a built index, not stored"
    kept = entries[i]
    rest = [p for j, p in enumerate(kept.phrasings) if j != left_out]
    entries[i] = IndexedEntry(
        entry=kept.entry._replace(phrasings=tuple(p.text for p in rest)),
        phrasings=rest,
        asked={term for p in rest for term in p.terms},
        told=kept.told,
    )
    shortest_kept = shortest[i]
    shortest[i] = min(p.total for p in rest)
    try:
        yield
    finally:
        entries[i], shortest[i] = kept, shortest_kept


def duplicates(kb: KnowledgeBase) -> list[Finding]:
    from rapidfuzz import fuzz, process

    findings = []
    first_seen: dict[str, Entry] = {}
    for e in kb.entries:
        for phrasing in e.phrasings:
            key = _folded(phrasing)
            other = first_seen.setdefault(key, e)
            if other.id != e.id:
                findings.append(
                    Finding(
                        "duplicate",
                        f"{_quoted([phrasing])} is also a phrasing of `{other.id}` "
                        f"(line {other.line}): faqbot cannot tell which is meant",
                        e.id,
                        e.line,
                    )
                )
    questions = [_folded(e.question) for e in kb.entries]
    if len(questions) > NEAR_DUPLICATE_MAX_ENTRIES:  # pairs grow as the square: skip
        return findings
    for a, question in enumerate(questions):
        # process.extract, not cdist: cdist needs numpy, which faqbot does not install
        close = process.extract(
            question,
            questions,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=NEAR_DUPLICATE,
            limit=None,
        )
        for _, _, b in close:
            if a < b and questions[a] != questions[b]:
                first, second = kb.entries[a], kb.entries[b]
                findings.append(
                    Finding(
                        "near-duplicate",
                        f"its question reads almost as `{first.id}`'s (line {first.line}): "
                        f"{_quoted([second.question])} / {_quoted([first.question])}",
                        second.id,
                        second.line,
                    )
                )
    return findings


def off_topic(matcher: Matcher) -> tuple[int, int, list[Finding]]:
    """(general questions on other subjects asked, answered by the KB, findings)."""
    questions = json.loads(OFF_TOPIC_QUESTIONS.read_text(encoding="utf-8"))["questions"]
    # Asked together: with the meaning extra, those meaning weighs are encoded in one pass.
    results = matcher.match_all(questions, top=1)
    answered = [(q, r.answer) for q, r in zip(questions, results, strict=True) if r.answer]
    if not answered:
        return len(questions), 0, []
    examples = "; ".join(f"{_quoted([q])} -> `{a.entry.id}`" for q, a in answered[:EXAMPLES])
    return (
        len(questions),
        len(answered),
        [
            Finding(
                "off-topic",
                f"answers {len(answered)} of {len(questions)} general questions on other subjects "
                f"({examples}): the KB is too small or too uniform for faqbot to tell its topic "
                "from others; add entries and phrasings in your own words, or raise --threshold",
            )
        ],
    )


def _folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _quoted(texts: list[str]) -> str:
    shown = [f"“{t}”" for t in texts[:EXAMPLES]]
    more = f" and {len(texts) - EXAMPLES} more" if len(texts) > EXAMPLES else ""
    return ", ".join(shown) + more
