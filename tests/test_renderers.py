"""The renderers, driven through an Environment: terminal behaviour without a terminal."""

from __future__ import annotations

import io
import json
import re

import pytest

from faqbot.environment import Environment
from faqbot.kb_loader import load_kb
from faqbot.matcher import Matcher
from faqbot.renderers import OutputMode, View, renderer_for
from tests.conftest import PACKAGED_KB

COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-9]|9[0-7])[0-9;]*m")  # a foreground colour, any form


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_kb(PACKAGED_KB))


def rendered(mode: OutputMode, result, **env) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    out, err = io.StringIO(), io.StringIO()
    view = View(top=env.pop("top", 0), explain=env.pop("explain", False))
    renderer_for(mode, Environment(io.StringIO(), out, err, **env), view).result(result)
    return out.getvalue(), err.getvalue()


def test_no_color_drops_colour_but_keeps_the_text(matcher):
    result = matcher.match("Did Kim visit Russia in the past?")
    coloured, _ = rendered(OutputMode.RICH, result, width=100)
    plain, _ = rendered(OutputMode.RICH, result, width=100, color=False)
    assert COLOUR.search(coloured) and not COLOUR.search(plain)
    assert "April 2019" in plain and "confidence" in plain


def test_a_decline_says_why_in_one_line_on_the_terminal(matcher):
    result = matcher.match("What weapons?")
    assert not result.answered
    out, _ = rendered(OutputMode.RICH, result, width=200, color=False)
    first = re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()[0]
    assert first == f"No confident answer: {result.reason}."


def test_a_score_is_rounded_one_way_in_every_format(matcher):
    result = matcher.match("How far is Vladivostok from the border?", top=4)
    best = result.answer
    assert best is not None and best.confidence != round(best.confidence, 1)  # unrounded core
    shown = f"{round(best.confidence, 1):g}"
    record = json.loads(rendered(OutputMode.JSON, result, top=2)[0])
    assert record["match"]["score"] == round(best.confidence, 1)
    runner_up = result.candidates[1]
    plain, _ = rendered(OutputMode.PLAIN, result, top=1)
    assert plain.splitlines()[1].split("\t")[1] == f"{round(runner_up.confidence, 1):g}"
    terminal, _ = rendered(OutputMode.RICH, result, width=200, color=False)
    assert f"confidence {shown}" in re.sub(r"\x1b\[[0-9;]*m", "", terminal)


def test_plain_explain_goes_to_stderr_and_stdout_keeps_one_line(matcher):
    result = matcher.match("Did Kim visit Russia in the past?")
    out, err = rendered(OutputMode.PLAIN, result, explain=True)
    assert out.count("\n") == 1 and err.startswith("decision: answered: ")


@pytest.mark.parametrize("width", [40, 60, 100, 200])
def test_terminal_wrapping_keeps_the_quote_indented_and_phrases_whole(matcher, width):
    result = matcher.match("Did Kim visit Russia in the past?")
    best = result.answer
    assert best is not None and best.entry.source
    out, _ = rendered(OutputMode.RICH, result, width=width, color=False)
    lines = [line.rstrip() for line in re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()]
    assert all(len(line) <= width for line in lines)
    start = next(i for i, line in enumerate(lines) if line.startswith("  “"))
    end = next(i for i in range(start, len(lines)) if lines[i].endswith("”"))
    assert all(line.startswith("  ") for line in lines[start : end + 1])
    label = f"matched {best.entry.kind.upper()} {best.entry.id}:"
    score = f"confidence {round(best.confidence, 1):g}"
    assert any(label in line for line in lines[end + 1 :])
    assert any(score in line for line in lines[end + 1 :])


def test_a_fact_that_is_its_source_sentence_is_shown_once_as_a_quote(tmp_path):
    # as `faqbot init` drafts facts: the answer is the article's sentence, word for word
    sentence = "The bridge reopened on Monday after a two-year repair."
    kb = tmp_path / "kb.yaml"
    kb.write_text(
        "facts:\n  - id: bridge\n"
        f"    fact: {sentence}\n    source: {sentence}\n"
        "    questions:\n      - When did the bridge reopen?\n",
        encoding="utf-8",
    )
    result = Matcher(load_kb(kb)).match("When did the bridge reopen?")
    assert result.answered
    out, _ = rendered(OutputMode.RICH, result, width=200, color=False)
    text = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert text.count(sentence) == 1 and text.startswith(f"“{sentence}”")


@pytest.mark.parametrize("width", [40, 60, 100, 200])
def test_a_wrapped_explanation_line_stays_under_its_own_label(matcher, width):
    result = matcher.match("How far is Vladivostok from the border?")
    out, _ = rendered(OutputMode.RICH, result, width=width, color=False, explain=True)
    lines = [line.rstrip() for line in re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("decision: "))
    explained = lines[start:]
    assert all(len(line) <= width for line in explained)
    # only a decision or a ranked candidate starts at the margin: what wraps is indented
    assert all(re.match(r"decision: |#\d+ |\s", line) for line in explained)
    assert sum(line.startswith("#") for line in explained) == len(result.candidates)
