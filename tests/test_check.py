"""`faqbot check`: each kind of advice found where it is and only there, by id and line."""

from __future__ import annotations

import json

import pytest

from faqbot.advice import OFF_TOPIC_QUESTIONS as OFF_TOPIC
from faqbot.advice import advise
from faqbot.cli import app
from faqbot.exit_codes import ExitCode
from faqbot.kb_loader import load_kb
from faqbot.matcher import Matcher
from tests.conftest import PACKAGED_KB

ACCOUNTS = """
title: Accounts
faqs:
  - id: reset
    question: How do I reset my password?
    answer: Use the link on the sign-in page.
    alternates:
      - Reset password
  - id: reset-fast
    question: How do I reset my password quickly?
    answer: Ask the help desk.
  - id: hours
    question: What are your opening hours?
    answer: Nine to five.
    alternates:
      - When are you open?
  - id: hours-again
    question: What are your hours opening?
    answer: Nine to five, weekdays.
    alternates:
      - When are you open?
"""


def findings(path, code):  # type: ignore[no-untyped-def]
    kb = load_kb(path)
    return [f for f in advise(kb, Matcher(kb)).findings if f.code == code]


def test_an_entry_asked_one_way_is_named_with_its_line(write_kb):
    path = write_kb(ACCOUNTS, article=None)
    found = findings(path, "single-phrasing")
    assert [(f.entry, f.line) for f in found] == [("reset-fast", 8)]
    assert "alternates" in found[0].message


def test_leave_one_out_names_the_entry_that_answers_instead(write_kb):
    path = write_kb(ACCOUNTS, article=None)
    confusable = findings(path, "confusable")
    assert ("reset", 3) in [(f.entry, f.line) for f in confusable]
    reset = next(f for f in confusable if f.entry == "reset")
    assert "`reset-fast`" in reset.message and "How do I reset my password?" in reset.message


POOL = """
title: Pool
source: article.txt
faqs:
  - id: winter
    question: Is the pool open in winter?
    answer: Yes, it stays open all year.
    source: {faq_source}
    alternates:
      - Does the pool stay open all year round?
facts:
  - id: all-year
    fact: The pool stays open all year round.
    source: The pool stays open all year round.
    questions:
      - Does the pool stay open all year round?
"""


@pytest.mark.parametrize(
    ("faq_source", "confused"),
    [
        # an FAQ and the fact that backs it (as `init` drafts them): either answers it
        ("The pool stays open all year round.", False),
        ("Swimming lessons run in the evenings.", True),  # another sentence: another answer
    ],
)
def test_an_entry_on_the_same_source_answering_is_no_confusion(write_kb, faq_source, confused):
    article = "The pool stays open all year round. Swimming lessons run in the evenings.\n"
    path = write_kb(POOL.format(faq_source=faq_source), article=article)
    found = findings(path, "confusable")
    assert ("winter" in [f.entry for f in found]) is confused


def test_duplicate_and_near_duplicate_questions(write_kb):
    path = write_kb(ACCOUNTS, article=None)
    duplicate = findings(path, "duplicate")
    assert [(f.entry, f.line) for f in duplicate] == [("hours-again", 16)]
    assert "`hours` (line 11)" in duplicate[0].message
    near = findings(path, "near-duplicate")
    assert [(f.entry, f.line) for f in near] == [("hours-again", 16)]


def test_a_kb_that_answers_general_questions_is_told_so(write_kb):
    path = write_kb(
        """
        faqs:
          - id: capital
            question: What is the capital of Australia?
            answer: Canberra.
          - id: egg
            question: How do I boil an egg?
            answer: Ten minutes in boiling water.
        """,
        article=None,
    )
    [found] = findings(path, "off-topic")
    assert found.entry is None and "capital" in found.message
    kb = load_kb(path)
    advice = advise(kb, Matcher(kb))
    assert found.message.startswith(f"answers {advice.off_topic_answered} of 40 ")
    assert advice.off_topic_answered >= 2 and advice.off_topic_asked == 40


def test_the_general_questions_are_asked_together_and_answered_as_alone(monkeypatch, write_kb):
    # One match_all: with the meaning extra, their encoding is one pass, not forty.
    from faqbot.advice import off_topic

    kb = load_kb(
        write_kb(
            """
            faqs:
              - id: capital
                question: What is the capital of Australia?
                answer: Canberra.
            """,
            article=None,
        )
    )
    matcher = Matcher(kb)
    batches = []
    real = Matcher.match_all
    monkeypatch.setattr(
        Matcher, "match_all", lambda self, qs, top=3: batches.append(len(qs)) or real(self, qs, top)
    )
    asked, answered, _ = off_topic(matcher)
    assert batches == [asked] == [40]
    questions = json.loads(OFF_TOPIC.read_text(encoding="utf-8"))["questions"]
    alone = sum(matcher.match(q, top=1).answer is not None for q in questions)
    assert answered == alone > 0


def test_a_plain_kb_on_its_own_topic_declines_every_general_question(write_kb):
    path = write_kb(ACCOUNTS, article=None)
    assert findings(path, "off-topic") == []


def test_leave_one_out_leaves_the_index_as_it_found_it():
    kb = load_kb(PACKAGED_KB)
    matcher = Matcher(kb)
    questions = [p for e in kb.entries for p in e.phrasings[:2]]

    def answers() -> list:  # type: ignore[type-arg]
        return [
            [(c.entry.id, c.confidence) for c in matcher.match(q).candidates] for q in questions
        ]

    before = answers()
    advice = advise(kb, matcher)
    assert answers() == before
    assert advice.phrasings_tested == advice.phrasings == sum(len(e.phrasings) for e in kb.entries)
    assert 0 < advice.phrasings_right < advice.phrasings_tested


# -- the command ----------------------------------------------------------------------------


def test_warnings_exit_0_and_1_with_strict(runner, write_kb):
    path = str(write_kb(ACCOUNTS, article=None))
    plain = runner.invoke(app, ["check", "--kb", path])
    assert plain.exit_code == ExitCode.OK
    lines = plain.stdout.splitlines()
    assert f"{path}:8: warning: reset-fast: asked one way only" in lines[0]
    assert lines[-1].startswith("4 entries, 7 phrasings; leave-one-out: ")
    strict = runner.invoke(app, ["check", "--kb", path, "--strict"])
    assert strict.exit_code == ExitCode.NO_ANSWER


def test_a_clean_kb_passes_strict(runner, write_kb):
    path = write_kb(
        """
        faqs:
          - id: cat
            question: Where did the cat sit?
            answer: On the mat.
            alternates: [What is the cat sitting on?, Where is the cat?]
          - id: dogs
            question: When do dogs bark?
            answer: At night.
            alternates: [What time do dogs bark?, Do dogs bark at night?]
        """,
        article=None,
    )
    result = runner.invoke(app, ["check", "--kb", str(path), "--strict", "--json"])
    report = json.loads(result.stdout)
    assert result.exit_code == ExitCode.OK, report["findings"]
    assert report["warnings"] == 0 and report["leave_one_out"]["accuracy"] == 1


def test_errors_exit_2_with_their_position(runner, write_kb):
    path = write_kb("faqs:\n  - id: x\n    question: [unclosed\n", article=None)
    result = runner.invoke(app, ["check", "--kb", str(path)])
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith(f"{path}:3:")


@pytest.mark.parametrize("fmt", ["json", "rich"])
def test_every_format_names_entries_by_id_and_line(runner, write_kb, fmt):
    path = str(write_kb(ACCOUNTS, article=None))
    out = runner.invoke(app, ["check", "--kb", path, "--format", fmt]).stdout
    if fmt == "json":
        report = json.loads(out)
        assert isinstance(report["leave_one_out"]["tested"], int)
        first = report["findings"][0]
        assert (first["entry"], first["line"], first["path"]) == ("reset-fast", 8, path)
    else:
        assert f"{path}:8" in out and "reset-fast" in out
