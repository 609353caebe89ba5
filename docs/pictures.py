"""Draw the README's pictures: real faqbot runs on a 100-column terminal, exported by Rich.

    python docs/pictures.py            # rewrite docs/pictures/*.svg
    python docs/pictures.py --check    # exit 1 if any picture is stale (what the tests do)

Each picture is the output of a real `faqbot` process (rich format, colour on), read back
with `Text.from_ansi` and exported as SVG. Each SVG carries the SHA-256 of the terminal
output it shows, so a test can tell a stale picture without comparing SVG bytes, which change
with Rich's SVG template and not with faqbot.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PICTURES = HERE / "pictures"
COLUMNS = 100
STAMP = re.compile(r"<!-- faqbot output sha256: ([0-9a-f]{64}) -->")


@dataclass(frozen=True)
class Picture:
    name: str
    args: tuple[str, ...]  # what the user types after `faqbot`
    typed: tuple[str, ...] = ()  # for `chat`: the lines typed at its prompt, one by one

    @property
    def path(self) -> Path:
        return PICTURES / f"{self.name}.svg"

    @property
    def command(self) -> str:
        shown = [a if re.fullmatch(r"[\w.-]+", a) else f'"{a}"' for a in self.args]
        return " ".join(["faqbot", *shown])


SHOWN = (
    Picture("ask", ("ask", "Has Kim been to Russia before?")),
    Picture("decline", ("ask", "What weapons?")),
    Picture("list", ("list",)),
    Picture("explain", ("ask", "--explain", "How far is Vladivostok from the border?")),
    Picture(
        "chat",
        ("chat",),
        typed=("Has Kim been to Russia before?", "And how far is the border?", "What weapons?"),
    ),
)
# What a terminal does with, not shows: cursor moves, modes, titles. Colours (SGR) are kept.
NOT_SHOWN = re.compile(r"\x1b\[[0-9;?]*[A-Za-ln-z]|\x1b\][^\x07]*\x07|\x1b[=>]|\r(?!\n)")


def _environ(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(COLUMNS=str(COLUMNS), LINES="200", TERM="xterm-256color", COLORTERM="", **extra)
    env.pop("FAQBOT_KB", None)  # the packaged KB, whatever the caller's shell says
    return env


def terminal_output(picture: Picture) -> str:
    """What faqbot writes to a colour terminal of COLUMNS columns for this picture."""
    if picture.typed:
        return _session(picture)
    run = subprocess.run(
        [sys.executable, "-m", "faqbot", *picture.args, "--format", "rich", "--no-pager"],
        capture_output=True,
        text=True,
        env=_environ(),
        timeout=120,
    )
    if run.returncode not in (0, 1):
        raise SystemExit(f"pictures: {picture.command} failed: {run.stderr.strip()}")
    return run.stdout


def _session(picture: Picture) -> str:
    """A chat session in a pseudo-terminal, each line typed once the prompt is there."""
    import tempfile

    import pexpect  # a test dependency: pictures are drawn by developers

    prompt = "faqbot>"
    with tempfile.TemporaryDirectory() as history:  # no earlier session's lines
        child = pexpect.spawn(
            sys.executable,
            ["-m", "faqbot", *picture.args],
            env=_environ(XDG_DATA_HOME=history),
            encoding="utf-8",
            dimensions=(200, COLUMNS),
            timeout=120,
        )
        shown = ""
        for line in (*picture.typed, "/quit"):
            child.expect_exact(prompt)
            shown += child.before + child.after
            child.sendline(line)
        child.expect(pexpect.EOF)
        shown += child.before
        child.close()
    return NOT_SHOWN.sub("", shown).replace("\r\n", "\n")


def fingerprint(output: str) -> str:
    return hashlib.sha256(output.encode("utf-8")).hexdigest()


def svg(picture: Picture, output: str) -> str:
    from rich.console import Console
    from rich.text import Text

    console = Console(record=True, width=COLUMNS, file=io.StringIO(), force_terminal=True)
    console.print(Text.assemble(("$ ", "dim"), (picture.command, "bold")))
    console.print(Text.from_ansi(output), end="")
    drawn = console.export_svg(title=picture.command)
    stamp = f"<!-- faqbot output sha256: {fingerprint(output)} -->"
    head, rest = drawn.split("\n", 1)
    return f"{head}\n    {stamp}\n{rest}"


def stale() -> list[str]:
    """The pictures whose stored output is not what faqbot shows today."""
    found = []
    for picture in SHOWN:
        stored = picture.path.read_text(encoding="utf-8") if picture.path.exists() else ""
        mark = STAMP.search(stored)
        if mark is None or mark.group(1) != fingerprint(terminal_output(picture)):
            found.append(picture.name)
    return found


def main() -> int:
    if sys.argv[1:] == ["--check"]:
        names = stale()
        for name in names:
            print(f"pictures: docs/pictures/{name}.svg is stale: run python docs/pictures.py")
        return 1 if names else 0
    PICTURES.mkdir(exist_ok=True)
    for picture in SHOWN:
        picture.path.write_text(svg(picture, terminal_output(picture)), encoding="utf-8")
        print(f"wrote {picture.path.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
