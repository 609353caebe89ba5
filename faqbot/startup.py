"""What every run of faqbot sets up before its command, with the CLI framework loaded or not
(faqbot.launch answers some command lines without it, faqbot.cli the rest): its standard
streams, and the version it reports.
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


def open_missing_streams() -> bool:
    """Whether there is a stdout to write to. A process started with stdout or stderr closed
    (`>&-`) has None for it in Python, and its first write would be a traceback. Messages
    with no stderr to go to are dropped (the exit code still tells what happened); output
    with no stdout to go to is an error, as a write error is for coreutils."""
    if sys.stderr is None:
        import os

        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the run
    return sys.stdout is not None
