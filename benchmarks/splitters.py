"""Sentence splitters on the cases `faqbot init` must get right, and on the seed article.

    python benchmarks/splitters.py [SEED.txt]

Measures each of pysbd (what faqbot uses), sentencex and syntok that is installed
(`pip install sentencex syntok` to compare): how many hard cases it splits right, how many
sentences it finds in the seed, and how long the seed takes.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_311b22d4b6328f34.txt"

# (text, how many sentences it is): written for this benchmark
CASES = [
    ("The U.S. government said so. Mr. Smith agreed.", 2),
    ("Vladivostok lies 130 km (80 miles) from the border. It is close.", 2),
    ("Growth was 3.5% last year. It rose again.", 2),
    ('He said "We will come." Then he left.', 2),
    ("“Is it true?” she asked. Nobody knew.", 2),
    ("Dr. Jones met Gen. Lee at 5 p.m. on Monday. They talked.", 2),
    ("No, Kim visited Russia in April 2019. Are there any confirmations of the meeting?", 2),
    ("Prices start at $3.50 per item, e.g. pens. Shipping is free.", 2),
    ("The company (founded in 1999) is based in St. Louis. It has 200 staff.", 2),
    ("“We have doubled the stalls,” said Ms. Lindqvist, the director. Next year, more.", 2),
    ("The clinic is open from 8 a.m. to 6 p.m. Dr. Patel leads a team. It moved.", 3),
]


def splitters() -> dict[str, Callable[[str], list[str]]]:
    found: dict[str, Callable[[str], list[str]]] = {}
    try:
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = lambda text: [s for s in segmenter.segment(text) if s.strip()]
    except ImportError:
        pass
    try:
        from sentencex import segment

        found["sentencex"] = lambda text: [s for s in segment("en", text) if s.strip()]
    except ImportError:
        pass
    try:
        import syntok.segmenter as syntok

        found["syntok"] = lambda text: [
            "".join(t.spacing + t.value for t in sentence)
            for paragraph in syntok.analyze(text)
            for sentence in paragraph
        ]
    except ImportError:
        pass
    return found


def main() -> None:
    seed = Path(sys.argv[1]) if len(sys.argv) > 1 else SEED
    paragraphs = [p for p in re.split(r"\n\s*\n", seed.read_text(encoding="utf-8")) if p.strip()]
    print(f"{'splitter':<10} {'cases right':>11} {'seed sentences':>15} {'seed ms':>8}  wrong on")
    for name, split in splitters().items():
        wrong = [text for text, n in CASES if len(split(text)) != n]
        start = time.perf_counter()
        sentences = sum(len(split(p)) for p in paragraphs)
        ms = 1000 * (time.perf_counter() - start)
        shown = "; ".join(w[:30] for w in wrong) or "-"
        print(f"{name:<10} {len(CASES) - len(wrong):>5}/{len(CASES):<5} {sentences:>15} "
              f"{ms:>8.1f}  {shown}")  # fmt: skip


if __name__ == "__main__":
    main()
