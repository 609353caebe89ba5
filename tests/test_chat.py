"""`faqbot chat`: the session's commands through a scripted reader, then the real thing in a
pseudo-terminal (pexpect): line editing, history kept between sessions, Ctrl-C and Ctrl-D."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pexpect

from faqbot.chat import Chat, history_path
from faqbot.environment import Environment
from faqbot.kb_loader import load_kb
from faqbot.matcher import Matcher
from faqbot.renderers import OutputMode, renderer_for
from tests.conftest import PACKAGED_KB

FAQBOT = shutil.which("faqbot", path=str(Path(sys.executable).parent)) or "faqbot"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class ScriptedReader:
    """Lines as a user would type them; an exception instance is raised where it stands."""

    def __init__(self, *lines: str | BaseException) -> None:
        self.lines = list(lines)

    def read(self, prompt: str) -> str:
        if not self.lines:
            raise EOFError
        line = self.lines.pop(0)
        if isinstance(line, BaseException):
            raise line
        return line


def session(*lines: str | BaseException) -> tuple[str, list[str]]:
    out, said = io.StringIO(), []
    env = Environment(io.StringIO(), out, io.StringIO(), width=100, color=False)
    matcher = Matcher(load_kb(PACKAGED_KB))
    chat = Chat(
        matcher,
        env,
        lambda view: renderer_for(OutputMode.RICH, env, view),
        ScriptedReader(*lines),  # type: ignore[arg-type]
        said.append,
    )
    chat.run()
    return ANSI.sub("", out.getvalue()), said


def test_a_session_answers_explains_and_looks_entries_up():
    shown, said = session(
        "Did Kim visit Russia in the past?", "/why", "/show first-visit", "/list", "/quit", "never"
    )
    assert said == []
    assert shown.count("April 2019") >= 3  # the answer, its /why, the entry shown
    assert "decision: answered" in shown
    assert "Also answers:" in shown  # /show
    assert "vladivostok-distance" not in shown.split("/list")[-1]  # /list: FAQs only
    assert "never" not in shown  # /quit ended the session


def test_mistakes_get_a_line_each_and_the_session_goes_on():
    shown, said = session("/why", "/show kim", "/show", "/frobnicate", "How far is Vladivostok?")
    assert said[0].startswith("faqbot: nothing asked yet")
    assert said[1].startswith("faqbot: no entry with id 'kim'; closest: ")
    assert said[2] == "faqbot: usage: /show ID"
    assert said[3] == "faqbot: no command /frobnicate: /help lists them"
    assert "130 km" in shown  # still answering after all that


def test_ctrl_c_drops_the_line_and_the_session_goes_on():
    shown, _ = session(KeyboardInterrupt(), "Did Kim visit Russia in the past?")
    assert "^C" in shown and "April 2019" in shown


def test_history_lives_in_the_users_data_directory():
    assert history_path({"XDG_DATA_HOME": "/x"}) == Path("/x/faqbot/history")
    assert history_path({}) == Path.home() / ".local" / "share" / "faqbot" / "history"


# -- a real terminal -------------------------------------------------------------------------

UP = "\x1b[A"


def spawn(tmp_path: Path) -> pexpect.spawn:
    """`faqbot chat` in a pseudo-terminal, its data directory `tmp_path/data`."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    # Ctrl-C must reach it as in a terminal, even where this test runs with SIGINT ignored
    # (a CI job started in the background inherits that, and so would faqbot).
    child = pexpect.spawn(
        FAQBOT,
        ["chat", "--no-color"],
        env=env,
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=30,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    child.expect_exact("faqbot> ")
    return child


def quit_session(child: pexpect.spawn, expecting: str | None = None) -> int | None:
    """Type /quit, see `expecting` said on the way out if given; the exit status."""
    child.sendline("/quit")
    if expecting is not None:
        child.expect(expecting)
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_chat_in_a_terminal_edits_lines_and_keeps_history(tmp_path):
    child = spawn(tmp_path)
    child.sendline("Did Kim visit Russia in the pasx")  # a typo, fixed below with the arrow keys
    child.expect("April 2019")
    child.expect_exact("faqbot> ")
    child.send("partial words")
    child.expect_exact("partial words")  # echoed: readline has it and waits for more
    child.sendintr()  # Ctrl-C: the line is dropped, the session goes on
    child.expect_exact("faqbot> ")
    child.send(UP + "\x7ft?\r")  # recall it, backspace the "x", type "t?"
    child.expect("April 2019")
    child.expect_exact("faqbot> ")
    child.sendeof()  # Ctrl-D
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in (child.before or "")
    kept = (tmp_path / "data" / "faqbot" / "history").read_text(encoding="utf-8")
    assert "Did Kim visit Russia in the past?" in kept and "partial words" not in kept

    again = spawn(tmp_path)  # a new session recalls the last one's questions
    again.send(UP)
    again.expect_exact("Did Kim visit Russia in the past?")
    again.sendline("")
    again.expect("April 2019")
    assert quit_session(again) == 0


def test_chat_reads_a_pipe_as_ask_dash_does():
    piped = subprocess.run([FAQBOT, "chat"], input="Did Kim visit Russia in the past?\nWhat?\n",
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert piped.returncode == 1  # the second question had no confident answer
    assert piped.stdout.splitlines()[0].startswith("No, Kim Jong Un previously visited")
    assert piped.stdout.count("\n") == 2


def test_an_unwritable_data_directory_costs_the_history_not_the_session(tmp_path):
    (tmp_path / "data").write_text("a file where the directory should be", encoding="utf-8")
    child = spawn(tmp_path)
    child.sendline("Did Kim visit Russia in the past?")
    child.expect("April 2019")
    assert quit_session(child, expecting="history not saved") == 0
