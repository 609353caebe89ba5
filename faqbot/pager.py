"""Terminal output longer than the screen goes through a pager, as git and gh do.

The command is the user's: FAQBOT_PAGER, else PAGER, else `less`; an empty value or `cat`
means no pager. `less` is given LESS=FRX when the user has not set LESS: R shows the colours,
X leaves the text on the screen after quitting, F quits at once if it fits after all. A pager
that cannot be started is not an error: the text is written as it would have been.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
from typing import TextIO

DEFAULT_PAGER = "less"


def pager_command(environ: dict[str, str] | os._Environ[str] | None = None) -> list[str] | None:
    """The pager to run, as an argument list, or None when the user asked for none."""
    environ = os.environ if environ is None else environ
    for name in ("FAQBOT_PAGER", "PAGER"):
        if name in environ:
            chosen = environ[name]
            break
    else:
        chosen = DEFAULT_PAGER
    try:
        argv = shlex.split(chosen)
    except ValueError:  # an unbalanced quote in PAGER: not ours to fix, no pager
        return None
    if not argv or argv[0] == "cat":
        return None
    return argv


def page(text: str, argv: list[str], out: TextIO) -> None:
    """Show `text` through the pager `argv`, or write it to `out` if the pager cannot run."""
    program = shutil.which(argv[0])
    if program is None:
        out.write(text)
        return
    environ = dict(os.environ)
    environ.setdefault("LESS", "FRX")
    environ.setdefault("LV", "-c")  # lv, a pager some systems default to: colours as well
    encoding = getattr(out, "encoding", None) or "utf-8"
    out.flush()
    try:
        process = subprocess.Popen([program, *argv[1:]], stdin=subprocess.PIPE, env=environ)
    except OSError:
        out.write(text)
        return
    assert process.stdin is not None
    # Ctrl-C belongs to the pager while it runs (less uses it to stop a search); faqbot
    # waits for it rather than dying under it and leaving the terminal in its mode.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        # the user may quit the pager before reading everything: that is fine
        with contextlib.suppress(BrokenPipeError):
            process.stdin.write(text.encode(encoding, errors="replace"))
            process.stdin.close()
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
