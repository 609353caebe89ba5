"""JSON Lines: one object per record, written whole and flushed (see the README's schema).
Numbers are numbers, rounded as `faqbot.figures` rounds them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from faqbot.environment import Environment
from faqbot.figures import confidence, ratio
from faqbot.renderers import ANSWER_ONLY, View, runners_up
from faqbot.sanitize import one_line

if TYPE_CHECKING:  # annotations only: `list` needs no matcher, an answer no `check` advice
    from faqbot.advice import Advice
    from faqbot.evaluate import Report
    from faqbot.model import Entry
    from faqbot.results import Candidate, Result


class JsonLinesRenderer:
    def __init__(self, env: Environment, view: View) -> None:
        self.out, self.view = env.stdout, view

    def _write(self, record: dict[str, Any]) -> None:
        # ensure_ascii: valid, readable JSON whatever the locale's encoding; control
        # characters are escaped by json itself.
        self.out.write(json.dumps(record, ensure_ascii=True) + "\n")
        self.out.flush()

    def result(self, result: Result) -> None:
        self._write(result_record(result, self.view))

    def entries(self, entries: Sequence[Entry], title: str) -> None:
        for entry in entries:
            self._write(entry_record(entry))

    def entry(self, entry: Entry) -> None:
        self._write(entry_record(entry))

    def report(self, report: Report) -> None:
        from dataclasses import asdict  # `test` and `check` only: an answer needs no dataclasses

        summary = asdict(report.summary)
        for key in ("accuracy", "wrong_answer_rate", "mcc"):
            if summary[key] is not None:
                summary[key] = ratio(summary[key])
        misses = [asdict(m) for m in report.misses]
        for miss in misses:
            if miss["confidence"] is not None:
                miss["confidence"] = confidence(miss["confidence"])
        self._write({"summary": summary, "misses": misses})

    def advice(self, advice: Advice) -> None:
        from dataclasses import asdict

        accuracy = advice.leave_one_out_accuracy
        self._write(
            {
                "kb": advice.path,
                "entries": advice.entries,
                "phrasings": advice.phrasings,
                "leave_one_out": {
                    "tested": advice.phrasings_tested,
                    "right": advice.phrasings_right,
                    "accuracy": None if accuracy is None else ratio(accuracy),
                },
                "off_topic": {
                    "asked": advice.off_topic_asked,
                    "answered": advice.off_topic_answered,
                },
                "warnings": advice.warnings,
                "notes": advice.notes,
                "findings": [
                    {**asdict(f), "path": advice.path, "message": one_line(f.message)}
                    for f in advice.findings
                ],
            }
        )

    def close(self) -> None:
        """Each record was written and flushed as it came."""


def result_record(result: Result, view: View = ANSWER_ONLY) -> dict[str, Any]:
    """The JSON Lines record of one answered (or declined) question."""
    best = result.answer
    record: dict[str, Any] = {
        "question": one_line(result.question),
        "answered": best is not None,
        "match": None
        if best is None
        else {
            "id": best.entry.id,
            "kind": best.entry.kind,
            "question": best.entry.question,
            "answer": best.entry.answer,
            "source": best.entry.source,
            "score": confidence(best.confidence),
            # what found it: its words, or (with the `meaning` extra) its meaning
            "by": "words" if best.meaning is None else "meaning",
        },
        "suggestions": [
            {"id": c.entry.id, "question": c.entry.question, "score": confidence(c.confidence)}
            for c in result.suggestions
        ],
    }
    if not best:
        record["reason"] = result.reason
    if view.top:
        record["top"] = [
            {"id": c.entry.id, "kind": c.entry.kind, "question": c.entry.question,
             "score": confidence(c.confidence)}
            for c in runners_up(result, view.top)
        ]  # fmt: skip
    if view.explain:
        record["explain"] = explanation(result)
    return record


def entry_record(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "question": entry.question,
        "answer": entry.answer,
        "source": entry.source,
        "phrasings": list(entry.phrasings),
    }


def explanation(result: Result) -> dict[str, Any]:
    """Why faqbot answered or not, as the "explain" object."""
    return {
        "decision": "answered" if result.answered else "abstained",
        "reason": result.reason,
        "meaning": result.meaning,
        "candidates": [_candidate(c) for c in result.candidates],
    }


def _candidate(c: Candidate) -> dict[str, Any]:
    return {
        "id": c.entry.id,
        "score": confidence(c.confidence),
        "phrasing": c.phrasing,
        "recall": ratio(c.recall),
        "precision": ratio(c.precision),
        "coverage": ratio(c.coverage),
        "answer_type_ok": c.type_ok,
        "signals": {
            "phrasing": {"weight": ratio(c.phrasing_weight), "score": ratio(c.phrasing_score)},
            "coverage": {"weight": ratio(1 - c.phrasing_weight), "score": ratio(c.coverage)},
            "type_factor": c.type_factor,
        },
        "words": [
            {
                "word": w.question_word,
                "matched": w.kb_word,
                "weight": ratio(w.weight),
                "strength": ratio(w.strength),
                # as the text explanation says them: why a word counts for less
                "typo": w.typo,
                "answer_only": w.answer_only,
                "version_of": w.version_of,
            }
            for w in c.words
        ],  # fmt: skip
    }
