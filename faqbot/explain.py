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
        "signals": {
            "phrasing": {"weight": c.phrasing_weight, "score": c.phrasing_score},
            "coverage": {"weight": round(1 - c.phrasing_weight, 3), "score": c.coverage},
            "type_factor": c.type_factor,
        },
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
        phrasing_points = 100 * c.phrasing_weight * c.phrasing_score * c.type_factor
        coverage_points = 100 * (1 - c.phrasing_weight) * c.coverage * c.type_factor
        lines.append(
            f"#{rank} {c.entry.id} score {c.confidence:g} = {phrasing_points:.1f} from the "
            f"phrasing match ({c.phrasing_weight:g} x {c.phrasing_score:g}: recall {c.recall:g}, "
            f"precision {c.precision:g}) + {coverage_points:.1f} from coverage "
            f"({1 - c.phrasing_weight:g} x {c.coverage:g})"
            + (
                ""
                if c.type_ok
                else f"; marked down x{c.type_factor:g}: its answer is not of the type asked"
            )
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
