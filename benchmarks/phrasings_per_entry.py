"""Where a KB starts to show how its users ask: the packaged KB cut to k phrasings an entry,
read both ways (see Settings.many_phrasings and the README, "How faqbot decides").

    .venv/bin/python benchmarks/phrasings_per_entry.py [--words-only] [--max-k 6]

For each k, every FAQ keeps its question and its first k - 1 alternates, every fact its
first k - 1 questions (synonyms kept); the dev set (../shared/eval/dev.jsonl) and the
off-topic questions asked of the article KB (../shared/bench/cross/article.jsonl) are asked
of it, read as a written FAQ and as users' own messages. Prints accuracy, the wrong-answer
rate and the share of off-topic questions answered, scored as `faqbot test` scores them
(faqbot.evaluate, which gives score.py's figures).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import yaml

from faqbot import answering, evaluate
from faqbot.kb_loader import default_kb_path
from faqbot.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"

# Settings.many_phrasings and written_share: as users' own messages, whatever their form
READINGS = {"written FAQ": (10**9, 0.5), "users' messages": (0, 2.0)}


def cut(kb: dict, k: int, article: Path) -> dict:
    """The KB with at most k phrasings an entry, quoting the article at its own path."""
    out = dict(kb, source=str(article))
    out["faqs"] = [_keep(f, "alternates", k - 1) for f in kb.get("faqs", [])]
    out["facts"] = [_keep(f, "questions", k - 1) for f in kb.get("facts", [])]
    return out


def _keep(entry: dict, key: str, n: int) -> dict:
    entry = dict(entry)
    kept = (entry.pop(key, None) or [])[:n]
    return entry | ({key: kept} if kept else {})


def scored(
    kb_path: Path, rows: list[evaluate.LabeledQuestion], settings: Settings
) -> evaluate.Summary:
    """The figures `faqbot test --kb KB_PATH` would print for these questions."""
    matcher = answering.matcher_for(kb_path, settings, use_cache=False)
    return evaluate.summary(evaluate.run(matcher, rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words-only", action="store_true")
    parser.add_argument("--max-k", type=int, default=6)
    args = parser.parse_args()
    packaged = default_kb_path()
    kb = yaml.safe_load(packaged.read_text(encoding="utf-8"))
    article = (packaged.parent / kb["source"]).resolve()
    dev = evaluate.load_questions(SHARED / "eval" / "dev.jsonl")
    off_topic = evaluate.load_questions(SHARED / "bench" / "cross" / "article.jsonl")
    print(
        f"{'k':>2}  {'read as':16}  {'accuracy':>8}  {'wrong rate':>10}  {'off-topic answered':>18}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(1, args.max_k + 1):
            path = Path(tmp) / f"kb{k}.yaml"
            path.write_text(yaml.safe_dump(cut(kb, k, article), allow_unicode=True))
            for label, (line, share) in READINGS.items():
                settings = Settings(
                    many_phrasings=line, written_share=share, meaning=not args.words_only
                )
                on_dev = scored(path, dev, settings)
                declined = scored(path, off_topic, settings).accuracy  # every row: decline
                print(
                    f"{k:>2}  {label:16}  {on_dev.accuracy:8.3f}  "
                    f"{on_dev.wrong_answer_rate:10.3f}  {1 - declined:18.2%}"
                )


if __name__ == "__main__":
    main()
