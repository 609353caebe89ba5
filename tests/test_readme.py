"""The README stays true: its test command is CI's, and it documents every option."""

from __future__ import annotations

import re

import pytest

from faqbot.cli import app
from faqbot.exit_codes import ExitCode
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readmes_test_command():
    command = README.split("## Run the tests")[1].split("```sh\n")[1].split("\n```")[0].strip()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci.splitlines()


@pytest.mark.parametrize("command", ["ask", "list", "show", "test", "index"])
def test_readme_documents_every_option(runner, command):
    help_text = runner.invoke(app, [command, "--help"]).stdout
    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}
    missing = [o for o in sorted(options) if f"`{o}" not in README]
    assert not missing


def test_readme_documents_every_exit_code():
    for code in ExitCode:
        assert f"| {int(code)} |" in README


def test_readme_json_examples_are_real_output(runner):
    import json
    import shlex

    lines = README.split("```console\n")[1].split("```")[0].splitlines()
    examples = [
        (lines[i], lines[i + 1])
        for i in range(len(lines) - 1)
        if lines[i].startswith("$ faqbot ask --json")
    ]
    assert len(examples) >= 2
    for command, shown in examples:
        args = shlex.split(command[2:].split(";")[0])[1:]
        result = runner.invoke(app, args)
        assert json.loads(result.stdout) == json.loads(shown), command
