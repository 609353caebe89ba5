"""Errors said in one line each, and the exit code that goes with them: one place for every
command, with or without the CLI framework loaded (see faqbot.launch).

`fail` and `reported` end the run by raising SystemExit with an ExitCode: the framework lets
it through, and so does its test runner, which records the code.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import NoReturn, TextIO

from faqbot.errors import FaqbotError, InputError, KnowledgeBaseError
from faqbot.exit_codes import ExitCode
from faqbot.sanitize import one_line

# A file with a thousand broken lines is told its first problems, and how many more it has.
MAX_PROBLEMS_SHOWN = 20


def say(line: str) -> None:
    # Messages quote file names, keys and ids written by others: no control characters.
    try:
        sys.stderr.write(one_line(line) + "\n")
    except OSError:  # stderr's reader went away (`2>&1 | head -1`): the exit code still tells
        silence(sys.stderr)


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    say(f"faqbot: {message}")
    raise SystemExit(code)


@contextmanager
def reported(kb_from_env: bool = False) -> Iterator[None]:
    """Turn the core's errors and output failures into a message and an exit code. A KB
    path that came from FAQBOT_KB says so: the user did not type it in this command."""
    try:
        yield
    except KnowledgeBaseError as exc:
        for problem in exc.problems:
            if kb_from_env:
                problem = problem._replace(path=f"{problem.path} (from FAQBOT_KB)")
            say(str(problem))
        raise SystemExit(ExitCode.USAGE) from None
    except InputError as exc:
        for message in exc.messages[:MAX_PROBLEMS_SHOWN]:
            say(f"faqbot: {message}")
        if len(exc.messages) > MAX_PROBLEMS_SHOWN:
            say(f"faqbot: ... and {len(exc.messages) - MAX_PROBLEMS_SHOWN} more problems")
        raise SystemExit(ExitCode.USAGE) from None
    except FaqbotError as exc:
        fail(str(exc))
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop quietly.
        silence(sys.stdout)
        raise SystemExit(ExitCode.OK) from None
    except OSError as exc:
        silence(sys.stdout)
        if exc.errno in (errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT):
            fail(f"cannot write output: {exc.strerror}")
        fail(f"{exc.strerror or exc}")


def silence(stream: TextIO) -> None:
    # Unflushed bytes would fail again at exit, print "Exception ignored" and make the exit
    # code 120: point the stream at /dev/null so the interpreter's final flush cannot fail.
    with suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, stream.fileno())
        finally:
            os.close(devnull)  # the stream's own descriptor now points there
