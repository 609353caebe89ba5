"""`faqbot test`: the KB author's check agrees with the shared yardstick and fails loudly."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from faqbot.cli import app
from faqbot.evaluate import mcc
from faqbot.exit_codes import ExitCode
from tests.conftest import REPO

SHARED = REPO.parent / "shared"
FAQBOT = shutil.which("faqbot", path=str(Path(sys.executable).parent)) or "faqbot"
SETS = [(SHARED / "eval" / "dev.jsonl", None)] + [
    (kb.parent / "queries.jsonl", kb) for kb in sorted((SHARED / "bench").glob("**/kb.yaml"))
]


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="no shared/ beside repo")
@pytest.mark.parametrize(("questions", "kb"), SETS, ids=lambda p: str(p)[-40:] if p else "-")
def test_agrees_with_score_py(runner, questions, kb):
    kb_args = ["--kb", str(kb)] if kb else []
    ours = runner.invoke(app, ["test", "--json", str(questions), *kb_args])
    assert ours.exit_code == 0, ours.output
    figures = json.loads(ours.stdout)["summary"]
    score = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(questions), *kb_args,
         "--cmd", FAQBOT],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    theirs = json.loads(score.stdout.strip().splitlines()[-1])
    # The same figures; ours keeps counts as numbers ("48/49" is two of them) and shows rates
    # to three decimals.
    right, answerable = map(int, theirs["answerable_right"].split("/"))
    declined, out_of_scope = map(int, theirs["oos_abstained"].split("/"))
    assert figures == {
        "questions": theirs["n"],
        "accuracy": pytest.approx(theirs["accuracy"], abs=5e-4),
        "answerable_right": right,
        "answerable": answerable,
        "answerable_wrong": theirs["answerable_wrong"],
        "out_of_scope_declined": declined,
        "out_of_scope": out_of_scope,
        "wrong_answer_rate": pytest.approx(theirs["wrong_answer_rate"], abs=5e-4),
        "mcc": pytest.approx(theirs["mcc"], abs=5e-4) if "mcc" in theirs else None,
    }


def write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "questions.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_min_accuracy_sets_the_exit_code(runner, tmp_path):
    path = write(tmp_path, [
        json.dumps({"q": "How far is Vladivostok from the border with North Korea?",
                    "any": ["130"]}),
        json.dumps({"q": "How do I bake sourdough bread?", "any": ["April 2019"]}),
    ])  # fmt: skip
    passing = runner.invoke(app, ["test", str(path), "--min-accuracy", "0.5"])
    assert passing.exit_code == ExitCode.OK
    assert "accuracy\t0.500" in passing.stdout.splitlines()
    assert any(line.startswith("miss\t2\tHow do I bake") for line in passing.stdout.splitlines())
    failing = runner.invoke(app, ["test", str(path), "--min-accuracy", "0.6"])
    assert failing.exit_code == ExitCode.NO_ANSWER


def test_rich_report_lists_misses(runner, tmp_path):
    path = write(tmp_path, [json.dumps({"q": "How do I bake bread?", "any": ["x"]})])
    result = runner.invoke(app, ["test", "-f", "rich", str(path)])
    assert "1 miss" in result.stdout and "1 misses" not in result.stdout
    assert "How do I bake bread?" in result.stdout
    two = write(tmp_path, [json.dumps({"q": f"How do I bake {x}?", "any": ["x"]})
                           for x in ("bread", "cake")])  # fmt: skip
    assert "2 misses" in runner.invoke(app, ["test", "-f", "rich", str(two)]).stdout


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"q": "x", "gold": [}', "questions.jsonl:1:21: invalid JSON: Expecting value"),
        ('["x"]', "questions.jsonl:1:1: each line must be a JSON object"),
        ('{"question": "x", "gold": []}', 'questions.jsonl:1:1: "q" must be the question'),
        ('{"q": "x"}', 'questions.jsonl:1:1: a row needs "any" (answer phrases) or "gold"'),
        ('{"q": "x", "gold": "id"}', 'questions.jsonl:1:1: "gold" must be a list of strings'),
    ],
)
def test_bad_question_files_get_a_positioned_error(runner, tmp_path, line, message):
    result = runner.invoke(app, ["test", str(write(tmp_path, [line]))])
    assert result.exit_code == ExitCode.USAGE
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_missing_question_file(runner, tmp_path):
    result = runner.invoke(app, ["test", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == f"faqbot: {tmp_path / 'nope.jsonl'}: question file not found\n"


def test_mcc_matches_known_values():
    assert mcc(["a", "b", "a", "b"], ["a", "b", "a", "b"]) == pytest.approx(1.0)
    assert mcc(["a", "b", "a", "b"], ["b", "a", "b", "a"]) == pytest.approx(-1.0)
    assert mcc(["a", "a"], ["a", "a"]) == 0.0  # one class only: undefined, reported as 0
    # sklearn.metrics.matthews_corrcoef([0,0,1,1,2,2],[0,1,1,2,2,0]) = 0.25
    assert mcc(list("aabbcc"), list("abbcca")) == pytest.approx(0.25)


def test_every_problem_of_a_question_file_is_reported(runner, tmp_path):
    lines = ['{"q": "x", "gold": [}', '{"q": "fine", "gold": []}', '["x"]', '{"q": "x"}']
    result = runner.invoke(app, ["test", str(write(tmp_path, lines))])
    assert result.exit_code == ExitCode.USAGE
    reported = result.stderr.splitlines()
    assert [line.split(":")[2] for line in reported] == ["1", "3", "4"]
    many = runner.invoke(app, ["test", str(write(tmp_path, ["[1]"] * 25))])
    assert many.stderr.splitlines()[-1] == "faqbot: ... and 5 more problems"
    assert len(many.stderr.splitlines()) == 21


def test_questions_are_asked_in_batches_and_scored_as_one_by_one(monkeypatch):
    # In batches (match_all), so that meaning encodes a batch's questions in one pass, as
    # `ask -` does; each outcome what asking that question alone answers.
    from faqbot import evaluate
    from faqbot.answering import matcher_for
    from faqbot.matcher import Matcher
    from faqbot.settings import Settings

    matcher = matcher_for(None, Settings(meaning=False), use_cache=False)
    base = ["How far is Vladivostok from the border?", "Has Kim been to Russia?", "Bake bread?"]
    rows = [
        evaluate.LabeledQuestion(f"{q} ({k})", ("130",), None, k)
        for k in range(evaluate.BATCH + 5)
        for q in [base[k % 3]]
    ]
    batches = []
    monkeypatch.setattr(
        Matcher, "match_all", lambda self, qs, top=3: batches.append(len(qs)) or [
            Matcher.match(self, q, top) for q in qs
        ],
    )  # fmt: skip
    outcomes = evaluate.run(matcher, rows)
    assert batches == [evaluate.BATCH, 5]
    for row, outcome in zip(rows, outcomes, strict=True):
        alone = matcher.match(row.question).answer
        assert outcome.answer == (alone and alone.entry)
        assert outcome.confidence == (alone and alone.confidence)
        assert outcome.labeled is row
