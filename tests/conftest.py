"""Shared fixtures. The test terminal is pinned so results do not depend on who runs them."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

# Pin the environment before anything imports typer or rich (habit 8 of STYLE.md).
os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
os.environ["COLUMNS"] = "100"
for leaking in ("FORCE_COLOR", "GITHUB_ACTIONS", "NO_COLOR", "FAQBOT_KB", "TERM"):
    os.environ.pop(leaking, None)
# Indexes built by the tests go to a cache of their own, never the user's, removed at exit.
_TEST_CACHE = tempfile.mkdtemp(prefix="faqbot-test-cache-")
os.environ["XDG_CACHE_HOME"] = _TEST_CACHE
atexit.register(shutil.rmtree, _TEST_CACHE, ignore_errors=True)

# Hypothesis: a quick run by default, many more examples in CI (CI=true), no flaky deadlines on
# a shared, noisy machine.
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO = Path(__file__).resolve().parent.parent
PACKAGED_KB = REPO / "data" / "faq.yaml"

ARTICLE = "The cat sat on the mat. Dogs bark at night.\n\nBirds fly south in winter."


def kb_problems(path: Path) -> list[str]:
    """The problems loading `path` reports, as the lines faqbot prints; fails if it loads."""
    from faqbot.errors import KnowledgeBaseError
    from faqbot.kb_loader import load_kb

    with pytest.raises(KnowledgeBaseError) as info:
        load_kb(path)
    return [str(p) for p in info.value.problems]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_kb(tmp_path: Path):
    """Write a KB (dedented YAML) and its article next to it; return the KB path."""

    def write(yaml_text: str, name: str = "kb.yaml", article: str | None = ARTICLE) -> Path:
        if article is not None:
            (tmp_path / "article.txt").write_text(article, encoding="utf-8")
        path = tmp_path / name
        path.write_text(textwrap.dedent(yaml_text).lstrip("\n"), encoding="utf-8")
        return path

    return write


SMALL_KB = """
title: Animals
source: article.txt
synonyms:
  - [cat, kitty, kitten]
faqs:
  - id: cat
    question: Where did the cat sit?
    answer: On the mat.
    source: The cat sat on the mat.
    alternates:
      - What is the cat sitting on?
  - id: birds
    question: Where do birds fly in winter?
    answer: South.
    source: Birds fly south in winter.
facts:
  - id: dogs
    fact: Dogs bark at night.
    source: Dogs bark at night.
    questions:
      - When do dogs bark?
"""


@pytest.fixture
def small_kb(write_kb) -> Path:
    return write_kb(SMALL_KB)


# An author's ids name what each entry is about, often in the word a user asks with.
NAMED_SHOP = """
faqs:
  - id: opening-hours
    question: When is the shop open?
    answer: Tuesday to Sunday, 10:00 to 18:00.
  - id: refunds
    question: Can I return an item?
    answer: Within 30 days, with the receipt.
  - id: parking
    question: Where can I leave my car?
    answer: In the car park behind the shop.
  - id: gift-cards
    question: Do you sell vouchers?
    answer: Yes, from 10 to 200 euros.
  - id: q5
    question: Can I pay by card?
    answer: Yes, every card but American Express.
"""
