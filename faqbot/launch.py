"""The console-script entry point: what needs no CLI framework is answered before loading one.

Importing typer alone costs about six times Python's own start-up (benchmarks/startup.py), so
the command lines run most are answered without it:

- `faqbot --version` (or `-V`), what scripts and package managers run to check an install;
- `faqbot ask WORDS...` with no option but `--json` (anywhere, as Click allows), the question
  typed at a shell or asked by a script: it runs the same function as the `ask` command
  (faqbot.answering.ask), with the same KB (FAQBOT_KB, or the packaged one). Any other word
  starting with "-" (an option, `-` for stdin, `--`) sends the line to the full CLI;
- `faqbot list` with no option but `--json` and `--facts`, likewise (answering.list_entries),
  what an author runs to see a KB and a script to read it.

Every other command line goes to the full CLI.
"""

from __future__ import annotations

import sys

from faqbot.startup import VERSION_FLAGS, open_missing_streams, prepare_streams, version_line

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing for `--version`
if TYPE_CHECKING:
    from collections.abc import Callable


def main() -> None:
    if not open_missing_streams():
        from faqbot.exit_codes import ExitCode

        sys.stderr.write("faqbot: cannot write output: stdout is closed\n")
        sys.exit(ExitCode.USAGE)
    argv = sys.argv[1:]
    if len(argv) == 1 and argv[0] in VERSION_FLAGS:
        sys.stdout.write(version_line() + "\n")
        return
    command, options = argv[:1], argv[1:]
    json_ = "--json" in options
    words = [a for a in options if a != "--json"]
    if command == ["ask"] and words and not any(a.startswith("-") for a in words):
        from faqbot.answering import ask

        sys.exit(_without_cli(ask, words=words, json_=json_))
    if command == ["list"] and set(options) <= {"--json", "--facts"}:
        from faqbot.answering import list_entries

        sys.exit(_without_cli(list_entries, facts="--facts" in options, json_=json_))
    from faqbot.cli import main as cli_main

    cli_main()


def _without_cli(command: Callable[..., int], **options: object) -> int:
    """The exit code of `command` (faqbot.answering's) run with `options` on the KB that
    FAQBOT_KB names (or the packaged one), streams and Ctrl-C handled as the full CLI does."""
    import os
    from pathlib import Path

    from faqbot.exit_codes import ExitCode

    prepare_streams()
    kb = os.environ.get("FAQBOT_KB") or None  # as the --kb option reads it: empty is unset
    try:
        return command(kb=Path(kb) if kb else None, kb_from_env=kb is not None, **options)
    except KeyboardInterrupt:
        sys.stderr.write("faqbot: interrupted\n")
        return ExitCode.INTERRUPTED
