"""Why faqbot answered (or did not): the evidence behind a Result, for `ask --explain`."""

from __future__ import annotations

from typing import Any

from faqbot.matcher import Candidate, Result
from faqbot.sanitize import one_line


def explanation(result: Result) -> dict[str, Any]:
    """Structured explanation, as it appears under "explain" in JSON output."""
    return {
        "decision": "answered" if result.answered else "abstained",
        "reason": result.reason,
        "candidates": [_candidate(c) for c in result.candidates],
    }


def _candidate(c: Candidate) -> dict[str, Any]:
    return {
        "id": c.entry.id,
        "score": c.confidence,
        "phrasing": c.phrasing,
        "recall": c.recall,
        "precision": c.precision,
        "coverage": c.coverage,
        "answer_type_ok": c.type_ok,
        "words": [
            {
                "word": w.question_word,
                "matched": w.kb_word,
                "weight": w.weight,
                "strength": w.strength,
            }
            for w in c.words
        ],  # fmt: skip
    }


def explanation_lines(result: Result) -> list[str]:
    """The same explanation as readable lines."""
    lines = [f"decision: {'answered' if result.answered else 'abstained'}: {result.reason}"]
    for rank, c in enumerate(result.candidates, 1):
        lines.append(
            f"#{rank} {c.entry.id} score {c.confidence:g} = phrasing match (recall {c.recall:g}, "
            f"precision {c.precision:g}) + coverage {c.coverage:g}"
            + ("" if c.type_ok else "; marked down: its answer is not of the type asked")
        )
        lines.append(f"   nearest phrasing: {one_line(c.phrasing)}")
        carried = ", ".join(
            f"{w.question_word}->{w.kb_word} (weight {w.weight:g}"
            + (", a typo" if w.typo else "")
            + (", in the answer only" if w.answer_only else "")
            + (f", counts {w.strength:g})" if w.strength < 1 else ")")
            for w in c.words
            if w.kb_word
        )
        missing = ", ".join(f"{w.question_word} ({w.weight:g})" for w in c.words if not w.kb_word)
        lines.append(f"   words that carried it: {carried or 'none'}")
        if missing:
            lines.append(f"   not explained by this entry: {missing}")
    return lines
