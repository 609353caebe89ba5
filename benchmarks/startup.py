"""Start-up benchmark: median wall time of short faqbot commands next to `python -c pass`.

All run with this interpreter's environment, interleaved in the same loop so that machine
noise hits them alike; the ratios are the figures to compare between commits. `import typer`
is the floor that the CLI framework sets for any command that parses its arguments with it;
`faqbot --version` and `faqbot ask QUESTION` (no option) are answered without it (faqbot.launch).

    .venv/bin/python benchmarks/startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

QUESTION = "Is this Kim Jong Un's first visit to Russia?"


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    faqbot = shutil.which("faqbot", path=str(Path(sys.executable).parent))
    if faqbot is None:
        sys.exit("faqbot is not installed in this interpreter's environment")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import typer'": [sys.executable, "-c", "import typer"],
        "faqbot --version": [faqbot, "--version"],
        "faqbot list": [faqbot, "list"],
        "faqbot ask QUESTION": [faqbot, "ask", QUESTION],  # no option: answered by launch
        "faqbot ask -- QUESTION": [faqbot, "ask", "--", QUESTION],  # through typer
        "faqbot ask --json": [faqbot, "ask", "--json", QUESTION],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            times[name].append(wall(cmd))
    base = statistics.median(times["python -c pass"])
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:26s} median {median * 1000:7.1f} ms  ({median / base:5.1f}x python -c pass)")


if __name__ == "__main__":
    main()
