"""One renderer per output format, behind one small interface, chosen once per run.

Commands hand a renderer records (a question's Result, KB entries, a test Report) and hold
no format branches; `--explain` is part of how each renderer shows a Result. The formats:

- plain (`plain.py`): what scripts read line by line, exactly one line per question;
- JSON Lines (`jsonl.py`): one object per record;
- terminal (`terminal.py`): Rich, imported only when this renderer is chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    from faqbot.advice import Advice
    from faqbot.environment import Environment
    from faqbot.evaluate import Report
    from faqbot.model import Entry
    from faqbot.results import Candidate, Result


class OutputMode(StrEnum):
    AUTO = "auto"
    RICH = "rich"
    PLAIN = "plain"
    JSON = "json"


def choose_mode(requested: OutputMode, json_flag: bool, stdout_is_tty: bool) -> OutputMode:
    if json_flag:
        return OutputMode.JSON
    if requested is OutputMode.AUTO:
        return OutputMode.RICH if stdout_is_tty else OutputMode.PLAIN
    return requested


class View(NamedTuple):
    """What of a Result to show, beyond the answer."""

    top: int = 0  # the next-best entries to list
    explain: bool = False  # why: words, signals, runners-up, the decision
    # The question was asked alone (not `ask -`): plain text, whose stdout has only an empty
    # line for a decline, says on stderr why and what was near. A batch would fill stderr.
    asked_alone: bool = False


ANSWER_ONLY = View()


class Renderer(Protocol):
    def result(self, result: Result) -> None: ...

    def entries(self, entries: Sequence[Entry], title: str) -> None: ...

    def entry(self, entry: Entry) -> None: ...

    def report(self, report: Report) -> None: ...

    def advice(self, advice: Advice) -> None: ...

    def close(self) -> None:
        """The run's output is complete (the terminal renderer may page it now)."""


def renderer_for(mode: OutputMode, env: Environment, view: View = ANSWER_ONLY) -> Renderer:
    if mode is OutputMode.JSON:
        from faqbot.renderers.jsonl import JsonLinesRenderer

        return JsonLinesRenderer(env, view)
    if mode is OutputMode.PLAIN:
        from faqbot.renderers.plain import PlainRenderer

        return PlainRenderer(env, view)
    from faqbot.renderers.terminal import TerminalRenderer

    return TerminalRenderer(env, view)


def where(advice: Advice, line: int) -> str:
    """A finding's place, as compilers and linters write it: PATH:LINE (PATH for the KB)."""
    return f"{advice.path}:{line}" if line else advice.path


def advice_summary(advice: Advice) -> str:
    """`faqbot check`'s closing line, the same in plain and terminal output."""
    from faqbot.figures import count_text, ratio_text

    accuracy = advice.leave_one_out_accuracy
    left_out = (
        "leave-one-out: no entry has two phrasings"
        if accuracy is None
        else f"leave-one-out: {advice.phrasings_right} of {advice.phrasings_tested} phrasings "
        f"answered with their own entry ({ratio_text(accuracy)})"
    )
    return (
        f"{count_text(advice.entries, 'entry', 'entries')}, "
        f"{count_text(advice.phrasings, 'phrasing')}; {left_out}; off-topic: "
        f"{advice.off_topic_answered} of {advice.off_topic_asked} answered; "
        f"{count_text(advice.warnings, 'warning')}, {count_text(advice.notes, 'note')}"
    )


def runners_up(result: Result, top: int) -> list[Candidate]:
    """The `top` entries after the answer (after nothing, when declined)."""
    skip = 1 if result.answered else 0
    return list(result.candidates[skip : skip + top])
