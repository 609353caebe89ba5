"""Plain text, what scripts read: exactly one line per question on stdout (the answer, or an
empty line when declined), tab-separated rows elsewhere. `--explain`, and why a question asked
alone was declined, go to stderr, so that stdout keeps its one line per question. KB text was
sanitised at load; questions are here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from faqbot.environment import Environment
from faqbot.figures import confidence_text, ratio_text
from faqbot.renderers import View, advice_summary, runners_up, where
from faqbot.reporting import silence
from faqbot.sanitize import one_line

if TYPE_CHECKING:  # annotations only: `list` needs no matcher, an answer no `check` advice
    from faqbot.advice import Advice
    from faqbot.evaluate import Report, Summary
    from faqbot.model import Entry
    from faqbot.results import Result


class PlainRenderer:
    def __init__(self, env: Environment, view: View) -> None:
        self.out, self.err, self.view = env.stdout, env.stderr, view

    def result(self, result: Result) -> None:
        lines = [one_line(result.answer.entry.answer) if result.answer else ""]
        lines += [f"\t{confidence_text(c.confidence)}\t{c.entry.id}\t{one_line(c.entry.question)}"
                  for c in runners_up(result, self.view.top)]  # fmt: skip
        self.out.write("\n".join(lines) + "\n")
        self.out.flush()
        if self.view.explain:
            self._aside("\n".join(explanation_lines(result)))
        elif result.answer is None and self.view.asked_alone:
            self._aside(decline_note(result))

    def _aside(self, text: str) -> None:
        """Write what a person reads beside the answers to stderr. Its reader gone (`2>&1 |
        head -1`) is no failure of the run: stdout has the answers, and the exit code still
        says whether each had one, as for every message (see reporting.say)."""
        try:
            self.err.write(text + "\n")
            self.err.flush()
        except OSError:
            silence(self.err)

    def entries(self, entries: Sequence[Entry], title: str) -> None:
        for entry in entries:
            fields = (entry.id, entry.kind, entry.question, entry.answer)
            self.out.write("\t".join(one_line(f) for f in fields) + "\n")
        self.out.flush()

    def advice(self, advice: Advice) -> None:
        for f in advice.findings:
            subject = f"{f.entry}: " if f.entry else ""
            line = f"{where(advice, f.line)}: {f.severity}: {subject}{f.message} [{f.code}]"
            self.out.write(one_line(line) + "\n")
        self.out.write(one_line(advice_summary(advice)) + "\n")
        self.out.flush()

    def close(self) -> None:
        """Each record was written and flushed as it came."""

    def entry(self, entry: Entry) -> None:
        out = self.out
        out.write(f"id\t{entry.id}\nkind\t{entry.kind}\nquestion\t{one_line(entry.question)}\n")
        out.write(f"answer\t{one_line(entry.answer)}\n")
        if entry.source:
            out.write(f"source\t{one_line(entry.source)}\n")
        for phrasing in entry.phrasings:
            out.write(f"phrasing\t{one_line(phrasing)}\n")
        out.flush()

    def report(self, report: Report) -> None:
        for label, value in summary_rows(report.summary):
            self.out.write(f"{label}\t{value}\n")
        for miss in report.misses:
            fields = ("miss", str(miss.line), miss.question, miss.expected,
                      miss.got or "(abstained)")  # fmt: skip
            self.out.write("\t".join(one_line(f) for f in fields) + "\n")
        self.out.flush()


def decline_note(result: Result) -> str:
    """One line for a person reading stderr: no confident answer, why, and the entries named
    as suggestions (their ids, for `faqbot show`)."""
    note = f"faqbot: no confident answer: {one_line(result.reason)}"
    if result.suggestions:
        near = "; ".join(f"{c.entry.id} ({one_line(c.entry.question)})" for c in result.suggestions)
        note += f"; did you mean: {near}"
    return note


def summary_rows(summary: Summary) -> list[tuple[str, str]]:
    """The summary of `faqbot test` as (label, value) pairs, for plain and terminal output."""
    rows = [
        ("questions", str(summary.questions)),
        ("accuracy", f"{summary.accuracy:.3f}"),
        ("answerable right", f"{summary.answerable_right}/{summary.answerable}"),
        ("answerable wrong", str(summary.answerable_wrong)),
        ("out-of-scope declined", f"{summary.out_of_scope_declined}/{summary.out_of_scope}"),
        ("wrong-answer rate", f"{summary.wrong_answer_rate:.3f}"),
    ]
    if summary.mcc is not None:
        rows.append(("mcc", f"{summary.mcc:.3f}"))
    return rows


def explanation_lines(result: Result) -> list[str]:
    """Why faqbot answered or not, as readable lines (plain on stderr, terminal dimmed)."""
    lines = [f"decision: {'answered' if result.answered else 'abstained'}: {result.reason}"]
    if result.meaning is not None:
        lines.append(f"meaning: {result.meaning}")
    for rank, c in enumerate(result.candidates, 1):
        phrasing_points = 100 * c.phrasing_weight * c.phrasing_score * c.type_factor
        coverage_points = 100 * (1 - c.phrasing_weight) * c.coverage * c.type_factor
        lines.append(
            f"#{rank} {c.entry.id} score {confidence_text(c.confidence)} = "
            f"{phrasing_points:.1f} from the phrasing match ({ratio_text(c.phrasing_weight)} x "
            f"{ratio_text(c.phrasing_score)}: recall {ratio_text(c.recall)}, precision "
            f"{ratio_text(c.precision)}) + {coverage_points:.1f} from coverage "
            f"({ratio_text(1 - c.phrasing_weight)} x {ratio_text(c.coverage)})"
            + (
                ""
                if c.type_ok
                else f"; marked down x{c.type_factor:g}: its answer is not of the type asked"
            )
        )
        lines.append(f"   nearest phrasing: {one_line(c.phrasing)}")
        carried = ", ".join(
            f"{w.question_word}->{w.kb_word} (weight {ratio_text(w.weight)}"
            + (", a typo" if w.typo else "")
            + (", in the answer only" if w.answer_only else "")
            + (f", a version of {w.version_of!r}: what it adds to it" if w.version_of else "")
            + (f", counts {ratio_text(w.strength)})" if w.strength < 1 else ")")
            for w in c.words
            if w.kb_word
        )
        missing = ", ".join(
            f"{w.question_word} ({ratio_text(w.weight)})" for w in c.words if not w.kb_word
        )
        lines.append(f"   words that carried it: {carried or 'none'}")
        if missing:
            lines.append(f"   not explained by this entry: {missing}")
    return lines
