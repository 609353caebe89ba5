"""Plain-text and JSON Lines output: what scripts read. No Rich here, so a piped run stays lean.

The output mode is decided once (`choose_mode`) from the flags and whether stdout is a
terminal, then passed down. Every record is written whole and flushed, so a reader sees each
answer as soon as it exists. All KB text was sanitised at load; questions are sanitised here.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any, TextIO

from faqbot.matcher import Candidate, Result
from faqbot.model import Entry
from faqbot.sanitize import one_line


class OutputMode(StrEnum):
    AUTO = "auto"
    RICH = "rich"
    PLAIN = "plain"
    JSON = "json"


def choose_mode(requested: OutputMode, json_flag: bool, stdout_is_tty: bool) -> OutputMode:
    if json_flag:
        return OutputMode.JSON
    if requested is OutputMode.AUTO:
        return OutputMode.RICH if stdout_is_tty else OutputMode.PLAIN
    return requested


def runners_up(result: Result, top: int) -> list[Candidate]:
    skip = 1 if result.answered else 0
    return list(result.candidates[skip : skip + top])


def result_record(result: Result, top: int = 0) -> dict[str, Any]:
    """The JSON Lines record of one answered (or declined) question; see README."""
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
            "score": best.confidence,
        },
        "suggestions": [
            {"id": c.entry.id, "question": c.entry.question, "score": c.confidence}
            for c in result.suggestions
        ],
    }
    if top:
        record["top"] = [
            {"id": c.entry.id, "kind": c.entry.kind, "question": c.entry.question,
             "score": c.confidence}
            for c in runners_up(result, top)
        ]  # fmt: skip
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


def write_json(out: TextIO, record: dict[str, Any]) -> None:
    # ensure_ascii: valid, readable JSON whatever the locale's encoding; control characters
    # are escaped by json itself.
    out.write(json.dumps(record, ensure_ascii=True) + "\n")
    out.flush()


def write_plain_result(out: TextIO, result: Result, top: int = 0) -> None:
    """Exactly one line per question, the answer (empty when declined); --top adds tab lines."""
    lines = [one_line(result.answer.entry.answer) if result.answer else ""]
    lines += [f"\t{c.confidence:g}\t{c.entry.id}\t{one_line(c.entry.question)}"
              for c in runners_up(result, top)]  # fmt: skip
    out.write("\n".join(lines) + "\n")
    out.flush()


def write_plain_entry_row(out: TextIO, entry: Entry) -> None:
    fields = (entry.id, entry.kind, entry.question, entry.answer)
    out.write("\t".join(one_line(f) for f in fields) + "\n")


def write_plain_entry(out: TextIO, entry: Entry) -> None:
    out.write(f"id\t{entry.id}\nkind\t{entry.kind}\nquestion\t{one_line(entry.question)}\n")
    out.write(f"answer\t{one_line(entry.answer)}\n")
    if entry.source:
        out.write(f"source\t{one_line(entry.source)}\n")
    for phrasing in entry.phrasings:
        out.write(f"phrasing\t{one_line(phrasing)}\n")


def format_figures(figures: dict[str, Any]) -> list[tuple[str, str]]:
    """The summary of `faqbot test` as (label, value) pairs, for plain and rich output."""
    rows = [
        ("questions", str(figures["n"])),
        ("accuracy", f"{figures['accuracy']:.3f}"),
        ("answerable right", figures["answerable_right"]),
        ("answerable wrong", str(figures["answerable_wrong"])),
        ("out-of-scope declined", figures["oos_abstained"]),
        ("wrong-answer rate", f"{figures['wrong_answer_rate']:.3f}"),
    ]
    if "mcc" in figures:
        rows.append(("mcc", f"{figures['mcc']:.3f}"))
    return rows


def write_plain_test_report(
    out: TextIO, figures: dict[str, Any], misses: list[dict[str, Any]]
) -> None:
    for label, value in format_figures(figures):
        out.write(f"{label}\t{value}\n")
    for miss in misses:
        got = miss["got"] or "(abstained)"
        fields = ("miss", str(miss["line"]), miss["q"], miss["expected"], got)
        out.write("\t".join(one_line(f) for f in fields) + "\n")
    out.flush()
