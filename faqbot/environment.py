"""What a run talks to: its streams, whether each is a terminal, its width and colour.

Commands take an Environment instead of reading `sys` and `os.environ` themselves (as HTTPie
does), so terminal behaviour is tested by building one, without a pseudo-terminal.
"""

from __future__ import annotations

import os
import sys
from typing import NamedTuple, TextIO


class Environment(NamedTuple):
    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    stdin_isatty: bool = False
    stdout_isatty: bool = False
    width: int | None = None  # None: the terminal's own (or Rich's default when not one)
    color: bool = True  # False under NO_COLOR (https://no-color.org) or --no-color
    height: int | None = None  # None: the terminal's own
    # The pager for terminal output longer than the screen (faqbot.pager), None for none:
    # never when stdout is not a terminal, nor under --no-pager, nor for streamed answers.
    pager: list[str] | None = None

    @classmethod
    def from_process(cls, no_color: bool = False, paging: bool = False) -> Environment:
        stdout_isatty = _isatty(sys.stdout)
        pager = None
        if paging and stdout_isatty:
            from faqbot.pager import pager_command

            pager = pager_command()
        return cls(
            stdin=sys.stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdin_isatty=_isatty(sys.stdin),
            stdout_isatty=stdout_isatty,
            color=not (no_color or os.environ.get("NO_COLOR")),
            pager=pager,
        )


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a real stream
        return False
