"""Paging of long terminal output: which pager, when, and what it is given."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from faqbot.environment import Environment
from faqbot.kb_loader import load_kb
from faqbot.pager import page, pager_command
from faqbot.renderers import OutputMode, renderer_for
from tests.conftest import PACKAGED_KB


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, ["less"]),
        ({"PAGER": "more -s"}, ["more", "-s"]),
        ({"FAQBOT_PAGER": "less -S", "PAGER": "more"}, ["less", "-S"]),
        ({"FAQBOT_PAGER": "", "PAGER": "less"}, None),  # faqbot's own setting wins, even empty
        ({"PAGER": "cat"}, None),
        ({"PAGER": "'unbalanced"}, None),
    ],
)
def test_the_pager_is_the_users_choice(environ, expected):
    assert pager_command(environ) == expected


def recorder(tmp_path: Path, what: str = "sys.stdin.read()") -> tuple[list[str], Path]:
    """A pager command that writes `what` (an expression) to a file the test reads."""
    kept = tmp_path / "paged.txt"
    code = f"import os, sys; open({str(kept)!r}, 'w').write({what})"
    return [sys.executable, "-c", code], kept


def test_a_pager_that_cannot_start_leaves_the_text_where_it_was_going():
    out = io.StringIO()
    page("some text\n", ["no-such-pager-anywhere"], out)
    assert out.getvalue() == "some text\n"


def test_less_gets_colours_and_quit_if_one_screen_unless_the_user_set_less(tmp_path, monkeypatch):
    argv, kept = recorder(tmp_path, "os.environ['LESS']")
    monkeypatch.delenv("LESS", raising=False)
    page("text\n", argv, io.StringIO())
    assert kept.read_text() == "FRX"
    monkeypatch.setenv("LESS", "-M")
    page("text\n", argv, io.StringIO())
    assert kept.read_text() == "-M"


@pytest.mark.parametrize(("height", "paged"), [(10, True), (1000, False)])
def test_the_terminal_renderer_pages_only_what_is_longer_than_the_screen(tmp_path, height, paged):
    argv, kept = recorder(tmp_path)
    out = io.StringIO()
    env = Environment(io.StringIO(), out, io.StringIO(), width=100, height=height, pager=argv)
    render = renderer_for(OutputMode.RICH, env)
    render.entries(load_kb(PACKAGED_KB).faqs, "title")
    assert out.getvalue() == ""  # held back until the output is complete
    render.close()
    shown = kept.read_text() if paged else out.getvalue()
    assert "first-visit" in shown and "\x1b[" in shown
    assert kept.exists() is paged and (out.getvalue() == "") is paged
