"""The console-script entry point: what needs no CLI framework is answered before loading one.

Importing typer alone costs about six times Python's own start-up (benchmarks/startup.py), so
the command lines run most are answered without it:

- `faqbot --version` (or `-V`), what scripts and package managers run to check an install;
- `faqbot ask WORDS...` or `faqbot ask -` with no option but `--json`, `--words-only` and
  `--kb KB` (anywhere, as Click allows), the question typed at a shell or asked by a script,
  or a script's stream of questions (`--words-only` is what a batch that wants speed over
  meaning's rewordings passes): it runs the same function as the `ask` command
  (faqbot.answering.ask), with the same KB (`--kb`, else FAQBOT_KB, else the packaged one).
  Any other word starting with "-" (another option, `--`, a `--kb` whose value is missing,
  empty or given twice) sends the line to the full CLI;
- `faqbot list` with no option but `--json`, `--facts` and `--kb KB`, likewise
  (answering.list_entries), what an author runs to see a KB and a script to read it.

Every other command line goes to the full CLI.
"""

from __future__ import annotations

import sys

from faqbot.startup import VERSION_FLAGS, open_missing_streams, prepare_streams, version_line

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing for `--version`
if TYPE_CHECKING:
    from collections.abc import Callable

# The options answered without the CLI framework (besides `--kb KB`), of `ask` and `list`.
ASK_FLAGS = {"--json", "--words-only"}
LIST_FLAGS = {"--json", "--facts"}


def main() -> None:
    if not open_missing_streams():
        from faqbot.exit_codes import ExitCode

        sys.stderr.write("faqbot: cannot write output: stdout is closed\n")
        sys.exit(ExitCode.USAGE)
    argv = sys.argv[1:]
    if len(argv) == 1 and argv[0] in VERSION_FLAGS:
        sys.stdout.write(version_line() + "\n")
        return
    from faqbot.bulk import collect_rarely

    collect_rarely()
    command, options = argv[:1], argv[1:]
    if command == ["ask"] and (line := _plain_options(options, ASK_FLAGS)) is not None:
        kb, flags, words = line
        if words == ["-"] or (words and not any(a.startswith("-") for a in words)):
            from faqbot.answering import ask

            sys.exit(
                _without_cli(
                    ask,
                    kb,
                    words=words,
                    json_="--json" in flags,
                    words_only="--words-only" in flags,
                )
            )
    if command == ["list"] and (line := _plain_options(options, LIST_FLAGS)) is not None:
        kb, flags, words = line
        if not words:
            from faqbot.answering import list_entries

            facts, json_ = "--facts" in flags, "--json" in flags
            sys.exit(_without_cli(list_entries, kb, facts=facts, json_=json_))
    from faqbot.cli import main as cli_main

    cli_main()


def _plain_options(
    options: list[str], flags: set[str]
) -> tuple[str | None, set[str], list[str]] | None:
    """The `--kb` value (`--kb KB` or `--kb=KB`), which of `flags` are given, and the other
    words of a command line's options; None where the full CLI must read them: a `--kb`
    whose value is missing, empty, starts with "-" or is given twice."""
    kb: str | None = None
    given: set[str] = set()
    words: list[str] = []
    rest = iter(options)
    for word in rest:
        if word in flags:
            given.add(word)
        elif word == "--kb" or word.startswith("--kb="):
            value = word[len("--kb=") :] if word.startswith("--kb=") else next(rest, "")
            if kb is not None or not value or value.startswith("-"):
                return None
            kb = value
        else:
            words.append(word)
    return kb, given, words


def _without_cli(command: Callable[..., int], kb: str | None, **options: object) -> int:
    """The exit code of `command` (faqbot.answering's) run with `options` on the KB `kb`
    names, else FAQBOT_KB (or the packaged one), streams and Ctrl-C handled as the full CLI
    does."""
    import os
    from pathlib import Path

    from faqbot.exit_codes import ExitCode

    prepare_streams()
    from_env = kb is None and bool(os.environ.get("FAQBOT_KB"))
    if from_env:
        kb = os.environ["FAQBOT_KB"]  # as the --kb option reads it: empty is unset
    try:
        return command(kb=Path(kb) if kb else None, kb_from_env=from_env, **options)
    except KeyboardInterrupt:
        sys.stderr.write("faqbot: interrupted\n")
        return ExitCode.INTERRUPTED
