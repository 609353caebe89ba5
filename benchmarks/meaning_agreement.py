"""Meaning as a check on words: of the answers words alone give on the shared sets, how many
come under the agreement bar (Settings.meaning_min_agreement), right and wrong, and how many
words are sure of (see README, "Matching by meaning").

    .venv/bin/python benchmarks/meaning_agreement.py

Sets: the dev set (packaged KB), HINT3 v1, covidfaq, the three plain KBs and the six cross
sets, from ../shared. An answer is right as score.py judges it. Needs the `meaning` extra.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from functools import cache
from pathlib import Path

from faqbot import answering
from faqbot.matcher import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
BENCH = SHARED / "bench"
KBS = {
    "article": None,  # the packaged KB
    "sofmattress": BENCH / "hint3" / "sofmattress" / "kb.yaml",
    "curekart": BENCH / "hint3" / "curekart" / "kb.yaml",
    "covidfaq": BENCH / "covidfaq" / "kb.yaml",
    "library": BENCH / "plain" / "library" / "kb.yaml",
    "app": BENCH / "plain" / "app" / "kb.yaml",
}
# (questions, KB, group): the plain KBs and the article KB, or users' messages (HINT3 and
# covidfaq), whose questions come further from any phrasing in meaning.
SETS = [
    (SHARED / "eval" / "dev.jsonl", None, "plain and article"),
    (BENCH / "hint3" / "sofmattress" / "queries.jsonl", KBS["sofmattress"], "users'"),
    (BENCH / "hint3" / "curekart" / "queries.jsonl", KBS["curekart"], "users'"),
    (BENCH / "covidfaq" / "queries.jsonl", KBS["covidfaq"], "users'"),
    *(
        (BENCH / "plain" / name / "queries.jsonl", BENCH / "plain" / name / "kb.yaml",
         "plain and article")
        for name in ("library", "app", "article")
    ),
    *(
        (BENCH / "cross" / f"{name}.jsonl", kb,
         "users'" if name in ("sofmattress", "curekart", "covidfaq") else "plain and article")
        for name, kb in KBS.items()
    ),
]  # fmt: skip


def is_right(row: dict, entry) -> bool:  # type: ignore[no-untyped-def]
    """As score.py judges an answer (../shared/eval/scoring.py, the yardstick itself)."""
    pred = {"id": entry.id, "answer": entry.answer, "source": entry.source}
    return bool(_yardstick().is_right(row, pred))


@cache
def _yardstick():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(SHARED / "eval"))
    import scoring  # type: ignore[import-not-found]

    return scoring


def main() -> None:
    bar = Settings().meaning_min_agreement
    counts: Counter[str] = Counter()
    for questions, kb, group in SETS:
        matcher = answering.matcher_for(kb, Settings(), use_cache=True)
        assert matcher.meaning is not None, "needs the meaning extra"
        set_name = f"{questions.parent.name}/{questions.name}"
        for line in questions.open(encoding="utf-8"):
            row = json.loads(line)
            worded = matcher._by_words(row["q"].replace("\n", " "), 1)
            answer = worded.answer
            if answer is None:
                continue
            right = "right" if is_right(row, answer.entry) else f"wrong ({group})"
            counts[right] += 1
            counts[f"answers: {set_name}"] += 1
            if not matcher._checked_by_meaning(answer):
                counts[f"sure: {set_name}"] += 1
                continue
            similarity = matcher.meaning.similarity(worded.analysed, worded.ranking.ranked[0][2])
            if similarity is not None and similarity < bar:
                counts[f"under: {right}"] += 1
    for key in ("right", "wrong (plain and article)", "wrong (users')"):
        print(f"{key:28} {counts[f'under: {key}']:>4} of {counts[key]:>5} under {bar:g}")
    for key in sorted(k for k in counts if k.startswith("answers: ")):
        name = key.removeprefix("answers: ")
        print(f"words sure: {name:28} {counts[f'sure: {name}']:>4} of {counts[key]:>4} answers")


if __name__ == "__main__":
    main()
