"""The process exit codes, in one place: the README and `--help` document exactly these."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # every question got a confident answer
    NO_ANSWER = 1  # at least one question had no confident answer (or a check failed)
    USAGE = 2  # bad usage, unreadable input, or a knowledge-base error
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
