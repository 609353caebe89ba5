"""Answer quality on the shared sets under other settings: each variant's figures beside the
defaults', as score.py computes them, but in one process (the sweeps the README quotes).

    .venv/bin/python benchmarks/sweep.py [--words-only] [VARIANT ...]

A VARIANT is NAME=VALUE[,NAME=VALUE...] of faqbot.settings.Settings, for example
`meaning_confirms_lead=0.1` or `meaning_confirms_similarity=0.55,meaning_confirms_lead=0.1`.
Sets: the dev set (packaged KB), the three plain KBs, the plain KBs of other domains in
benchmarks/plain (own questions, written before faqbot answered any), the KB `faqbot init`
drafts from the seed (with the dev set), covidfaq, HINT3 v1, the six cross sets, and the 32
questions of same_words_other_subject.py. Printed: accuracy / wrong-answer rate, MCC for
HINT3, the share answered for the cross sets, and how many of the 32 are answered.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from same_words_other_subject import QUESTIONS as SAME_WORDS
from shared_sets import (
    DEV,
    KBS,
    PLAIN_ARTICLE,
    SEED,
    cross,
    prediction,
    questions_of,
    variant,
    yardstick,
)

from faqbot import answering
from faqbot.kb_draft import draft_from_file, to_yaml
from faqbot.settings import Settings

PLAIN = {"library", "app"}
# Plain KBs of other domains, with questions written for them before faqbot was asked any.
OWN_PLAIN = sorted((Path(__file__).parent / "plain").glob("*.yaml"))


def sets(drafted: Path) -> list[tuple[str, Path, Path | None, str]]:
    """(name, questions, KB, measure): the sets and how each is read."""
    return [
        ("dev", DEV, KBS["article"], "accuracy"),
        *((f"plain {n}", questions_of(KBS[n]), KBS[n], "accuracy") for n in sorted(PLAIN)),
        ("plain article", questions_of(PLAIN_ARTICLE), PLAIN_ARTICLE, "accuracy"),
        *((f"own {kb.stem}", kb.with_suffix(".jsonl"), kb, "accuracy") for kb in OWN_PLAIN),
        ("init draft", DEV, drafted, "accuracy"),
        ("covidfaq", questions_of(KBS["covidfaq"]), KBS["covidfaq"], "accuracy"),
        *((n, questions_of(KBS[n]), KBS[n], "mcc") for n in ("sofmattress", "curekart")),
        *((f"cross {n}", cross(n), kb, "answered") for n, kb in KBS.items()),
    ]


def measured(questions: Path, kb: Path | None, measure: str, settings: Settings) -> str:
    matcher = answering.matcher_for(kb, settings, use_cache=True)
    labeled = yardstick().load(questions)
    results = matcher.match_all([row["q"].replace("\n", " ") for row in labeled])
    preds = [prediction(r.answer.entry if r.answer else None) for r in results]
    if measure == "answered":
        return f"{sum(p is not None for p in preds) / len(preds):.1%}"
    summary = yardstick().summary(labeled, preds)
    if measure == "mcc":
        return f"{summary['mcc']:.3f}"
    return f"{summary['accuracy']:.3f} / {summary['wrong_answer_rate']:.3f}"


def same_words_answered(settings: Settings) -> str:
    answered = total = 0
    for name, questions in SAME_WORDS.items():
        matcher = answering.matcher_for(KBS[name], settings, use_cache=True)
        answered += sum(matcher.match(q).answered for q in questions)
        total += len(questions)
    return f"{answered} of {total}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="*")
    parser.add_argument("--words-only", action="store_true")
    args = parser.parse_args()
    variants = [variant(v, args.words_only) for v in ["", *args.variants]]
    with tempfile.TemporaryDirectory() as folder:
        drafted = Path(folder) / "seed.yaml"
        drafted.write_text(to_yaml(draft_from_file(SEED, drafted), SEED.name), encoding="utf-8")
        table = [
            (name, [measured(q, kb, measure, s) for _, s in variants])
            for name, q, kb, measure in sets(drafted)
        ]
        table.append(("same words, other subject", [same_words_answered(s) for _, s in variants]))
    width = max(len(name) for name, _ in table)
    columns = [max(len(label), 15) for label, _ in variants]
    print(" " * width, *(label.ljust(c) for (label, _), c in zip(variants, columns, strict=True)))
    for name, figures in table:
        print(name.ljust(width), *(f.ljust(c) for f, c in zip(figures, columns, strict=True)))


if __name__ == "__main__":
    main()
