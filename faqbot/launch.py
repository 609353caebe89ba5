"""The console-script entry point: what needs no CLI framework is answered before loading one.

`faqbot --version` is what scripts and package managers run to check an install, and importing
typer alone costs about six times Python's own start-up (benchmarks/startup.py), so the version
is printed first. Every other command line goes to `faqbot.cli`, which prints the same version
line for `--version` when it comes with other arguments.
"""

from __future__ import annotations

import sys

from faqbot import __version__

VERSION_FLAGS = ("--version", "-V")


def version_line() -> str:
    return f"faqbot {__version__}"


def main() -> None:
    if len(sys.argv) == 2 and sys.argv[1] in VERSION_FLAGS:
        sys.stdout.write(version_line() + "\n")
        return
    from faqbot.cli import main as cli_main

    cli_main()
