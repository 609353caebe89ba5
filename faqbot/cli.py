"""The `faqbot` command line: parse arguments and call the core.

Nothing here matches, validates or formats: it wires the core (kb_loader, matcher; what `ask`
does is faqbot.answering) to one renderer (faqbot.renderers), chosen once from the flags and
the Environment; faqbot.reporting turns the core's exceptions into one-line messages and the
codes of ExitCode. Rich is imported only when the output goes to a terminal. A plain
`faqbot ask QUESTION` and `faqbot --version` never get here (faqbot.launch).
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, suppress
from pathlib import Path
from typing import Annotated

import typer

from faqbot import answering
from faqbot.environment import Environment
from faqbot.errors import FaqbotError, KnowledgeBaseError
from faqbot.exit_codes import ExitCode
from faqbot.renderers import OutputMode, choose_mode, renderer_for
from faqbot.reporting import fail, reported, say
from faqbot.startup import VERSION_FLAGS, prepare_streams, version_line

_EXIT_MEANINGS = {
    ExitCode.OK: "every question got a confident answer",
    ExitCode.NO_ANSWER: "at least one question had no confident answer",
    ExitCode.USAGE: "usage error, unreadable input, or a knowledge-base error",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C)",
}


def _a_number(value: float | None) -> float | None:
    # "nan" parses as a float, and a range check lets it through: every comparison with NaN
    # is false (a threshold of NaN would answer nothing, or everything).
    if value is not None and value != value:
        raise typer.BadParameter("nan is not a number")
    return value


def _exit_codes_help(**meanings: str) -> str:
    """The exit-code table of a command's help: only the codes it can return, in its words."""
    table = {**_EXIT_MEANINGS}
    for name, meaning in meanings.items():
        table[ExitCode[name]] = meaning
    rows = "".join(f"  {int(code):<4} {text}\n" for code, text in table.items() if text)
    return f"\b\nExit codes:\n{rows}"


EXIT_CODES_HELP = _exit_codes_help(
    NO_ANSWER="at least one question had no confident answer (`test`: accuracy too low)"
)
ASK_EXIT_CODES = _exit_codes_help()
TEST_EXIT_CODES = _exit_codes_help(
    OK="accuracy reached --min-accuracy", NO_ANSWER="accuracy is under --min-accuracy"
)
# list, show and index never decline a question: no 1.
LOOKUP_EXIT_CODES = _exit_codes_help(OK="done", NO_ANSWER="")

app = typer.Typer(
    name="faqbot",
    add_completion=True,  # --install-completion / --show-completion for the user's shell
    no_args_is_help=True,
    rich_markup_mode=None,  # help text is shown as written: no markup parsing, no Rich import
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

KbOption = Annotated[
    Path | None,
    typer.Option(
        "--kb",
        envvar="FAQBOT_KB",
        metavar="KB",
        help="Knowledge base YAML file (default: the packaged article KB; env FAQBOT_KB).",
        show_default=False,
        dir_okay=True,  # checked by the loader, which gives a clearer message
    ),
]
FormatOption = Annotated[
    OutputMode,
    typer.Option(
        "--format",
        "-f",
        help="Output: rich on a terminal, plain when piped (auto), or json (JSON Lines).",
        case_sensitive=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
NoColorOption = Annotated[
    bool,
    typer.Option("--no-color", help="No colour on the terminal (as NO_COLOR=1 does)."),
]
NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Never page terminal output longer than the screen "
        "(the pager: FAQBOT_PAGER, else PAGER, else less).",
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache", help="Build the KB's index for this run only: neither read nor write it."
    ),
]

WordsOnlyOption = Annotated[
    bool,
    typer.Option(
        "--words-only",
        help="Words alone: no matching by meaning, even with the meaning extra installed "
        "(no model to load; a question only its meaning would answer is declined).",
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(version_line())
        raise typer.Exit(ExitCode.OK)


@app.callback(epilog=EXIT_CODES_HELP)
def root(
    version: Annotated[
        bool,
        typer.Option(
            *VERSION_FLAGS, callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Answer questions from a FAQ knowledge base, quoting the source behind each answer.

    \b
    Examples:
      faqbot ask "Has Kim been to Russia before?"
      faqbot ask - < questions.txt > answers.txt
      faqbot list --facts
      faqbot test my-questions.jsonl --min-accuracy 0.9
    """


# -- error handling: faqbot.reporting ----------------------------------------------------


def _from_environment(ctx: typer.Context, name: str) -> bool:
    source = ctx.get_parameter_source(name)
    return source is not None and source.name == "ENVIRONMENT"


def _reported(ctx: typer.Context) -> AbstractContextManager[None]:
    return reported(kb_from_env=_from_environment(ctx, "kb"))


def _load(kb: Path | None):  # -> KnowledgeBase
    from faqbot.kb_loader import kb_path, load_kb

    return load_kb(kb_path(kb))


def _complete_entry_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of `faqbot show <TAB>`: the ids of the KB in use that start with
    what is typed. Run only when the shell asks; a KB that cannot be read completes nothing."""
    try:
        entries = _load(ctx.params.get("kb")).entries
    except FaqbotError:
        return []
    return [e.id for e in entries if e.id.startswith(incomplete)]


# -- commands ------------------------------------------------------------------------------


@app.command(
    epilog=ASK_EXIT_CODES,
    short_help="Answer questions, each with its source sentence and a confidence.",
)
def ask(
    ctx: typer.Context,
    question: Annotated[
        list[str],
        typer.Argument(
            metavar="QUESTION...",
            help="The question (its words are joined), or - to read one per line from stdin.",
            show_default=False,
        ),
    ],
    kb: KbOption = None,
    fmt: FormatOption = OutputMode.AUTO,
    json_: JsonOption = False,
    no_color: NoColorOption = False,
    top: Annotated[
        int,
        typer.Option(
            "--top", min=0, max=50, metavar="N", help="Also show the N next-best entries (0-50)."
        ),
    ] = 0,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show why: matched words, signals, runners-up.")
    ] = False,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold",
            min=0,
            max=100,
            callback=_a_number,
            metavar="SCORE",
            help="Confidence (0-100) under which faqbot declines to answer "
            "(default: derived from the KB); 0: always answer with the best entry.",
            show_default=False,
        ),
    ] = None,
    no_pager: NoPagerOption = False,
    no_cache: NoCacheOption = False,
    words_only: WordsOnlyOption = False,
) -> None:
    """Answer a question with the best entry, its source sentence and a confidence.

    \b
    Examples:
      faqbot ask "Has Kim been to Russia before?"
      faqbot ask --json "How far is Vladivostok from North Korea?"
      printf 'q1\\nq2\\n' | faqbot ask -        # one answer line per question

    With --format plain (the default when piped) each question gets exactly one line: the
    answer, or an empty line when there is no confident answer (a question asked alone also
    says why on stderr). --json writes one JSON object per question. Exit 1 when any question
    had no confident answer.
    """
    code = answering.ask(
        question,
        kb,
        fmt=fmt,
        json_=json_,
        no_color=no_color,
        top=top,
        explain=explain,
        threshold=threshold,
        no_pager=no_pager,
        no_cache=no_cache,
        words_only=words_only,
        kb_from_env=_from_environment(ctx, "kb"),
    )
    raise typer.Exit(code)


CHAT_EXIT_CODES = _exit_codes_help(
    OK="the session ended (Ctrl-D or /quit)",
    NO_ANSWER="stdin not a terminal: at least one question had no confident answer",
)


@app.command(
    epilog=CHAT_EXIT_CODES,
    short_help="Talk to the KB at the terminal: line editing, history, /why.",
)
def chat(
    ctx: typer.Context,
    kb: KbOption = None,
    fmt: FormatOption = OutputMode.AUTO,
    json_: JsonOption = False,
    no_color: NoColorOption = False,
    no_cache: NoCacheOption = False,
    words_only: WordsOnlyOption = False,
) -> None:
    """Ask question after question at the terminal, with line editing and history.

    \b
    Examples:
      faqbot chat
      faqbot chat --kb help-centre.yaml

    The KB and its index are loaded once. Each answer is shown as `ask` shows it; /why
    explains the last one, /list and /show ID look entries up, /help lists the commands.
    Up and down arrows recall earlier questions, kept between sessions in
    $XDG_DATA_HOME/faqbot/history (else ~/.local/share/faqbot/history). Ctrl-C clears the
    line, Ctrl-D or /quit leaves. When stdin is not a terminal, questions are read one per
    line and answered as `ask -` answers them.
    """
    from faqbot.settings import Settings

    env = Environment.from_process(no_color)
    kb_from_env = _from_environment(ctx, "kb")
    if not env.stdin_isatty:  # a pipe or a file: what `ask -` does, to the letter
        code = answering.ask(["-"], kb, fmt=fmt, json_=json_, no_color=no_color,
                             no_cache=no_cache, words_only=words_only,
                             kb_from_env=kb_from_env)  # fmt: skip
        raise typer.Exit(code)
    with reported(kb_from_env):
        settings = Settings(meaning=not words_only)
        matcher = answering.matcher_for(kb, settings, use_cache=not no_cache)
        from faqbot.chat import Chat, LineReader, history_path

        mode = choose_mode(fmt, json_, env.stdout_isatty)
        reader = LineReader(history_path())
        Chat(matcher, env, lambda view: renderer_for(mode, env, view), reader, say).run()
        problem = reader.save()
        if problem:
            say(f"faqbot: {problem}")
    raise typer.Exit(ExitCode.OK)


@app.command("list", epilog=LOOKUP_EXIT_CODES, short_help="List every FAQ; --facts adds the facts.")
def list_entries(
    ctx: typer.Context,
    facts: Annotated[bool, typer.Option("--facts", help="Include the facts too.")] = False,
    kb: KbOption = None,
    fmt: FormatOption = OutputMode.AUTO,
    json_: JsonOption = False,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """List every FAQ (id, question, answer); --facts adds the facts.

    \b
    Examples:
      faqbot list
      faqbot list --facts --json | jq .id
      faqbot list --format plain | cut -f1,3      # tab-separated: id, kind, question, answer
    """
    code = answering.list_entries(
        kb,
        facts=facts,
        fmt=fmt,
        json_=json_,
        no_color=no_color,
        no_pager=no_pager,
        kb_from_env=_from_environment(ctx, "kb"),
    )
    raise typer.Exit(code)


@app.command(
    epilog=LOOKUP_EXIT_CODES,
    short_help="Show one entry with its source sentence and every phrasing.",
)
def show(
    ctx: typer.Context,
    entry_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The entry's id (see `faqbot list`).",
            autocompletion=_complete_entry_id,
        ),
    ],
    kb: KbOption = None,
    fmt: FormatOption = OutputMode.AUTO,
    json_: JsonOption = False,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Show one entry: question, answer, source sentence and every phrasing.

    \b
    Examples:
      faqbot show first-visit
      faqbot show vladivostok-distance --json
    """
    from faqbot.errors import UnknownEntryError

    with _reported(ctx), answering.output(fmt, json_, no_color, paging=not no_pager) as (_, render):
        knowledge = _load(kb)
        entry = knowledge.by_id.get(entry_id)
        if entry is None:
            raise UnknownEntryError(entry_id, knowledge.ids_like(entry_id))
        render.entry(entry)


@app.command(
    "test",
    epilog=TEST_EXIT_CODES,
    short_help="Check a KB against labeled questions: accuracy and every miss.",
)
def test_questions(
    ctx: typer.Context,
    questions: Annotated[
        Path,
        typer.Argument(
            metavar="QUESTIONS.jsonl",
            help='Labeled questions, one JSON object a line: {"q": ..., "any": [...]} or '
            '{"q": ..., "gold": [ids]}; an empty list means the right move is to abstain.',
            show_default=False,
        ),
    ],
    kb: KbOption = None,
    fmt: FormatOption = OutputMode.AUTO,
    json_: JsonOption = False,
    no_color: NoColorOption = False,
    min_accuracy: Annotated[
        float,
        typer.Option(
            "--min-accuracy",
            min=0,
            max=1,
            callback=_a_number,
            metavar="RATE",
            help="Exit 1 when accuracy (0-1) is under this.",
        ),
    ] = 0.0,
    no_pager: NoPagerOption = False,
    no_cache: NoCacheOption = False,
    words_only: WordsOnlyOption = False,
) -> None:
    """Check a knowledge base against labeled questions: accuracy, wrong answers, every miss.

    \b
    Examples:
      faqbot test my-questions.jsonl --min-accuracy 0.9
      faqbot test queries.jsonl --kb kb.yaml --json | jq .summary

    Prints accuracy, answerable right/wrong, out-of-scope declined, the wrong-answer rate and,
    when every row names gold ids, the multi-class MCC: the same figures as the shared
    score.py. Exit 1 when accuracy is under --min-accuracy.
    """
    from faqbot import evaluate
    from faqbot.settings import Settings

    with _reported(ctx), answering.output(fmt, json_, no_color, paging=not no_pager) as (_, render):
        rows = evaluate.load_questions(questions)
        matcher = answering.matcher_for(kb, Settings(meaning=not words_only), not no_cache)
        outcomes = evaluate.run(matcher, rows)
        report = evaluate.report(outcomes)
        render.report(report)
    failed = report.summary.accuracy < min_accuracy
    raise typer.Exit(ExitCode.NO_ANSWER if failed else ExitCode.OK)


INIT_EXIT_CODES = _exit_codes_help(
    OK="the KB was written",
    NO_ANSWER="",
    USAGE="the article cannot be read or has no sentences, or the KB file exists (--force)",
)


@app.command(
    epilog=INIT_EXIT_CODES,
    short_help="Draft a KB from an article: its FAQ, and a fact per sentence.",
)
def init(
    article: Annotated[
        Path,
        typer.Argument(
            metavar="ARTICLE.txt",
            help="A plain-text article (Markdown headings, Q:/A: pairs, numbered questions).",
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="KB.yaml",
            help="Where to write the KB (default: ARTICLE.yaml beside the article); - for stdout.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the KB file if it exists.")
    ] = False,
) -> None:
    """Draft a knowledge base from an article: its FAQ section, and a fact per sentence.

    \b
    Examples:
      faqbot init article.txt                  # writes article.yaml beside it
      faqbot init article.txt -o kb.yaml && faqbot check --kb kb.yaml
      faqbot init article.txt -o - | less

    The article's questions (under a heading such as "FAQ" or "Frequently Asked Questions",
    or marked Q:, numbered, bulleted, Markdown headings or bold) become FAQs, each quoting the body
    sentence that best backs its answer, or its own answer when none does. Every body
    sentence becomes a fact quoting itself, with questions drafted by rules and marked
    `# drafted` for review. The KB is commented YAML; an existing file is never replaced
    without --force, and is written whole or not at all.
    """
    from faqbot.files import WouldOverwrite, write_text_atomic
    from faqbot.kb_draft import draft_from_file, summary, to_yaml
    from faqbot.kb_loader import load_kb

    with reported():
        target = None if output == "-" else Path(output or article.with_suffix(".yaml"))
        exists = f"{target} exists: give --force to replace it, or another -o"
        if target is not None and target.is_dir():
            fail(f"{target} is a directory: give -o the KB file to write")
        if target is not None and target.exists() and not force:
            fail(exists)  # before drafting; the write checks again, atomically
        draft = draft_from_file(article, target)
        if not draft.faqs and not draft.facts:
            fail(f"{article}: no sentences found: nothing to draft a KB from")
        text = to_yaml(draft, article.name)
        if target is None:
            sys.stdout.write(text)
            raise typer.Exit(ExitCode.OK)
        try:
            write_text_atomic(target, text, overwrite=force, check=load_kb)
        except OSError as exc:  # the directory is missing or not writable, the disk is full
            fail(f"cannot write {target}: {exc.strerror or exc}")
        except WouldOverwrite:  # it appeared while the draft was made
            fail(exists)
        except KnowledgeBaseError as exc:  # a draft that would not load: never written
            first = exc.problems[0]
            fail(f"the KB drafted from {article} does not load, so it was not written: "
                  f"{first.message} (line {first.line} of the draft)")  # fmt: skip
        say(f"faqbot: wrote {target}: {summary(draft)}; next: faqbot check --kb {target}")
    raise typer.Exit(ExitCode.OK)


CHECK_EXIT_CODES = _exit_codes_help(
    OK="the KB is valid (warnings alone, without --strict)",
    NO_ANSWER="--strict and at least one warning",
    USAGE="the KB has errors (one line each), or a usage error",
)


@app.command(
    epilog=CHECK_EXIT_CODES,
    short_help="Validate a KB and advise its author: where faqbot will answer badly.",
)
def check(
    ctx: typer.Context,
    kb: KbOption = None,
    fmt: FormatOption = OutputMode.AUTO,
    json_: JsonOption = False,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when there is any warning.")
    ] = False,
) -> None:
    """Validate a knowledge base, then advise its author on where faqbot will answer badly.

    \b
    Examples:
      faqbot check --kb my-faq.yaml
      faqbot check --kb my-faq.yaml --strict --json | jq '.findings[] | .message'

    Errors (what faqbot cannot load) are reported one a line as PATH:LINE:COL and exit 2.
    Warnings: entries asked one way only; confusable entries (leave-one-out: each phrasing of
    an entry is asked with that phrasing taken out of the KB, and answered with another
    entry, not one resting on the same source sentence); duplicate and near-duplicate
    questions; general questions on other subjects that the KB answers. Notes: phrasings the
    rest of their entry does not cover. Each names the entry by id and PATH:LINE; the last
    line sums up, with the leave-one-out accuracy.
    """
    from faqbot.advice import advise
    from faqbot.kb_loader import kb_path
    from faqbot.matcher import Matcher

    with _reported(ctx), answering.output(fmt, json_, no_color, paging=not no_pager) as (_, render):
        knowledge = _load(kb)
        matcher = Matcher(knowledge)
        shaping = matcher.settings.index_settings()
        meaning = answering.meaning_for(kb_path(kb), matcher.index, shaping)
        advice = advise(knowledge, matcher, meaning)
        render.advice(advice)
    failed = strict and advice.warnings > 0
    raise typer.Exit(ExitCode.NO_ANSWER if failed else ExitCode.OK)


@app.command(
    epilog=LOOKUP_EXIT_CODES,
    short_help="Build the KB's index now, so that the next run starts at once.",
)
def index(ctx: typer.Context, kb: KbOption = None, words_only: WordsOnlyOption = False) -> None:
    """Build the knowledge base's index now, so that the next run starts at once.

    \b
    Examples:
      faqbot index --kb help-centre.yaml

    faqbot builds the index on first use anyway and keeps it in the user's cache directory
    ($XDG_CACHE_HOME/faqbot, else ~/.cache/faqbot), under a name made from the KB's content:
    editing the KB makes a new one. This command rebuilds it and prints where it is. With the
    meaning extra installed, it encodes the KB's phrasings and answers by meaning too, unless
    --words-only (else the first question that words leave unanswered does).
    """
    from faqbot.index_cache import index_path, load_index, meaning_path
    from faqbot.kb_loader import kb_path, load_kb
    from faqbot.settings import Settings

    with _reported(ctx):
        path = kb_path(kb)
        shaping = Settings().index_settings()
        built = load_index(path, shaping, load_kb, say, rebuild=True)
        stored = index_path(path, shaping)
        vectors = meaning_path(stored)
        unwritable = "not stored: the cache directory is not writable"
        sys.stdout.write(
            f"{built.size} entries indexed: {stored if stored.exists() else unwritable}\n"
        )
        with suppress(OSError):  # encoded afresh, as the index is rebuilt
            vectors.unlink(missing_ok=True)
        if (
            not words_only
            and answering.meaning_for(path, built, shaping, index_file=stored).prepare()
        ):
            where = vectors if vectors.exists() else unwritable
            sys.stdout.write(f"phrasings and answers encoded by meaning: {where}\n")
    raise typer.Exit(ExitCode.OK)


def main() -> None:
    """Every command line that faqbot.launch does not answer itself."""
    prepare_streams()
    try:
        # Not standalone: Click's own errors come back here, to be said in one line.
        code = app(prog_name="faqbot", standalone_mode=False)
    except KeyboardInterrupt:
        sys.stderr.write("faqbot: interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
    except typer.Abort:
        sys.stderr.write("faqbot: aborted\n")
        sys.exit(ExitCode.NO_ANSWER)
    except typer.TyperException as exc:  # Click's usage errors: bad options, values, commands
        sys.exit(_usage_error(exc))
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


def _usage_error(exc: typer.TyperException) -> int:
    """Say a usage error in one sanitised line, with where to look for help."""
    if type(exc).__name__ == "NoArgsIsHelpError":  # `faqbot` alone: its help, as Click shows it
        exc.show()  # type: ignore[attr-defined]
        return ExitCode.USAGE
    ctx = getattr(exc, "ctx", None)
    hint = f" (see '{ctx.command_path} -h')" if ctx is not None else ""
    say(f"faqbot: {exc.format_message()}{hint}")  # type: ignore[attr-defined]
    return getattr(exc, "exit_code", ExitCode.USAGE)
