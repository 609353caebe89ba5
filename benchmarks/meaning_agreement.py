"""Meaning as a check on words: of the answers words alone give on the shared sets, how many
come under the agreement bar (Settings.meaning_min_agreement), right and wrong, and how many
words are sure of (see README, "Matching by meaning").

    .venv/bin/python benchmarks/meaning_agreement.py

Sets: the dev set (packaged KB), HINT3 v1, covidfaq, the three plain KBs and the six cross
sets, from ../shared. An answer is right as score.py judges it. Needs the `meaning` extra.
"""

from __future__ import annotations

import json
from collections import Counter

from shared_sets import DEV, KBS, PLAIN_ARTICLE, cross, is_right, questions_of

from faqbot import answering
from faqbot.settings import Settings

# The KBs of users' messages (HINT3 and covidfaq), whose questions come further from any
# phrasing in meaning than those asked of the plain KBs and the article KB.
USERS = {"sofmattress", "curekart", "covidfaq"}


def group(name: str) -> str:
    return "users'" if name in USERS else "plain and article"


# (questions, KB, group)
SETS = [
    (DEV, KBS["article"], group("article")),
    *((questions_of(kb), kb, group(name)) for name, kb in KBS.items() if kb),
    (questions_of(PLAIN_ARTICLE), PLAIN_ARTICLE, group("article")),
    *((cross(name), kb, group(name)) for name, kb in KBS.items()),
]


def main() -> None:
    bar = Settings().meaning_min_agreement
    counts: Counter[str] = Counter()
    for questions, kb, kind in SETS:
        matcher = answering.matcher_for(kb, Settings(), use_cache=True)
        assert matcher.meaning is not None, "needs the meaning extra"
        set_name = f"{questions.parent.name}/{questions.name}"
        for line in questions.open(encoding="utf-8"):
            row = json.loads(line)
            worded = matcher._by_words(row["q"].replace("\n", " "), 1)
            answer = worded.answer
            if answer is None:
                continue
            right = "right" if is_right(row, answer.entry) else f"wrong ({kind})"
            counts[right] += 1
            counts[f"answers: {set_name}"] += 1
            if not matcher._checked_by_meaning(answer):
                counts[f"sure: {set_name}"] += 1
            elif matcher._meaning_doubts(worded, answer) is not None:  # under the bar
                counts[f"under: {right}"] += 1
    for key in ("right", "wrong (plain and article)", "wrong (users')"):
        print(f"{key:28} {counts[f'under: {key}']:>4} of {counts[key]:>5} under {bar:g}")
    for key in sorted(k for k in counts if k.startswith("answers: ")):
        name = key.removeprefix("answers: ")
        print(f"words sure: {name:28} {counts[f'sure: {name}']:>4} of {counts[key]:>4} answers")


if __name__ == "__main__":
    main()
