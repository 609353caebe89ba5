"""Answer quality on KBs `faqbot init` drafts from news articles other than the seed, no
editing: the questions a reader would ask each one, asked of its draft, scored as score.py
scores them.

    .venv/bin/python benchmarks/drafted_articles.py [--words-only] [VARIANT]

VARIANT: other settings, as benchmarks/sweep.py takes them (`meaning_confirms_lead=0.08`).

The articles and their questions (benchmarks/articles/NAME.txt and NAME.jsonl, in the
`{"q": ..., "any": [...]}` form of ../shared/eval/dev.jsonl) were written for this benchmark
(public domain), the questions before any draft of their article was read, off-topic ones
(`"any": []`) among them. Rules are looked for on some (LOOKED_AT); the others are kept
aside (KEPT_ASIDE), their misses unread, so that they say how far those rules carry. Add new
articles to KEPT_ASIDE, and move them to LOOKED_AT once their misses have been read.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from shared_sets import is_right, variant, yardstick

from faqbot import answering
from faqbot.kb_draft import draft_from_file, to_yaml
from faqbot.settings import Settings

ARTICLES = Path(__file__).resolve().parent / "articles"
# the articles whose misses rules were looked for on, and those whose misses no one has read
LOOKED_AT = (
    "bikes", "volcano", "watch", "hospital", "transfer", "rates", "museum", "strike", "ferry",
    "award", "terminal", "library", "marathon", "recycling", "pool", "festival",
)  # fmt: skip
KEPT_ASIDE = ("drought", "heatwave", "bridge", "zoo")


def scored(name: str, folder: Path, settings: Settings) -> tuple[int, int, int, int, int, int]:
    """(questions, right, answered, wrong, off-topic questions, off-topic ones answered) for
    the article's draft."""
    article = ARTICLES / f"{name}.txt"
    kb = folder / f"{name}.yaml"
    kb.write_text(to_yaml(draft_from_file(article, kb), article.name), encoding="utf-8")
    matcher = answering.matcher_for(kb, settings, use_cache=False)
    rows = yardstick().load(ARTICLES / f"{name}.jsonl")
    right = answered = wrong = off_topic = off_topic_answered = 0
    for row, result in zip(rows, matcher.match_all([r["q"] for r in rows]), strict=True):
        entry = result.answer.entry if result.answer else None
        ok = is_right(row, entry)
        right += ok
        answered += entry is not None
        wrong += entry is not None and not ok
        off_topic += not row["any"]
        off_topic_answered += not row["any"] and entry is not None
    return len(rows), right, answered, wrong, off_topic, off_topic_answered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words-only", action="store_true")
    parser.add_argument("variant", nargs="?", default="")
    args = parser.parse_args()
    label, settings = variant(args.variant, args.words_only)
    print(f"{'article':10} {'accuracy':>9} {'wrong-answer rate':>18}   ({label})")
    with tempfile.TemporaryDirectory() as folder:
        off_topic = asked_off = 0  # over every article
        for group in (LOOKED_AT, KEPT_ASIDE):
            sums = [0] * 6
            for name in group:
                figures = scored(name, Path(folder), settings)
                n, right, answered, wrong, *_ = figures
                sums = [a + b for a, b in zip(sums, figures, strict=True)]
                print(f"{name:10} {right / n:>9.3f} {wrong / max(answered, 1):>18.3f}"
                      f"   ({right}/{n} right, {wrong} of {answered} answers wrong)")  # fmt: skip
            n, right, answered, wrong, asked, answered_off = sums
            off_topic, asked_off = off_topic + answered_off, asked_off + asked
            label = "looked at" if group is LOOKED_AT else "kept aside"
            print(f"{label:10} {right / n:>9.3f} {wrong / max(answered, 1):>18.3f}"
                  f"   ({right}/{n} right, {wrong} of {answered} answers wrong)")  # fmt: skip
    print(f"off-topic questions answered, all articles: {off_topic} of {asked_off}")


if __name__ == "__main__":
    main()
