"""The command line through CliRunner: formats, exit codes, batch order, errors."""

from __future__ import annotations

import json
import re

import pytest

from faqbot import __version__
from faqbot.cli import app
from faqbot.exit_codes import ExitCode
from faqbot.kb_loader import load_kb
from faqbot.renderers import OutputMode, choose_mode
from tests.conftest import PACKAGED_KB

KB = load_kb(PACKAGED_KB)
ANSWERABLE = "How far is Vladivostok from the border with North Korea?"
OFF_TOPIC = "How do I bake sourdough bread?"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def visible(text: str) -> str:
    """Terminal output as a person reads it: no colour codes, whitespace folded."""
    return " ".join(ANSI.sub("", text).split())


def test_exit_codes_are_the_documented_ones():
    assert [int(c) for c in ExitCode] == [0, 1, 2, 130]


@pytest.mark.parametrize(
    ("requested", "json_flag", "tty", "expected"),
    [
        (OutputMode.AUTO, False, True, OutputMode.RICH),
        (OutputMode.AUTO, False, False, OutputMode.PLAIN),
        (OutputMode.PLAIN, False, True, OutputMode.PLAIN),
        (OutputMode.RICH, False, False, OutputMode.RICH),
        (OutputMode.AUTO, True, True, OutputMode.JSON),
    ],
)
def test_output_mode_is_decided_once_from_flag_and_tty(requested, json_flag, tty, expected):
    assert choose_mode(requested, json_flag, tty) is expected


def test_plain_is_the_piped_default_one_line(runner):
    result = runner.invoke(app, ["ask", ANSWERABLE])
    assert result.exit_code == ExitCode.OK
    answer = KB.by_id["vladivostok-distance"].answer
    assert result.stdout == answer + "\n"


def test_words_are_joined_into_one_question(runner):
    result = runner.invoke(
        app, ["ask", "How", "far", "is", "Vladivostok", "from", "North", "Korea?"]
    )
    assert result.exit_code == ExitCode.OK
    assert result.stdout.count("\n") == 1 and "130 km" in result.stdout


def test_no_confident_answer_is_an_empty_line_and_exit_1(runner):
    result = runner.invoke(app, ["ask", OFF_TOPIC])
    assert result.exit_code == ExitCode.NO_ANSWER
    assert result.stdout == "\n"


def test_a_question_asked_alone_and_declined_says_why_on_stderr(runner):
    # stdout keeps its empty line for scripts; a person reading the pipe's end learns why,
    # and which entries were near, by their ids for `faqbot show`.
    question = "How many carriages does Kim's train pull?"
    result = runner.invoke(app, ["ask", question])
    assert result.exit_code == ExitCode.NO_ANSWER and result.stdout == "\n"
    [note] = result.stderr.splitlines()
    reason = json.loads(runner.invoke(app, ["ask", "--json", question]).stdout)
    assert note.startswith(f"faqbot: no confident answer: {reason['reason']}; did you mean: ")
    assert all(s["id"] in note for s in reason["suggestions"])


def test_a_batch_keeps_stderr_quiet_for_its_declines(runner):
    result = runner.invoke(app, ["ask", "-"], input=f"{OFF_TOPIC}\n{ANSWERABLE}\n")
    assert result.exit_code == ExitCode.NO_ANSWER
    assert result.stdout.splitlines()[0] == "" and result.stderr == ""


def test_json_record(runner):
    result = runner.invoke(app, ["ask", "--json", ANSWERABLE])
    assert result.exit_code == ExitCode.OK
    record = json.loads(result.stdout)
    assert set(record) == {"question", "answered", "match", "suggestions"}
    assert record["question"] == ANSWERABLE and record["answered"] is True
    match = record["match"]
    assert set(match) == {"id", "kind", "question", "answer", "source", "score", "by"}
    assert match["by"] == "words"
    entry = KB.by_id[match["id"]]
    assert (match["kind"], match["answer"], match["source"]) == ("fact", entry.answer, entry.source)
    assert 0 <= match["score"] <= 100
    assert record["suggestions"] == []


def test_json_abstention_offers_suggestions(runner):
    result = runner.invoke(
        app, ["ask", "--format", "json", "How many carriages does Kim's train pull?"]
    )
    assert result.exit_code == ExitCode.NO_ANSWER
    record = json.loads(result.stdout)
    assert record["answered"] is False and record["match"] is None
    assert 1 <= len(record["suggestions"]) <= 3
    assert all(s["id"] in KB.by_id and s["question"] == KB.by_id[s["id"]].question
               for s in record["suggestions"])  # fmt: skip


def test_top_adds_runners_up(runner):
    result = runner.invoke(app, ["ask", "--json", "--top", "2", ANSWERABLE])
    record = json.loads(result.stdout)
    assert len(record["top"]) == 2
    assert all(t["id"] != record["match"]["id"] for t in record["top"])
    assert record["top"][0]["score"] >= record["top"][1]["score"]
    plain = runner.invoke(app, ["ask", "--top", "2", ANSWERABLE]).stdout.splitlines()
    assert len(plain) == 3 and all(line.startswith("\t") for line in plain[1:])


def test_rich_output_shows_answer_source_match_and_confidence(runner):
    result = runner.invoke(app, ["ask", "--format", "rich", ANSWERABLE])
    assert result.exit_code == ExitCode.OK
    text = visible(result.stdout)
    assert text != " ".join(result.stdout.split()), "rich output should be styled"
    entry = KB.by_id["vladivostok-distance"]
    assert "130 km (80 miles)" in text
    assert "Vladivostok, where the meeting is expected" in text  # the source, quoted
    assert f"FACT {entry.id}" in text and "confidence" in text


def test_rich_abstention_lists_suggestions(runner):
    result = runner.invoke(app, ["ask", "-f", "rich", "How many carriages does Kim's train pull?"])
    assert result.exit_code == ExitCode.NO_ANSWER
    assert "No confident answer" in result.stdout and "Did you mean" in result.stdout


def test_stdin_batch_answers_in_order_and_skips_blank_lines(runner):
    questions = [ANSWERABLE, "", OFF_TOPIC, "   ", "When did Kim Jong Un come to power?"]
    result = runner.invoke(app, ["ask", "--json", "-"], input="\n".join(questions) + "\n")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in records] == [
        ANSWERABLE,
        OFF_TOPIC,
        "When did Kim Jong Un come to power?",
    ]
    assert [r["answered"] for r in records] == [True, False, True]
    assert result.exit_code == ExitCode.NO_ANSWER  # one had no confident answer


def test_stdin_batch_plain_has_one_line_per_question(runner):
    result = runner.invoke(app, ["ask", "-"], input=f"{ANSWERABLE}\r\n\n{OFF_TOPIC}\r\n")
    assert result.stdout.split("\n") == [KB.by_id["vladivostok-distance"].answer, "", ""]


def test_all_answered_batch_exits_0(runner):
    result = runner.invoke(app, ["ask", "-"], input=f"{ANSWERABLE}\n{ANSWERABLE}\n")
    assert result.exit_code == ExitCode.OK


def test_explain(runner):
    result = runner.invoke(app, ["ask", "--json", "--explain", ANSWERABLE])
    explain = json.loads(result.stdout)["explain"]
    assert explain["decision"] == "answered"
    best = explain["candidates"][0]
    assert best["id"] == "vladivostok-distance"
    assert {w["word"] for w in best["words"] if w["matched"]} >= {"vladivostok"}
    # each signal's contribution: the weighted signals make up the score
    signals = best["signals"]
    parts = sum(
        signals[name]["weight"] * signals[name]["score"] for name in ("phrasing", "coverage")
    )
    assert 100 * parts * signals["type_factor"] == pytest.approx(best["score"], abs=0.2)
    assert signals["phrasing"]["weight"] + signals["coverage"]["weight"] == pytest.approx(1)
    rich = runner.invoke(app, ["ask", "-f", "rich", "--explain", OFF_TOPIC]).stdout
    assert "decision: abstained" in re.sub(r"\x1b\[[0-9;]*m", "", rich)


def test_explain_json_says_why_a_word_counts_for_less(runner):
    # As the text explanation does ("a typo", "in the answer only", "a version of"), so that
    # a script need not infer it from the strength.
    result = runner.invoke(app, ["ask", "--json", "--explain", "How far is Vladivostk?"])
    words = json.loads(result.stdout)["explain"]["candidates"][0]["words"]
    typo = next(w for w in words if w["word"] == "vladivostk")
    assert typo["matched"] == "vladivostok" and typo["typo"] and typo["strength"] < 1
    exact = next(w for w in words if w["word"] == "far")
    assert not exact["typo"] and not exact["answer_only"] and exact["version_of"] is None


def test_threshold_option(runner):
    question = "Kim Jong Un trips to Beijing and Xi"
    score = json.loads(runner.invoke(app, ["ask", "--json", question]).stdout)["match"]["score"]
    assert score < 100
    assert runner.invoke(app, ["ask", "--threshold", str(score), question]).exit_code == 0
    assert runner.invoke(app, ["ask", "--threshold", str(score + 0.1), question]).exit_code == 1
    assert runner.invoke(app, ["ask", "--threshold", "101", "x"]).exit_code == ExitCode.USAGE
    not_a_number = runner.invoke(app, ["ask", "--threshold", "nan", "x"])
    assert not_a_number.exit_code == ExitCode.USAGE
    assert "'--threshold': nan is not a number" in not_a_number.stderr
    gate = runner.invoke(app, ["test", "--min-accuracy", "nan", "questions.jsonl"])
    assert gate.exit_code == ExitCode.USAGE
    assert "'--min-accuracy': nan is not a number" in gate.stderr


def test_list_plain_json_and_rich(runner):
    plain = runner.invoke(app, ["list"])
    assert plain.exit_code == 0
    rows = [line.split("\t") for line in plain.stdout.splitlines()]
    assert [r[0] for r in rows] == [e.id for e in KB.faqs]
    assert all(len(r) == 4 and r[1] == "faq" for r in rows)
    with_facts = runner.invoke(app, ["list", "--facts", "--json"]).stdout.splitlines()
    assert [json.loads(line)["id"] for line in with_facts] == [e.id for e in KB.entries]
    rich = runner.invoke(app, ["list", "-f", "rich"])
    assert rich.exit_code == 0 and KB.faqs[0].id in rich.stdout


def test_show(runner):
    result = runner.invoke(app, ["show", "first-visit"])
    assert result.exit_code == 0
    entry = KB.by_id["first-visit"]
    assert f"source\t{entry.source}" in result.stdout.splitlines()
    record = json.loads(runner.invoke(app, ["show", "--json", "first-visit"]).stdout)
    assert record["phrasings"] == list(entry.phrasings)
    assert "April 2019" in runner.invoke(app, ["show", "-f", "rich", "first-visit"]).stdout


def test_show_unknown_id_names_the_closest(runner):
    result = runner.invoke(app, ["show", "first-vist"])
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr.startswith("faqbot: no entry with id 'first-vist'; closest: first-visit")
    assert result.stderr.count("\n") == 1


def test_show_suggests_ids_case_aside_and_from_the_words_of_questions():
    kb = load_kb(PACKAGED_KB)
    assert kb.ids_like("FIRST-VISIT")[0] == "first-visit"
    about_weapons = kb.ids_like("weapons")
    assert about_weapons and all(
        "weapons" in kb.by_id[i].question.casefold() for i in about_weapons
    )
    assert kb.ids_like("zzz") == []


def test_kb_error_is_one_line_per_problem_with_exit_2(runner, write_kb):
    path = write_kb("faqs:\n  - id: a\n    question: Q?\n    answer: No\n", article=None)
    result = runner.invoke(app, ["ask", "--kb", str(path), "anything"])
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == f'{path}:4:13: `answer` must be text, got a boolean (quote it: "No")\n'
    assert "Traceback" not in result.output


def test_kb_from_environment(runner, small_kb, monkeypatch):
    monkeypatch.setenv("FAQBOT_KB", str(small_kb))
    result = runner.invoke(app, ["ask", "where did the cat sit"])
    assert result.stdout == "On the mat.\n"


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(runner, flag):
    result = runner.invoke(app, [flag, "list"])  # with other arguments, typer answers it
    assert result.exit_code == 0 and result.stdout == f"faqbot {__version__}\n"


@pytest.mark.parametrize("command", [[], ["ask"], ["list"], ["show"], ["test"]])
def test_every_command_has_help_leading_with_an_example(runner, command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "faqbot " in result.stdout.split("Examples:")[1]
    assert "Exit codes:" in result.stdout


def test_usage_error_exits_2(runner):
    result = runner.invoke(app, ["ask", "--no-such-flag", "q"])
    assert result.exit_code == ExitCode.USAGE
    assert "No such option" in result.stderr


def test_suggestions_are_only_entries_half_way_to_the_threshold(runner):
    from faqbot.matcher import Matcher

    threshold = Matcher(KB).threshold
    question = "How many carriages does Kim's train pull?"
    near = json.loads(runner.invoke(app, ["ask", "--json", "--top", "5", question]).stdout)
    assert near["match"] is None and near["suggestions"]
    assert all(s["score"] >= threshold / 2 for s in near["suggestions"])
    assert any(t["score"] < threshold / 2 for t in near["top"])  # the rest are not offered
    far = json.loads(runner.invoke(app, ["ask", "--json", "What is the capital of Peru?"]).stdout)
    assert far["suggestions"] == []


def test_threshold_0_always_answers_with_the_best_entry(runner):
    """--threshold 0 answers even where the runner-up is too close to tell apart; only a
    question that shares no topic word with any entry stays unanswered."""
    declined = runner.invoke(app, ["ask", "--json", "--top", "2", "What weapons?"])
    forced = runner.invoke(app, ["ask", "--json", "--threshold", "0", "What weapons?"])
    assert declined.exit_code == 1 and json.loads(declined.stdout)["answered"] is False
    record = json.loads(forced.stdout)
    assert forced.exit_code == 0 and record["answered"] is True
    assert record["match"]["id"] == json.loads(declined.stdout)["top"][0]["id"]
    nothing = runner.invoke(app, ["ask", "--threshold", "0", "What is the capital of Peru?"])
    assert nothing.exit_code == 1


def test_a_kb_path_from_faqbot_kb_says_so(runner, tmp_path):
    missing = tmp_path / "gone.yaml"
    from_env = runner.invoke(app, ["ask", "hi"], env={"FAQBOT_KB": str(missing)})
    typed = runner.invoke(app, ["ask", "--kb", str(missing), "hi"])
    assert from_env.exit_code == typed.exit_code == ExitCode.USAGE
    assert from_env.stderr == f"{missing} (from FAQBOT_KB): knowledge base file not found\n"
    assert typed.stderr == f"{missing}: knowledge base file not found\n"


@pytest.mark.parametrize("command", ["ask", "list", "show", "test", "index"])
def test_help_metavars_read_as_words(runner, command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "range>" not in result.stdout and "<path>" not in result.stdout
    if command == "ask":
        assert "--top N" in result.stdout and "--threshold SCORE" in result.stdout
    if command == "test":
        assert "--min-accuracy RATE" in result.stdout


def test_help_lists_whole_command_summaries_and_only_the_exit_codes_a_command_returns(runner):
    commands = runner.invoke(app, ["--help"]).stdout.split("Commands:")[1].split("Exit codes")[0]
    assert "..." not in commands
    assert len(commands.strip().splitlines()) == len(app.registered_commands)
    for command in ("list", "show", "index"):
        table = runner.invoke(app, [command, "--help"]).stdout.split("Exit codes:")[1]
        assert re.search(r"^\s+0\s", table, re.M) and not re.search(r"^\s+1\s", table, re.M)
    ask = runner.invoke(app, ["ask", "--help"]).stdout.split("Exit codes:")[1]
    assert re.search(r"^\s+1\s+at least one question had no confident answer$", ask, re.M)
    tested = runner.invoke(app, ["test", "--help"]).stdout.split("Exit codes:")[1]
    assert re.search(r"^\s+1\s+accuracy is under --min-accuracy$", tested, re.M)
