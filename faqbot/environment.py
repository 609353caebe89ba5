"""What a run talks to: its streams, whether each is a terminal, its width and colour.

Commands take an Environment instead of reading `sys` and `os.environ` themselves (as HTTPie
does), so terminal behaviour is tested by building one, without a pseudo-terminal.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TextIO


@dataclass
class Environment:
    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    stdin_isatty: bool = False
    stdout_isatty: bool = False
    width: int | None = None  # None: the terminal's own (or Rich's default when not one)
    color: bool = True  # False under NO_COLOR (https://no-color.org) or --no-color

    @classmethod
    def from_process(cls, no_color: bool = False) -> Environment:
        return cls(
            stdin=sys.stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdin_isatty=_isatty(sys.stdin),
            stdout_isatty=_isatty(sys.stdout),
            color=not (no_color or os.environ.get("NO_COLOR")),
        )


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a real stream
        return False
