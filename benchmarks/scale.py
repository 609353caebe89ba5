"""Scale benchmark: how faqbot's costs grow with the size of the knowledge base.

    .venv/bin/python benchmarks/scale.py [--sizes 1000,10000,100000] [--words-only]
                                          [--plot docs/scale.png]

Generates KBs of each size from the phrasings and answers of the shared benchmark KBs
(../shared/bench, recombined: half of one phrasing joined to half of another), then for each
prints: the index build (`faqbot index`), a cold `faqbot ask` with the index cached, the
questions per second of `faqbot ask -` on the curekart queries, and the peak memory of each,
beside `python -c pass` and beside a naive baseline that loads the YAML and runs rapidfuzz's
`process.extractOne` over every phrasing. Every figure is a whole process: the build and the
naive runs timed once, the cold `ask` and the batch the best of three; the ratios are the
figures to compare across machines.
With the meaning extra installed, faqbot matches by meaning too on a KB small enough to encode
(the 1,000-entry KB, not the larger ones; see the README's "Matching by meaning"), so that
row then pays for encoding the KB and for the model: --words-only passes faqbot's own
--words-only to every run, for the costs of words alone, whatever is installed.
With --plot (needs matplotlib: `pip install '.[bench]'`) it draws cost against KB size, log-log.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent.parent / "shared" / "bench"
QUESTIONS = BENCH / "hint3" / "curekart" / "queries.jsonl"

NAIVE = """
import sys, yaml
from rapidfuzz import process
kb = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader)
choices, owners = [], []
for e in kb["faqs"]:
    for p in [e["question"], *(e.get("alternates") or [])]:
        choices.append(p); owners.append(e["id"])
for line in sys.stdin:
    best = process.extractOne(line.strip(), choices)
    print(owners[best[2]] if best else "")
"""


def corpus() -> tuple[list[str], list[str]]:
    import yaml

    phrasings, answers = set(), set()
    for path in sorted(BENCH.glob("**/kb.yaml")):
        kb = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for e in kb.get("faqs", []):
            phrasings.update([e["question"], *(e.get("alternates") or [])])
            if not e["answer"].startswith("[HINT3"):
                answers.add(e["answer"])
    return sorted(p for p in phrasings if 3 <= len(p.split()) <= 25), sorted(answers)


def generate(n: int, path: Path, phrasings: list[str], answers: list[str]) -> None:
    rnd = random.Random(n)
    lines = ["faqs:"]
    for i in range(n):
        a, b = rnd.choice(phrasings).split(), rnd.choice(phrasings).split()
        question = " ".join(a[: max(2, len(a) // 2)] + b[len(b) // 2 :])
        alternates = [" ".join(rnd.choice(phrasings).split()[:6]) for _ in range(rnd.randint(0, 2))]
        lines += [f"  - id: e{i}", f"    question: {json.dumps(question)}"]
        lines.append(f"    answer: {json.dumps(rnd.choice(answers))}")
        if alternates:
            lines.append("    alternates: [" + ", ".join(map(json.dumps, alternates)) + "]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(
    cmd: list[str], stdin: bytes = b"", env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    proc.stdin.write(stdin)
    proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:4])}... failed ({proc.returncode}): {err[-400:]}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--plot", type=Path, help="write a log-log plot here (PNG)")
    parser.add_argument(
        "--words-only", action="store_true", help="run faqbot with --words-only (no meaning)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    faqbot = shutil.which("faqbot", path=str(Path(sys.executable).parent)) or "faqbot"
    questions = [json.loads(line)["q"] for line in QUESTIONS.open(encoding="utf-8")]
    batch = ("\n".join(questions) + "\n").encode()
    one = questions[0]
    work = Path(tempfile.mkdtemp(prefix="faqbot-scale-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "FAQBOT_MAX_KB_MB": "1024"}
    phrasings, answers = corpus()
    base, _ = min(run([sys.executable, "-c", "pass"]) for _ in range(5))
    mode = ["--words-only"] if args.words_only else []
    packaged, _ = min(run([faqbot, "ask", *mode, one], env=env) for _ in range(5))
    print("words only" if args.words_only else "with meaning where the extra is installed")
    print(f"python -c pass: {base * 1000:.0f} ms; cold ask, packaged KB, cached: "
          f"{packaged * 1000:.0f} ms ({packaged / base:.1f}x)")  # fmt: skip
    header = (
        f"{'entries':>8} {'YAML MB':>8} {'build s':>8} {'peak MB':>8} {'cold ask ms':>12}"
        f" {'x pass':>7} {'x packaged':>10} {'q/s':>7} {'ms/q':>6} {'peak MB':>8}"
        f" {'naive ask ms':>13} {'naive q/s*':>10}"
    )
    print(header)
    rows = []
    try:
        for n in sizes:
            kb = work / f"kb{n}.yaml"
            generate(n, kb, phrasings, answers)
            build, build_mb = run([faqbot, "index", *mode, "--kb", str(kb)], env=env)
            cold, _ = min(
                run([faqbot, "ask", *mode, "--kb", str(kb), one], env=env) for _ in range(3)
            )
            # The best of three: the batch's per-question cost is the figure whose growth is
            # compared, and one slow run on a shared machine would be taken for growth.
            batch_s, batch_mb = min(
                run([faqbot, "ask", *mode, "--kb", str(kb), "-"], batch, env) for _ in range(3)
            )
            startup = cold  # the batch run pays start-up once; per-question cost is the rest
            per_q = max(batch_s - startup, 1e-9) / len(questions)
            naive_one, _ = run([sys.executable, "-c", NAIVE, str(kb)], (one + "\n").encode())
            # The naive scan is slow on a large KB: it answers the first 100 questions.
            few = questions[:100]
            naive_batch, _ = run(
                [sys.executable, "-c", NAIVE, str(kb)], ("\n".join(few) + "\n").encode()
            )
            row = dict(
                n=n, mb=kb.stat().st_size / 1e6, build=build, build_mb=build_mb, cold=cold,
                qps=len(questions) / batch_s, per_q=per_q, batch_mb=batch_mb,
                naive_cold=naive_one, naive_qps=len(few) / max(naive_batch - naive_one, 1e-9),
            )  # fmt: skip
            rows.append(row)
            print(
                f"{n:>8,} {row['mb']:>8.1f} {build:>8.1f} {build_mb:>8.0f} {cold * 1000:>12.0f}"
                f" {cold / base:>7.1f} {cold / packaged:>10.2f} {row['qps']:>7.0f}"
                f" {per_q * 1000:>6.2f} {batch_mb:>8.0f} {naive_one * 1000:>13.0f}"
                f" {row['naive_qps']:>10.0f}",
                flush=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("* after loading: the naive scan's own start-up and YAML load are not counted")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = last["per_q"] / first["per_q"]
        print(f"per-question cost, {first['n']:,} -> {last['n']:,} entries: x{growth:.1f}"
              f" (the KB grows x{last['n'] / first['n']:.0f})")  # fmt: skip
    if args.plot:
        plot(rows, args.plot)


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = [r["n"] for r in rows]
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    ax.loglog(n, [r["cold"] for r in rows], "o-", label="faqbot ask, index cached (s)")
    ax.loglog(n, [r["per_q"] for r in rows], "o-", label="faqbot, per question in a batch (s)")
    ax.loglog(n, [r["build"] for r in rows], "o-", label="faqbot index: first build (s)")
    ax.loglog(n, [r["naive_cold"] for r in rows], "s--", label="naive extractOne, one question (s)")
    ax.loglog(n, [1 / r["naive_qps"] for r in rows], "s--", label="naive, per question (s)")
    ax.set_xlabel("entries in the knowledge base")
    ax.set_ylabel("seconds")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    print(f"plot: {path}")


if __name__ == "__main__":
    main()
