"""The installed program in real processes: entry points, start-up, pipes, streaming, TTY."""

from __future__ import annotations

import json
import os
import pty
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

FAQBOT = shutil.which("faqbot", path=str(Path(sys.executable).parent)) or "faqbot"
QUESTION = "Is this Kim Jong Un's first visit to Russia?"
ENV = {**os.environ, "PYTHONUNBUFFERED": "0"}


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("env", ENV)
    return subprocess.run(args, capture_output=True, text=True, timeout=60, **kwargs)


def test_console_script_runs_from_another_directory(tmp_path):
    result = run([FAQBOT, "ask", QUESTION], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "April 2019" in result.stdout and result.stdout.count("\n") == 1


def test_python_dash_m(tmp_path):
    result = run([sys.executable, "-m", "faqbot", "ask", "--json", QUESTION], cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["match"]["id"] == "first-visit"


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_alone_is_answered_before_the_cli_framework_loads(flag):
    probe = (
        "import sys; from faqbot.launch import main; "
        f"sys.argv = ['faqbot', {flag!r}]; main(); "
        "print(sorted(m for m in ('typer', 'click', 'faqbot.cli') if m in sys.modules))"
    )
    result = run([sys.executable, "-c", probe])
    from faqbot import __version__

    assert result.stdout == f"faqbot {__version__}\n[]\n"
    assert run([FAQBOT, flag]).stdout == f"faqbot {__version__}\n"


def run_launched(argv: list[str], unwanted: tuple[str, ...]) -> str:
    """What `faqbot ARGV` prints through faqbot.launch in a fresh interpreter, then a line with
    its exit code and which of the `unwanted` modules it imported."""
    probe = (
        "import sys; from faqbot.launch import main; "
        f"sys.argv = ['faqbot', *{argv!r}]\n"
        "try:\n    main()\n"
        "except SystemExit as exit:\n"
        f"    print(exit.code, sorted(m for m in {unwanted!r} if m in sys.modules))"
    )
    return run([sys.executable, "-c", probe]).stdout


@pytest.mark.parametrize("flags", [[], ["--json"], ["--words-only"], ["--words-only", "--json"]])
def test_a_plain_ask_is_answered_without_the_cli_framework(flags):
    stdout = run_launched(["ask", *flags, QUESTION], ("typer", "click", "faqbot.cli"))
    assert "April 2019" in stdout
    assert stdout.splitlines()[-1] == "0 []"


@pytest.mark.parametrize("argv", [["ask", QUESTION], ["show", "--no-pager", "first-visit"]])
def test_a_run_collects_cycles_rarely_on_the_quick_path_and_the_full_cli(argv):
    from faqbot.bulk import RUN_THRESHOLDS

    probe = (
        "import gc, sys; from faqbot.launch import main; "
        f"sys.argv = ['faqbot', *{argv!r}]\n"
        "try:\n    main()\n"
        "except SystemExit as exit:\n"
        "    print(exit.code, gc.get_threshold())"
    )
    assert run([sys.executable, "-c", probe]).stdout.splitlines()[-1] == f"0 {RUN_THRESHOLDS}"


def _with_kb(env: dict[str, str], tmp_path: Path, kb_env: str | None) -> dict[str, str]:
    """`env` with FAQBOT_KB naming a small library KB, a broken one, or a missing file."""
    kb = tmp_path / ("nowhere.yaml" if kb_env == "missing" else "kb.yaml")
    if kb_env == "library":
        kb.write_text(
            "faqs:\n  - id: hours\n    question: When does the library open its doors?\n"
            "    answer: Nine to five.\n",
            encoding="utf-8",
        )
    elif kb_env == "broken":
        kb.write_text("faqs: [\n", encoding="utf-8")
    return {**env, "FAQBOT_KB": str(kb)} if kb_env else env


@pytest.mark.parametrize(
    ("words", "kb_env"),
    [
        ([QUESTION], None),
        (["What", "is", "the", "capital", "of", "Germany?"], None),  # declined: exit 1
        ([""], None),  # empty: exit 2
        (["When", "is", "the", "library", "open?"], "library"),  # the KB from FAQBOT_KB
        ([QUESTION], "broken"),  # a broken KB from FAQBOT_KB: errors say so
        ([QUESTION], "missing"),
        (["--json", QUESTION], None),
        (["What", "--json", "weapons?"], None),  # Click takes an option between the words
        (["--words-only", "What", "weapons?"], None),
        (["How", "far", "--words-only", "is", "the", "border?"], None),
    ],
)
def test_the_quick_ask_and_the_full_cli_give_the_same_run(tmp_path, words, kb_env):
    env = _with_kb(dict(ENV), tmp_path, kb_env)
    quick = run([FAQBOT, "ask", *words], env=env)
    # the full CLI: "--no-cache" sends the line there and changes nothing of the output once
    # the index is built, as the quick run just did
    full = run([FAQBOT, "ask", "--no-cache", *words], env=env)
    assert (quick.returncode, quick.stdout, quick.stderr) == (
        full.returncode,
        full.stdout,
        full.stderr,
    )
    if kb_env in ("broken", "missing"):
        assert quick.returncode == 2 and "(from FAQBOT_KB)" in quick.stderr


def _library_kb(tmp_path: Path) -> str:
    return _with_kb({}, tmp_path, "library")["FAQBOT_KB"]


@pytest.mark.parametrize(
    ("words", "stdin", "kb_env"),
    [
        (["--kb", "{kb}", "When", "is", "the", "library", "open?"], None, None),
        (["--kb={kb}", "--json", "When", "is", "it", "open?"], None, None),
        (
            ["--kb", "{kb}", "-"],
            "When does the library open its doors?\nWhat is the capital of Peru?\n",
            None,
        ),
        (["--json", "-", "--kb", "{kb}"], "When does the library open its doors?\n", None),
        (["--words-only", "-", "--kb", "{kb}"], "Is it open on Sundays?\nOpening hours?\n", None),
        (["-"], f"{QUESTION}\n\nWhat weapons?\n", None),
        (["--kb", "{kb}", "When", "open?"], None, "broken"),  # the option, not FAQBOT_KB
        (["--kb", "{missing}", QUESTION], None, None),  # exit 2, naming the file
    ],
)
def test_ask_with_a_kb_or_from_stdin_runs_quick_as_the_full_cli_does(
    tmp_path, words, stdin, kb_env
):
    kb, missing = _library_kb(tmp_path), str(tmp_path / "nowhere.yaml")
    words = [w.format(kb=kb, missing=missing) for w in words]
    (tmp_path / "env").mkdir()
    env = _with_kb({**ENV, "XDG_CACHE_HOME": str(tmp_path / "cache")}, tmp_path / "env", kb_env)
    quick = run([FAQBOT, "ask", *words], env=env, input=stdin)
    full = run([FAQBOT, "ask", "--no-cache", *words], env=env, input=stdin)
    assert (quick.returncode, quick.stdout, quick.stderr) == (
        full.returncode,
        full.stdout,
        full.stderr,
    )
    assert quick.returncode in (0, 1) or "nowhere.yaml" in quick.stderr
    assert "FAQBOT_KB" not in quick.stderr


def test_ask_with_a_kb_from_stdin_is_answered_without_the_cli_framework(tmp_path):
    kb = _library_kb(tmp_path)
    probe = (
        "import sys; from faqbot.launch import main; "
        f"sys.argv = ['faqbot', 'ask', '--json', '--kb', {kb!r}, '-']\n"
        "try:\n    main()\n"
        "except SystemExit as exit:\n"
        "    print(exit.code, sorted(m for m in ('typer', 'click') if m in sys.modules))"
    )
    result = run([sys.executable, "-c", probe], input="When does the library open its doors?\n")
    answer, last = result.stdout.splitlines()
    assert json.loads(answer)["match"]["id"] == "hours"
    assert last == "0 []"


def test_a_quick_ask_with_words_only_loads_no_model():
    # A question words decline is one meaning would weigh: with --words-only, not even numpy
    # (which the model runs on) is imported.
    unwanted = ("typer", "click", "numpy", "faqbot.sentence_encoder")
    stdout = run_launched(["ask", "--words-only", "What", "weapons?"], unwanted)
    assert stdout.splitlines()[-1] == "1 []"


def test_list_with_a_kb_runs_quick_as_the_full_cli_does(tmp_path):
    kb = _library_kb(tmp_path)
    env = {**ENV, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    quick = run([FAQBOT, "list", "--json", "--kb", kb], env=env)
    full = run([FAQBOT, "list", "--no-pager", "--json", "--kb", kb], env=env)
    assert (quick.returncode, quick.stdout, quick.stderr) == (0, full.stdout, full.stderr)
    assert json.loads(quick.stdout.splitlines()[0])["id"] == "hours"
    assert run_launched(["list", f"--kb={kb}"], ("typer", "click")).splitlines()[-1] == "0 []"


@pytest.mark.parametrize(
    "options",
    [["--kb"], ["--kb", ""], ["--kb="], ["--kb", "a.yaml", "--kb", "b.yaml"], ["--kb", "--json"]],
)
def test_a_kb_option_the_quick_path_cannot_read_goes_to_the_full_cli(options):
    from faqbot.launch import _plain_options

    assert _plain_options(["When?", *options], {"--json"}) is None


@pytest.mark.parametrize("flags", [[], ["--json"], ["--facts", "--json"]])
def test_a_plain_list_is_answered_without_the_cli_framework(flags):
    unwanted = ("typer", "click", "faqbot.cli", "faqbot.matcher")
    stdout = run_launched(["list", *flags], unwanted)
    assert "first-visit" in stdout
    assert stdout.splitlines()[-1] == "0 []"


@pytest.mark.parametrize(
    ("flags", "kb_env"),
    [
        ([], None),
        (["--facts"], None),
        (["--json", "--facts"], None),
        ([], "library"),
        ([], "broken"),
        (["--json"], "missing"),
    ],
)
def test_the_quick_list_and_the_full_cli_give_the_same_run(tmp_path, flags, kb_env):
    env = _with_kb({**ENV, "XDG_CACHE_HOME": str(tmp_path / "cache")}, tmp_path, kb_env)
    # From the YAML (no index stored yet), then from the index an `ask` stores, then through
    # the full CLI ("--no-pager" sends the line there; output is piped, so it pages nothing).
    from_yaml = run([FAQBOT, "list", *flags], env=env)
    run([FAQBOT, "ask", "when?"], env=env)
    from_index = run([FAQBOT, "list", *flags], env=env)
    full = run([FAQBOT, "list", "--no-pager", *flags], env=env)
    runs = [(r.returncode, r.stdout, r.stderr) for r in (from_yaml, from_index, full)]
    assert runs[0] == runs[1] == runs[2]
    if kb_env in ("broken", "missing"):
        assert from_yaml.returncode == 2 and "(from FAQBOT_KB)" in from_yaml.stderr
    else:
        assert from_yaml.returncode == 0 and from_yaml.stdout


@pytest.mark.parametrize("fmt", ["plain", "json"])
def test_plain_and_json_runs_do_not_import_rich(fmt):
    probe = (
        "import sys\n"
        "from faqbot.cli import app\n"
        "try:\n"
        f"    app(['ask', '--format', '{fmt}', {QUESTION!r}], prog_name='faqbot')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('rich', 'pydantic') if m in sys.modules), file=sys.stderr)\n"
    )
    result = run([sys.executable, "-c", probe])
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_head_closing_the_pipe_ends_quietly(tmp_path):
    questions = tmp_path / "many.txt"
    questions.write_text((QUESTION + "\n") * 20000, encoding="utf-8")
    shell = f"'{FAQBOT}' ask - < '{questions}' | head -1"
    result = subprocess.run(["bash", "-c", f"set -o pipefail; {shell}"], capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert result.stdout.count("\n") == 1 and "April 2019" in result.stdout
    assert result.stderr == ""
    assert result.returncode == 0


@pytest.mark.parametrize(
    ("args", "code"),
    [(["How do I bake sourdough bread?"], 1), (["--explain", QUESTION], 0)],
    ids=["a decline's note", "--explain"],
)
def test_stderr_whose_reader_is_gone_keeps_the_answer_and_the_exit_code(args, code):
    # stderr a pipe no one reads any more (`2>&1 >out | true`): what goes there is lost, but
    # stdout still has the answer and the exit code still says whether there was one.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([FAQBOT, "ask", "--format", "plain", *args], stdout=subprocess.PIPE,
                                stderr=write_end, text=True, timeout=60, env=ENV)  # fmt: skip
    finally:
        os.close(write_end)
    assert result.returncode == code
    assert result.stdout.count("\n") == 1 and ("April 2019" in result.stdout) == (code == 0)


def test_stdin_answers_stream_before_input_ends():
    proc = subprocess.Popen([FAQBOT, "ask", "--json", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=ENV)  # fmt: skip
    try:
        assert proc.stdin and proc.stdout
        for question in (QUESTION, "How do I bake bread?"):
            proc.stdin.write(question + "\n")
            proc.stdin.flush()
            record = json.loads(proc.stdout.readline())  # arrives while stdin is still open
            assert record["question"] == question
        proc.stdin.close()
        assert proc.wait(timeout=30) == 1
    finally:
        proc.kill()


def in_terminal(args: list[str], stdin: Path | None = None, **env: str) -> tuple[int, str]:
    """Run faqbot with its stdout and stderr on a pseudo-terminal, stdin from a file (or
    nothing): (exit code, what it showed)."""
    controller, terminal = pty.openpty()
    with open(stdin or os.devnull, "rb") as given:
        proc = subprocess.Popen(args, stdout=terminal, stderr=terminal, stdin=given,
                                env={**ENV, "COLUMNS": "100", "TERM": "xterm", **env})  # fmt: skip
    os.close(terminal)
    output = b""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the program ended
            break
        if not chunk:
            break
        output += chunk
    os.close(controller)
    return proc.wait(timeout=30), output.decode("utf-8", "replace")


def test_terminal_default_is_rich():
    code, text = in_terminal([FAQBOT, "ask", QUESTION])
    assert code == 0
    assert "\x1b[" in text  # styled
    assert "confidence" in text and "April 2019" in text


def recording_pager(tmp_path: Path) -> tuple[str, Path]:
    """A FAQBOT_PAGER that keeps what it is given in a file, for the test to read."""
    kept = tmp_path / "paged.txt"
    script = f"import sys; open({str(kept)!r}, 'wb').write(sys.stdin.buffer.read())"
    return shlex.join([sys.executable, "-c", script]), kept


def test_long_terminal_output_goes_through_the_pager(tmp_path):
    pager, kept = recording_pager(tmp_path)
    code, shown = in_terminal([FAQBOT, "list", "--facts"], LINES="20", FAQBOT_PAGER=pager)
    assert code == 0
    paged = kept.read_text(encoding="utf-8")
    assert paged.count("\n") > 20 and "\x1b[" in paged  # all of it, in colour
    assert "vladivostok-distance" not in shown  # the pager showed it, not faqbot


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (["list", "--facts", "--no-pager"], "20"),  # asked not to
        (["list"], "200"),  # fits the screen
        (["ask", "-"], "3"),  # streamed answers are never held back
    ],
)
def test_no_pager_when_not_asked_for_or_not_needed(tmp_path, args, lines):
    pager, kept = recording_pager(tmp_path)
    questions = tmp_path / "questions.txt"
    questions.write_text(f"{QUESTION}\n{QUESTION}\n", encoding="utf-8")
    code, shown = in_terminal([FAQBOT, *args], questions, LINES=lines, FAQBOT_PAGER=pager)
    assert code == 0 and not kept.exists()
    assert "─" in shown or "April 2019" in shown  # shown by faqbot itself


def test_piped_output_is_never_paged(tmp_path):
    pager, kept = recording_pager(tmp_path)
    result = run([FAQBOT, "list", "--facts"], env={**ENV, "FAQBOT_PAGER": pager, "LINES": "5"})
    assert result.returncode == 0 and result.stdout.count("\n") > 5
    assert not kept.exists()


def test_kb_error_has_no_traceback(tmp_path):
    bad = tmp_path / "kb.yaml"
    bad.write_text("faqs: [\n", encoding="utf-8")
    result = run([FAQBOT, "list", "--kb", str(bad)])
    assert result.returncode == 2
    assert result.stderr.startswith(f"{bad}:") and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_ctrl_c_in_a_batch_exits_130_without_traceback():
    proc = subprocess.Popen([FAQBOT, "ask", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=ENV)  # fmt: skip
    assert proc.stdin and proc.stdout
    proc.stdin.write(QUESTION + "\n")
    proc.stdin.flush()
    assert "April 2019" in proc.stdout.readline()  # mid-batch: waiting for the next line
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ask", "--top", "abc", "x"], "faqbot: Invalid value for '--top': 'abc' is not a valid"),
        (["nosuch"], "faqbot: No such command 'nosuch'. (see 'faqbot -h')"),
        (["ask", "--bogus", "x"], "faqbot: No such option: --bogus (see 'faqbot ask -h')"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(args, message):
    result = run([FAQBOT, *args])
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_show_completes_entry_ids_of_the_kb_in_use(tmp_path, write_kb):
    def complete(words: str, **env: str) -> list[str]:
        env = {**ENV, "_FAQBOT_COMPLETE": "complete_bash", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - 1), **env}  # fmt: skip
        return subprocess.run([FAQBOT], capture_output=True, text=True, env=env).stdout.split()

    assert complete("faqbot show first-v") == ["first-visit"]
    other = write_kb("title: t\nfaqs:\n  - id: first-aid\n    question: q?\n    answer: a\n",
                     article=None)  # fmt: skip
    assert complete(f"faqbot show --kb {other} first") == ["first-aid"]
    assert complete("faqbot show first", FAQBOT_KB=str(other)) == ["first-aid"]
    assert complete("faqbot show x", FAQBOT_KB=str(tmp_path / "missing.yaml")) == []
