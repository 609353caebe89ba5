"""The console-script entry point: what needs no CLI framework is answered before loading one.

Importing typer alone costs about six times Python's own start-up (benchmarks/startup.py), so
the two command lines run most are answered without it:

- `faqbot --version` (or `-V`), what scripts and package managers run to check an install;
- `faqbot ask WORDS...` with no option but `--json` (anywhere, as Click allows), the question
  typed at a shell or asked by a script: it runs the same function as the `ask` command
  (faqbot.answering.ask), with the same KB (FAQBOT_KB, or the packaged one). Any other word
  starting with "-" (an option, `-` for stdin, `--`) sends the line to the full CLI, as does
  every other command.
"""

from __future__ import annotations

import sys

from faqbot import __version__

VERSION_FLAGS = ("--version", "-V")


def version_line() -> str:
    return f"faqbot {__version__}"


def prepare_streams() -> None:
    if hasattr(sys.stdout, "reconfigure"):
        # A non-UTF-8 locale must not turn an answer into a UnicodeEncodeError.
        sys.stdout.reconfigure(errors="replace")
        sys.stderr.reconfigure(errors="replace")


def main() -> None:
    argv = sys.argv[1:]
    if len(argv) == 1 and argv[0] in VERSION_FLAGS:
        sys.stdout.write(version_line() + "\n")
        return
    words = [a for a in argv[1:] if a != "--json"]
    if argv[:1] == ["ask"] and words and not any(a.startswith("-") for a in words):
        prepare_streams()
        sys.exit(_plain_ask(words, json_=len(words) < len(argv) - 1))
    from faqbot.cli import main as cli_main

    cli_main()


def _plain_ask(words: list[str], json_: bool) -> int:
    import os
    from pathlib import Path

    from faqbot.answering import ask
    from faqbot.exit_codes import ExitCode

    kb = os.environ.get("FAQBOT_KB") or None  # as the --kb option reads it: empty is unset
    try:
        return ask(words, Path(kb) if kb else None, json_=json_, kb_from_env=kb is not None)
    except KeyboardInterrupt:
        sys.stderr.write("faqbot: interrupted\n")
        return ExitCode.INTERRUPTED
