"""Batch throughput: questions per second of `faqbot ask --json -` on a question file.

    .venv/bin/python benchmarks/throughput.py QUESTIONS.jsonl [--kb KB.yaml] [--compare FAQBOT]

The file is in the shared eval format (one {"q": ...} per line). One process answers all
questions, so the figure includes start-up and KB indexing once. --compare runs another
faqbot executable (an older build, say) alternately in the same loop and prints the ratio.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions")
    parser.add_argument("--kb")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare", help="another faqbot executable to time alongside")
    args = parser.parse_args()
    faqbot = shutil.which("faqbot", path=str(Path(sys.executable).parent)) or "faqbot"
    with open(args.questions, encoding="utf-8") as f:
        questions = [json.loads(line)["q"].replace("\n", " ") for line in f if line.strip()]
    stdin = "".join(q + "\n" for q in questions)
    kb = ["--kb", args.kb] if args.kb else []
    programs = {"this faqbot": faqbot, **({"compared": args.compare} if args.compare else {})}
    best = dict.fromkeys(programs, float("inf"))
    for _ in range(args.repeat):  # alternate, so machine noise hits both alike
        for name, program in programs.items():
            start = time.perf_counter()
            subprocess.run(
                [program, "ask", "--json", *kb, "-"], input=stdin, text=True,
                capture_output=True, check=False,
            )  # fmt: skip
            best[name] = min(best[name], time.perf_counter() - start)
    for name, seconds in best.items():
        print(
            f"{name:12s} {len(questions)} questions in {seconds:.2f} s "
            f"(best of {args.repeat}): {len(questions) / seconds:.0f} questions/s"
        )
    if args.compare:
        print(f"speed ratio (this / compared): {best['compared'] / best['this faqbot']:.2f}")


if __name__ == "__main__":
    main()
