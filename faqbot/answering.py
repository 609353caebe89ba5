"""From questions to rendered answers: what `ask` does, shared with `chat` and with the
entry point's quick path for a plain `faqbot ask QUESTION` (faqbot.launch), which runs it
without loading the CLI framework.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from faqbot.environment import Environment
from faqbot.errors import DamagedIndex
from faqbot.exit_codes import ExitCode
from faqbot.renderers import ANSWER_ONLY, OutputMode, Renderer, View, choose_mode, renderer_for
from faqbot.reporting import fail, reported, say

if TYPE_CHECKING:
    from faqbot.kb_index import IndexSettings, KBIndex
    from faqbot.matcher import Matcher
    from faqbot.meaning import LazyMeaning
    from faqbot.model import Entry
    from faqbot.settings import Settings


def ask(
    words: list[str],
    kb: Path | None,
    *,
    fmt: OutputMode = OutputMode.AUTO,
    json_: bool = False,
    no_color: bool = False,
    top: int = 0,
    explain: bool = False,
    threshold: float | None = None,
    no_pager: bool = False,
    no_cache: bool = False,
    words_only: bool = False,
    kb_from_env: bool = False,
) -> ExitCode:
    """Answer the question `words` make (or, for ["-"], each line of stdin); the exit code."""
    from faqbot.settings import Settings

    # Answers to `ask -` are written as each question comes: never held back for a pager.
    alone = words != ["-"]
    paging = not no_pager and alone
    view = View(top, explain, asked_alone=alone)
    with reported(kb_from_env), output(fmt, json_, no_color, view, paging) as (env, render):
        settings = Settings(threshold=threshold, meaning=not words_only)
        matcher = matcher_for(kb, settings, use_cache=not no_cache)

        def rebuilt() -> Matcher:
            return matcher_for(kb, settings, use_cache=not no_cache, rebuild=True)

        # A result's candidates are shown only by --top (the answer and the next N) and
        # --explain (three at least); without either, ranking stops at the answer, or at the
        # suggestions of a declined question.
        listed = max(top + 1, 3) if top or explain else 1
        unanswered = answer_each(matcher, questions(words, env), render, listed, rebuilt)
    return ExitCode.NO_ANSWER if unanswered else ExitCode.OK


def list_entries(
    kb: Path | None,
    *,
    facts: bool = False,
    fmt: OutputMode = OutputMode.AUTO,
    json_: bool = False,
    no_color: bool = False,
    no_pager: bool = False,
    kb_from_env: bool = False,
) -> ExitCode:
    """Show every FAQ of the KB (with `facts`, every fact too); the exit code."""
    with reported(kb_from_env), output(fmt, json_, no_color, paging=not no_pager) as (_, render):
        title, entries = kb_entries(kb)
        render.entries(entries if facts else tuple(e for e in entries if e.kind == "faq"), title)
    return ExitCode.OK


def kb_entries(kb: Path | None) -> tuple[str, tuple[Entry, ...]]:
    """The KB's title and entries: from its cached index when `ask` has stored one (no YAML
    to parse), else loaded from the file. Listing never builds an index: on a large KB that
    costs far more than reading the YAML once."""
    from faqbot.index_cache import cached_index
    from faqbot.kb_index import DEFAULT_SHAPING
    from faqbot.kb_loader import kb_path, load_kb

    path = kb_path(kb)
    index = cached_index(path, DEFAULT_SHAPING)
    if index is not None:
        # Silent where the index is damaged, as where it cannot be opened: the KB itself is
        # there to read, and the next `ask` builds the index again.
        with suppress(DamagedIndex):
            return index.title, index.kb_entries
    knowledge = load_kb(path)
    return knowledge.title, knowledge.entries


def matcher_for(
    kb: Path | None, settings: Settings, use_cache: bool, rebuild: bool = False
) -> Matcher:
    """A matcher for the KB, its index read from the cache when one is there (see
    index_cache): a cached run parses no YAML; with `rebuild`, built and stored again. It
    matches by meaning too when the `meaning` extra is installed, loading it only for a
    question that words leave unanswered or are not sure of."""
    from faqbot.index_cache import load_index
    from faqbot.kb_loader import kb_path, load_kb
    from faqbot.matcher import Matcher

    path = kb_path(kb)
    shaping = settings.index_settings()
    index = load_index(path, shaping, load_kb, say, use_cache=use_cache, rebuild=rebuild)
    # without the cache, nor the English word list kept there (see general_english)
    matcher = Matcher(index, settings, english_in_cache=use_cache)
    if settings.meaning:
        matcher.meaning = meaning_for(path, index, shaping, use_cache)
    return matcher


def meaning_for(
    path: Path,
    index: KBIndex,
    shaping: IndexSettings,
    use_cache: bool = True,
    index_file: Path | None = None,
) -> LazyMeaning:
    """Matching by meaning for the KB at `path` (see faqbot.meaning), its vectors kept beside
    its index (built with `shaping`; at `index_file` when the caller has worked that out) when
    `use_cache`; loaded on first use."""
    from faqbot.index_cache import index_path, meaning_path
    from faqbot.meaning import LazyMeaning

    def cache_file() -> Path | None:
        if not use_cache:
            return None
        return meaning_path(index_file or index_path(path, shaping))

    return LazyMeaning(index, cache_file, say)


@contextmanager
def output(
    fmt: OutputMode, json_: bool, no_color: bool, view: View = ANSWER_ONLY, paging: bool = False
) -> Iterator[tuple[Environment, Renderer]]:
    """This run's environment and the one renderer its flags and stdout call for, closed
    (and so paged, when the output is long and on a terminal) once the command is done."""
    env = Environment.from_process(no_color, paging)
    render = renderer_for(choose_mode(fmt, json_, env.stdout_isatty), env, view)
    yield env, render
    render.close()


def questions(words: list[str], env: Environment) -> Iterator[list[str]]:
    """The question the words make, or, for ["-"], the non-blank lines of stdin, in batches
    of those already there (see faqbot.line_batches)."""
    if words != ["-"]:
        question = " ".join(words)
        if not question.strip():
            fail("the question is empty (give one, or - to read questions from stdin)")
        yield [question]
        return
    if env.stdin_isatty:  # arrow keys would be read as questions: chat is made for this
        fail("ask - reads questions from a pipe or a file; to type them, run faqbot chat")
    if env.stdin is None:  # started with descriptor 0 closed (`<&-`): Python has no stdin
        fail("ask - reads questions from stdin, and stdin is closed")
    from faqbot.line_batches import line_batches

    for batch in line_batches(env.stdin):
        asked = [line.rstrip("\r") for line in batch if line.strip()]
        if asked:
            yield asked


def answer_each(
    matcher: Matcher,
    asked: Iterator[list[str]],
    render: Renderer,
    listed: int = 1,
    rebuilt: Callable[[], Matcher] | None = None,
) -> bool:
    """Answer and show each batch of questions as it comes; whether any had no confident
    answer. Where the cached index turns out damaged as it is read, `rebuilt` gives a matcher
    on an index built again, and the batch is answered with that (nothing of the batch was
    shown yet); without it, or if that fails too, the error ends the run."""
    unanswered = False
    for batch in asked:
        try:
            results = matcher.match_all(batch, top=listed)
        except DamagedIndex as exc:
            if rebuilt is None:
                raise
            say(
                f"faqbot: warning: the cached index {exc.path} is damaged ({exc.cause}); "
                "rebuilding it"
            )
            matcher, rebuilt = rebuilt(), None
            results = matcher.match_all(batch, top=listed)
        for result in results:
            render.result(result)
            unanswered |= not result.answered
    return unanswered
