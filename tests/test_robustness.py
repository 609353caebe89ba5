"""Hostile and broken input: a clear message, the documented exit code, nothing else.

Each case here is a row of docs/robustness.md.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from faqbot.cli import app
from faqbot.exit_codes import ExitCode
from faqbot.kb_loader import load_kb
from tests.conftest import kb_problems

FAQBOT = shutil.which("faqbot", path=str(Path(sys.executable).parent)) or "faqbot"
QUESTION = "Is this Kim Jong Un's first visit to Russia?"
CONTROL = set(chr(c) for c in range(32) if chr(c) not in "\n\t") | {"\x7f", "\x9b"}


# -- knowledge-base faults ------------------------------------------------------------------


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "kb.yaml"
    path.write_text("title: x\n", encoding="utf-8")

    def denied(self, *args, **kwargs):  # root reads everything, so the refusal is simulated
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    assert kb_problems(path) == [f"{path}: cannot read knowledge base file: permission denied"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_file_that_never_ends_is_read_only_past_the_limit(monkeypatch):
    # /dev/zero's size is 0 to stat: it was read whole, which never ends (nor does memory).
    import signal

    def read_too_long(signum, frame):
        raise TimeoutError("/dev/zero is being read to its end")

    monkeypatch.setenv("FAQBOT_MAX_KB_MB", "1")
    previous = signal.signal(signal.SIGALRM, read_too_long)
    signal.alarm(10)
    try:
        problems = kb_problems(Path("/dev/zero"))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert problems == [
        "/dev/zero: knowledge base is over the 1,048,576-byte limit "
        "(set FAQBOT_MAX_KB_MB to a number of megabytes to raise it)"
    ]


def test_not_yaml_at_all(write_kb):
    path = write_kb("This is a sentence, not a knowledge base.\n", article=None)
    assert kb_problems(path) == [
        f"{path}:1:1: the top level must be a mapping (key: value), got text"
    ]


def test_nul_byte(tmp_path):
    path = tmp_path / "kb.yaml"
    path.write_bytes(b"title: a\nfaqs: \x00\n")
    assert kb_problems(path) == [f"{path}:2:7: knowledge base contains a NUL byte: not a text file"]


def test_entry_that_is_not_a_mapping(write_kb):
    path = write_kb("faqs:\n  - just a string\n", article=None)
    assert kb_problems(path) == [f"{path}:2:5: an FAQ must be a mapping (key: value), got text"]


def test_list_where_text_belongs(write_kb):
    path = write_kb("faqs:\n  - id: a\n    question: [a, b]\n    answer: A.\n", article=None)
    assert kb_problems(path) == [f"{path}:3:15: `question` must be text, got a list"]


def test_facts_not_a_list(write_kb):
    path = write_kb("facts: {a: 1}\n", article=None)
    assert f"{path}:1:8: `facts` must be a list, got a mapping" in kb_problems(path)


def test_size_cap(tmp_path, monkeypatch):
    import faqbot.kb_loader as kb_loader

    monkeypatch.setattr(kb_loader, "MAX_KB_BYTES", 1000)
    path = tmp_path / "kb.yaml"
    path.write_text("title: " + "x" * 2000 + "\n", encoding="utf-8")
    assert kb_problems(path) == [
        f"{path}: knowledge base is 2,008 bytes; the limit is 1,000 "
        "(set FAQBOT_MAX_KB_MB to a number of megabytes to raise it)"
    ]
    # The variable raises it: 0.01 MB is 10,485 bytes.
    monkeypatch.setenv("FAQBOT_MAX_KB_MB", "0.01")
    assert "2,008 bytes" not in " ".join(kb_problems(path))
    # A value that is not a positive number of megabytes leaves the default.
    for value in ("abc", "0", "-1", "inf", "1e400", "nan"):
        monkeypatch.setenv("FAQBOT_MAX_KB_MB", value)
        assert "the limit is 1,000 " in " ".join(kb_problems(path)), value


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deep_nesting_is_refused_quickly(tmp_path, depth):
    path = tmp_path / "kb.yaml"
    path.write_text("faqs: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    start = time.perf_counter()
    (message,) = kb_problems(path)
    assert message.startswith(f"{path}:1:")
    # Our own limit, or libyaml's (1,000 flow levels), whichever the parser meets first.
    assert "nested deeper than 32 levels" in message or "maximum nesting depth" in message
    assert time.perf_counter() - start < 10


def test_billion_laughs_is_refused_before_expansion(tmp_path):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    path = tmp_path / "kb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert kb_problems(path) == [f"{path}:1:5: anchors (&name) are not allowed"]


def test_alias_without_anchor_is_refused(tmp_path):
    path = tmp_path / "kb.yaml"
    path.write_text("title: *nothing\n", encoding="utf-8")
    (message,) = kb_problems(path)
    assert message.startswith(f"{path}:1:8:")


def test_extremely_long_string(write_kb):
    path = write_kb(
        f"faqs:\n  - id: a\n    question: Q\n    answer: {'x' * 100_001}\n", article=None
    )
    assert kb_problems(path) == [
        f"{path}:4:13: `answer` is 100,001 characters; the limit is 100,000"
    ]


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!custom", "!!binary"])
def test_tags_are_refused(write_kb, tag):
    path = write_kb(f"title: {tag} x\n", article=None)
    (message,) = kb_problems(path)
    assert message.startswith(f"{path}:1:8: the YAML tag")


# -- terminal control in KB text --------------------------------------------------------------

HOSTILE = (
    "Clear\x1b[2J the \x1b]0;pwned\x07screen \u202eevil\u202c [bold]not bold[/bold] [/x] "
    ":thumbs_up: \x00\x08\x9b done"
)


@pytest.fixture
def hostile_kb(write_kb) -> Path:
    answer = json.dumps(HOSTILE)  # a YAML double-quoted string carries the escapes
    return write_kb(f"""
        title: "Evil \\e[31m title"
        faqs:
          - id: evil
            question: "Where is the \\e[5m bad screen?"
            answer: {answer}
    """, article=None)  # fmt: skip


def test_kb_text_is_sanitised_at_load(hostile_kb):
    entry = load_kb(hostile_kb).entries[0]
    assert not (set(entry.answer) & CONTROL)
    assert "\u202e" not in entry.answer
    assert "[bold]not bold[/bold] [/x] :thumbs_up:" in entry.answer


@pytest.mark.parametrize("fmt", ["rich", "plain", "json"])
def test_hostile_kb_text_reaches_no_output_as_control(runner, hostile_kb, fmt):
    for args in (["ask", "where is the bad screen"], ["list"], ["show", "evil"]):
        result = runner.invoke(app, [*args, "--kb", str(hostile_kb), "--format", fmt])
        assert result.exit_code == 0, result.output
        out = result.stdout
        if fmt == "rich":  # Rich's own styling is the only escape sequence allowed
            import re

            out = re.sub(r"\x1b\[[0-9;]*m", "", out)
        assert not (set(out) & CONTROL), (args, fmt, out)
        if fmt != "json":
            words = out.split()
            for piece in ("[bold]not", "bold[/bold]", "[/x]", ":thumbs_up:"):
                assert piece in words, (args, fmt, piece)
            assert "👍" not in out
        else:
            assert all(json.loads(line) for line in out.splitlines())


def test_error_messages_are_sanitised(runner, write_kb):
    path = write_kb('faqs:\n  - id: a\n    question: Q\n    answer: A\n    "\\e[2Jkey": x\n',
                    article=None)  # fmt: skip
    result = runner.invoke(app, ["list", "--kb", str(path)])
    assert result.exit_code == ExitCode.USAGE
    assert "\x1b" not in result.stderr and "unknown key" in result.stderr


# -- question input --------------------------------------------------------------------------


def test_empty_question_argument_is_a_usage_error(runner):
    for question in ("", "   "):
        result = runner.invoke(app, ["ask", question])
        assert result.exit_code == ExitCode.USAGE
        assert result.stderr.startswith("faqbot: the question is empty")


@pytest.mark.parametrize("question", ["?!...", "k", "\x00\x00"])
def test_questions_with_nothing_to_match_are_declined(runner, question):
    result = runner.invoke(app, ["ask", "--json", question])
    assert result.exit_code == ExitCode.NO_ANSWER
    assert json.loads(result.stdout)["answered"] is False


def test_megabyte_question_is_answered_quickly(tmp_path):
    # (A filler English uses often: a rare one the KB never uses would decline the question.)
    line = QUESTION + " " + "really " * 150_000
    start = time.perf_counter()
    result = subprocess.run([FAQBOT, "ask", "--json", "-"], input=line + "\n", text=True,
                            capture_output=True, timeout=60)  # fmt: skip
    assert time.perf_counter() - start < 30
    record = json.loads(result.stdout)
    assert record["question"].startswith(QUESTION)
    assert record["match"]["id"] == "first-visit"  # the first 1000 characters decide


@pytest.mark.parametrize(
    ("question", "analysed"),
    [
        ("x" * 994 + " really", "x" * 994 + " "),  # the cut falls inside "really": not "rea"
        ("x" * 994 + " ready " + "y" * 20, "x" * 994 + " ready"),  # on its end: kept
        ("x" * 999 + " yes", "x" * 999 + " "),  # on a space
        ("y" * 2000, "y" * 1000),  # a word is all there is
        ("short?", "short?"),
    ],
)
def test_a_long_question_is_cut_between_words(question, analysed):
    from faqbot.results import MAX_QUESTION_CHARS, analysed_part

    assert MAX_QUESTION_CHARS == 1000
    assert analysed_part(question) == analysed


def test_invalid_utf8_and_nul_on_stdin_are_replaced():
    data = b"Is this Kim\xff\xfe's first\x00 visit to Russia?\r\n\xc3\x28\n"
    result = subprocess.run([FAQBOT, "ask", "--json", "-"], input=data, capture_output=True,
                            timeout=60)  # fmt: skip
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(records) == 2
    assert "\ufffd" in records[0]["question"] and "\x00" not in records[0]["question"]
    assert result.stderr == b""


def test_stdin_not_open_at_all_is_a_usage_error():
    for command in ("ask -", "chat"):
        result = subprocess.run(["bash", "-c", f"'{FAQBOT}' {command} <&-"], capture_output=True,
                                text=True, timeout=60)  # fmt: skip
        assert result.returncode == ExitCode.USAGE
        assert result.stderr == "faqbot: ask - reads questions from stdin, and stdin is closed\n"
        assert result.stdout == ""


@pytest.mark.parametrize(
    "command", ["--version", "ask 'Is this his first visit?'", "ask --json x", "list", "ask -"]
)
def test_stdout_not_open_at_all_is_said_on_stderr(command):
    result = subprocess.run(["bash", "-c", f"'{FAQBOT}' {command} >&- </dev/null"],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == ExitCode.USAGE
    assert result.stderr == "faqbot: cannot write output: stdout is closed\n"


def test_stderr_not_open_at_all_keeps_the_exit_code(tmp_path):
    missing = tmp_path / "missing.yaml"
    result = subprocess.run(["bash", "-c", f"'{FAQBOT}' ask --kb '{missing}' x 2>&-"],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == ExitCode.USAGE and result.stdout == ""


def test_a_reader_that_closes_stderr_leaves_the_exit_code(tmp_path):
    # 5,000 problems fill the pipe, so faqbot is still writing them when `head` goes away.
    path = tmp_path / "kb.yaml"
    path.write_text("title: x\n" + "".join(f"key{i}: v\n" for i in range(5000)), encoding="utf-8")
    shell = f"'{FAQBOT}' ask --kb '{path}' x 2>&1 >/dev/null | head -1; echo ${{PIPESTATUS[0]}}"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60)
    first, code = result.stdout.splitlines()
    assert "unknown key `key0`" in first
    assert int(code) == ExitCode.USAGE  # it was 1: the broken pipe on stderr, uncaught


def test_stdin_closed_immediately():
    result = subprocess.run([FAQBOT, "ask", "-"], stdin=subprocess.DEVNULL, capture_output=True,
                            text=True, timeout=60)  # fmt: skip
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_full_disk(tmp_path):
    for args in (["ask", QUESTION], ["ask", "--json", QUESTION], ["list"]):
        with open("/dev/full", "w") as full:
            result = subprocess.run([FAQBOT, *args], stdout=full, stderr=subprocess.PIPE,
                                    text=True, timeout=60)  # fmt: skip
        assert result.returncode == ExitCode.USAGE
        assert result.stderr == "faqbot: cannot write output: No space left on device\n"


def test_hundred_thousand_questions_stream_in_bounded_memory(tmp_path):
    def peak_rss_kib(count: int) -> int:
        script = (
            "import resource, subprocess, sys\n"
            f"p = subprocess.Popen([{FAQBOT!r}, 'ask', '-'], stdin=subprocess.PIPE,"
            " stdout=subprocess.DEVNULL)\n"
            f"for _ in range({count}):\n"
            "    p.stdin.write(b'?\\n')\n"
            "p.stdin.close(); p.wait()\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        )
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             timeout=600)  # fmt: skip
        return int(out.stdout)

    small, large = peak_rss_kib(100), peak_rss_kib(100_000)
    assert large < small * 1.5, (small, large)


def test_ask_dash_on_a_terminal_points_to_chat_instead_of_reading_keys():
    import pty

    controller, terminal = pty.openpty()
    proc = subprocess.Popen([FAQBOT, "ask", "-"], stdin=terminal, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    out, err = proc.communicate(timeout=30)  # nothing typed: it must not wait for input
    os.close(controller)
    os.close(terminal)
    assert proc.returncode == ExitCode.USAGE and out == ""
    assert err.count("\n") == 1 and "faqbot chat" in err


# -- environment -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {"COLUMNS": "20"}, {"LC_ALL": "C"}],
    ids=lambda e: next(iter(e)),
)
def test_environment_variants_keep_output_correct(env):
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LANG")}
    full_env = {**base, **env}
    plain = subprocess.run([FAQBOT, "show", "first-visit"], capture_output=True, text=True,
                           env=full_env, timeout=60, encoding="utf-8")  # fmt: skip
    assert plain.returncode == 0
    assert "question\tIs this Kim Jong Un’s first visit to Russia?" in plain.stdout.splitlines()
    rich = subprocess.run([FAQBOT, "ask", "-f", "rich", QUESTION], capture_output=True,
                          text=True, env=full_env, timeout=60, encoding="utf-8")  # fmt: skip
    assert rich.returncode == 0
    readable = " ".join(__import__("re").sub(r"\x1b\[[0-9;]*m", "", rich.stdout).split())
    assert "April 2019" in readable
    if "NO_COLOR" in env:  # styles such as bold stay; colours go
        assert not __import__("re").search(r"\x1b\[(\d+;)*(3[0-8]|9[0-7])(;|m)", rich.stdout)


def test_character_yaml_forbids(tmp_path):
    # Found by the Hypothesis loader test: PyYAML's reader error spans two lines and has no mark.
    path = tmp_path / "kb.yaml"
    path.write_text("title: ok\nfaqs: a\x1fb\n", encoding="utf-8")
    assert kb_problems(path) == [f"{path}:2:8: YAML forbids the character U+001F"]


def test_character_yaml_forbids_after_accented_text(tmp_path):
    # libyaml says where such a character is in bytes, not characters: each accented letter
    # before it had pushed the place one character on, into the next line.
    path = tmp_path / "kb.yaml"
    accents = "Été, fête, crème, brûlée, déjà vu, naïve, résumé, café, très"
    path.write_text(f'title: "{accents}"\nfaqs: a\x1fb\n', encoding="utf-8")
    assert kb_problems(path) == [f"{path}:2:8: YAML forbids the character U+001F"]
    path.write_text(f'title: "{accents} \x1f"\n', encoding="utf-8")
    assert kb_problems(path) == [f"{path}:1:{len(accents) + 10}: YAML forbids the character U+001F"]


def test_byte_order_mark_is_no_column(tmp_path):
    # The mark a UTF-8 file may open with is not text: no place counts it (a guard: faqbot
    # drops it from the bytes it hands libyaml, where it used to decode it away).
    path = tmp_path / "kb.yaml"
    path.write_bytes(b"\xef\xbb\xbffaqs: [{id: a, question: Q?, answer: A., colour: red}]\n")
    assert kb_problems(path) == [f"{path}:1:42: unknown key `colour` in an FAQ"]
