"""The core's own exceptions. The CLI maps each to a one-line message and an exit code."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a file, at a 1-based line and column (0 when unknown)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{self.path}: {self.message}"


class FaqbotError(Exception):
    """Base of every error faqbot reports to the user instead of a traceback."""


class KnowledgeBaseError(FaqbotError):
    """A knowledge base that cannot be used; carries every problem found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UnknownEntryError(FaqbotError):
    """`faqbot show ID` with an id the knowledge base does not have."""

    def __init__(self, entry_id: str, closest: list[str]) -> None:
        hint = f"; closest: {', '.join(closest)}" if closest else ""
        super().__init__(f"no entry with id {entry_id!r}{hint}")


class InputError(FaqbotError):
    """A question file or stream that cannot be read; carries every problem found, in order."""

    def __init__(self, *messages: str) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


class DamagedIndex(FaqbotError):
    """A cached index found damaged while a run read it: a row that does not decode, or a
    page of the file SQLite cannot read. Such damage is not seen when the file is opened
    (checking every page would cost a large KB's cold run seconds): it is found where it is
    read, and the file removed, so that the next run builds it again (see index_store)."""

    def __init__(self, path: str, cause: Exception) -> None:
        self.path, self.cause = path, str(cause) or type(cause).__name__
        super().__init__(
            f"the cached index {path} is damaged ({self.cause}); it was removed: run the "
            "command again"
        )
