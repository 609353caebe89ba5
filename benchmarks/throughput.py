"""Batch throughput: questions per second of `faqbot ask --json -` on a question file.

    .venv/bin/python benchmarks/throughput.py QUESTIONS.jsonl [--kb KB.yaml]

The file is in the shared eval format (one {"q": ...} per line). One process answers all
questions, so the figure includes start-up and KB indexing once.
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
    args = parser.parse_args()
    faqbot = shutil.which("faqbot", path=str(Path(sys.executable).parent)) or "faqbot"
    with open(args.questions, encoding="utf-8") as f:
        questions = [json.loads(line)["q"].replace("\n", " ") for line in f if line.strip()]
    stdin = "".join(q + "\n" for q in questions)
    cmd = [faqbot, "ask", "--json", *(["--kb", args.kb] if args.kb else []), "-"]
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        subprocess.run(cmd, input=stdin, text=True, capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
    print(
        f"{len(questions)} questions in {best:.2f} s (best of {args.repeat}): "
        f"{len(questions) / best:.0f} questions/s"
    )


if __name__ == "__main__":
    main()
