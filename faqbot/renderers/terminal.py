"""The terminal, with Rich. Imported only when this renderer is chosen (start-up cost).

KB text is always handed to Rich as `Text` objects, never as markup strings: a KB answer that
contains "[/x]" or ":thumbs_up:" is shown as written instead of crashing or turning into emoji.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from faqbot.environment import Environment
from faqbot.figures import confidence_text, count_text
from faqbot.renderers import View, advice_summary, runners_up, where
from faqbot.renderers.plain import explanation_lines, summary_rows
from faqbot.sanitize import one_line, sanitize

if TYPE_CHECKING:  # annotations only: `list` needs no matcher, an answer no `check` advice
    from faqbot.advice import Advice
    from faqbot.evaluate import Report
    from faqbot.model import Entry
    from faqbot.results import Result


def make_console(env: Environment) -> Console:
    return Console(
        file=env.stdout,
        width=env.width,
        height=env.height,
        force_terminal=True,  # the mode was decided already: rich was asked for
        no_color=not env.color,
        markup=False,
        emoji=False,
        highlight=False,
    )


# What a wrapped explanation line hangs from: "#2 ", "decision: ", "   nearest phrasing: ".
_EXPLAIN_LABEL = re.compile(r"#\d+ |\s*[a-z][a-z ]*: ")


def _confidence_style(score: float) -> str:
    return "green" if score >= 75 else "yellow"


class TerminalRenderer:
    def __init__(self, env: Environment, view: View) -> None:
        self.console, self.view = make_console(env), view
        self._results = 0
        self._pager = env.pager
        if self._pager:  # held back until close(), which knows whether it fits the screen
            self.console.begin_capture()

    def close(self) -> None:
        if not self._pager:
            return
        text = self.console.end_capture()
        if text.count("\n") >= self.console.height:  # would scroll off the top
            from faqbot.pager import page

            page(text, self._pager, self.console.file)
        else:
            self.console.file.write(text)
        self.console.file.flush()

    def result(self, result: Result) -> None:
        console = self.console
        if self._results:  # a blank line between answers, so a batch reads as separate answers
            console.print()
        self._results += 1
        best = result.answer
        if best is None:
            console.print(
                Text.assemble(("No confident answer", "bold red"), (f": {result.reason}.", "dim"))
            )
            if result.suggestions:
                console.print(Text("Did you mean:", style="dim"))
                for c in result.suggestions:
                    console.print(
                        Text.assemble(
                            "  • ", (c.entry.question, "cyan"), (f"  ({c.entry.id})", "dim")
                        )
                    )
        else:
            entry = best.entry
            if entry.source and entry.source.split() == entry.answer.split():
                # a fact that is its source sentence, as `init` drafts them: shown once, quoted
                console.print(Text.assemble(("“", "dim"), (entry.answer, "bold"), ("”", "dim")))
            else:
                console.print(Text(entry.answer, style="bold"))
                if entry.source:  # indented as a quote, wrapped lines too
                    quote = Text.assemble(("“", "dim"), (entry.source, "italic"), ("”", "dim"))
                    console.print(Padding(quote, (0, 0, 0, 2), expand=False))
            self._matched(best.entry, best.confidence, by_meaning=best.meaning is not None)
        runners = runners_up(result, self.view.top)
        if runners:
            table = Table(title="Next best", title_justify="left", show_edge=False, pad_edge=False)
            table.add_column("score", justify="right")
            table.add_column("id")
            table.add_column("question")
            for c in runners:
                table.add_row(
                    confidence_text(c.confidence), Text(c.entry.id), Text(c.entry.question)
                )
            console.print(table)
        if self.view.explain:
            for line in explanation_lines(result):
                self._hanging(line)

    def _hanging(self, line: str) -> None:
        """An explanation line whose wrapped part stays under its value, not under its label
        ("   nearest phrasing: ..." continues beneath the phrasing), where that leaves room."""
        label = _EXPLAIN_LABEL.match(line)
        head = label.group(0) if label else ""
        if len(head) > self.console.width // 3:  # a long label on a narrow screen: hang
            head = head[: len(head) - len(head.lstrip())]  # from the label's start instead
        grid = Table.grid()
        grid.add_column(no_wrap=True)
        grid.add_column()
        grid.add_row(Text(head, style="dim"), Text(line[len(head) :], style="dim"))
        self.console.print(grid)

    def _matched(self, entry: Entry, confidence: float, by_meaning: bool = False) -> None:
        """ "matched FAQ id: question  confidence 95.2" on one line where it fits ("matched by
        meaning" when words alone did not find it). Where it does not fit, the confidence goes
        to a line of its own and the question wraps beside its label, so that no phrase
        ("matched FAQ id:", "confidence 95.2") is broken."""
        how = "matched by meaning " if by_meaning else "matched "
        label = Text.assemble(
            (how, "dim"), (entry.kind.upper(), "magenta"), (f" {entry.id}:", "dim")
        )
        score = Text.assemble(
            ("confidence ", "dim"), (confidence_text(confidence), _confidence_style(confidence))
        )
        question = Text(entry.question, style="cyan")
        whole = Text.assemble(label, " ", question, "  ", score)
        if whole.cell_len <= self.console.width:
            self.console.print(whole)
            return
        if label.cell_len + 20 <= self.console.width:  # room for the question beside it
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column()
            grid.add_row(label, question)
            self.console.print(grid)
        else:
            self.console.print(label)
            self.console.print(Padding(question, (0, 0, 0, 2), expand=False))
        self.console.print(score)

    def entries(self, entries: Sequence[Entry], title: str) -> None:
        table = Table(title=Text(sanitize(title)), show_lines=True, expand=True)
        table.add_column("id", style="magenta", no_wrap=True)
        table.add_column("kind", style="dim", no_wrap=True)
        table.add_column("question", style="cyan", ratio=2)
        table.add_column("answer", ratio=3)
        for entry in entries:
            table.add_row(Text(entry.id), entry.kind.upper(), Text(entry.question),
                          Text(entry.answer))  # fmt: skip
        self.console.print(table)

    def entry(self, entry: Entry) -> None:
        console = self.console
        console.print(Text.assemble((entry.kind.upper(), "magenta"), " ", (entry.id, "bold")))
        console.print(Text.assemble(("Q: ", "dim"), (entry.question, "cyan")))
        console.print(Text.assemble(("A: ", "dim"), (entry.answer, "bold")))
        if entry.source:
            console.print(
                Text.assemble(
                    ("Source: ", "dim"), ("“", "dim"), (entry.source, "italic"), ("”", "dim")
                )
            )
        others = [p for p in entry.phrasings if p not in (entry.question, entry.answer)]
        if others:
            console.print(Text("Also answers:", style="dim"))
            for p in others:
                console.print(Text(f"  • {one_line(p)}"))

    def report(self, report: Report) -> None:
        console = self.console
        summary = Table(show_header=False, box=None, pad_edge=False)
        summary.add_column(style="dim")
        summary.add_column(style="bold")
        for label, value in summary_rows(report.summary):
            summary.add_row(label, value)
        console.print(summary)
        misses = report.misses
        if not misses:
            console.print(Text("No misses.", style="green"))
            return
        title = count_text(len(misses), "miss", "misses")
        table = Table(title=title, title_justify="left", expand=True)
        table.add_column("line", justify="right", style="dim")
        table.add_column("question", ratio=3)
        table.add_column("expected", ratio=2, style="green")
        table.add_column("got", ratio=2, style="red")
        for miss in misses:
            table.add_row(
                str(miss.line),
                Text(one_line(miss.question)),
                Text(one_line(miss.expected)),
                Text(one_line(miss.got or "(abstained)")),
            )
        console.print(table)

    def advice(self, advice: Advice) -> None:
        console = self.console
        style = {"warning": "yellow", "note": "cyan"}
        for f in advice.findings:
            head = Text.assemble(
                (where(advice, f.line), "dim"), " ", (f.severity, style.get(f.severity, ""))
            )
            if f.entry:
                head.append_text(Text.assemble(" ", (f.entry, "magenta")))
            console.print(head)
            body = Text.assemble(f.message, (f"  [{f.code}]", "dim"))
            console.print(Padding(body, (0, 0, 0, 2), expand=False))
        if not advice.warnings:
            console.print(Text("No warnings.", style="green"))
        console.print(Text(advice_summary(advice), style="bold"))
