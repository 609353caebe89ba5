"""`faqbot chat`: questions typed at a terminal, with line editing, history and a few commands.

The KB and its index are loaded once, by the caller; each answer is shown by the same
renderer as `ask`. Line editing and history come from the standard library's readline (GNU
readline or libedit) when the platform has it, else input() is read as it is. History is kept
in the user's data directory ($XDG_DATA_HOME/faqbot/history, else ~/.local/share/...).
"""

from __future__ import annotations

import contextlib
import os
import shlex
from collections.abc import Callable
from pathlib import Path

from faqbot.environment import Environment
from faqbot.errors import UnknownEntryError
from faqbot.matcher import Matcher
from faqbot.model import KnowledgeBase
from faqbot.renderers import ANSWER_ONLY, Renderer, View
from faqbot.results import Result

HISTORY_LENGTH = 1000
HELP = """\
Type a question and press Enter. Commands:
  /list [--facts]  every FAQ (and fact)
  /show ID         one entry, with its source and phrasings
  /why             why the last question got its answer (or none)
  /help            this help
  /quit            leave (so does Ctrl-D); Ctrl-C clears the line
Up and down arrows go through earlier questions, kept between sessions."""


def history_path(environ: dict[str, str] | os._Environ[str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "faqbot" / "history"


class LineReader:
    """input() with line editing and a history file, when readline is there."""

    def __init__(self, history: Path) -> None:
        self.history = history
        try:
            import readline
        except ImportError:  # e.g. Windows: plain input(), no history
            self._readline = None
            return
        self._readline = readline
        readline.set_history_length(HISTORY_LENGTH)
        with contextlib.suppress(OSError, ValueError):  # none yet, or unreadable: start empty
            readline.read_history_file(history)

    def read(self, prompt: str) -> str:
        return input(prompt)

    def save(self) -> str | None:
        """Keep this session's lines for the next one; a problem is returned, not raised."""
        if self._readline is None:
            return None
        partial = self.history.with_name(f".{self.history.name}.{os.getpid()}.tmp")
        try:
            self.history.parent.mkdir(parents=True, exist_ok=True)
            self._readline.write_history_file(partial)
            os.replace(partial, self.history)  # whole or not at all, never half a file
        except OSError as exc:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            return f"history not saved: {exc.strerror or exc}"
        return None


class Chat:
    """One session: reads lines, answers questions, runs /commands, until /quit or Ctrl-D."""

    def __init__(
        self,
        matcher: Matcher,
        env: Environment,
        renderer: Callable[[View], Renderer],
        reader: LineReader,
        say: Callable[[str], None],
    ) -> None:
        self.matcher, self.env, self.renderer = matcher, env, renderer
        self.reader, self.say = reader, say
        self.last: Result | None = None
        self._kb: KnowledgeBase | None = None

    def run(self) -> None:
        index = self.matcher.index
        self.env.stdout.write(
            f"faqbot chat: {index.title} ({index.size} entries). "
            "Ask a question; /help for commands, Ctrl-D to leave.\n"
        )
        prompt = "\001\x1b[1;36m\002faqbot>\001\x1b[0m\002 " if self.env.color else "faqbot> "
        while True:
            try:
                line = self.reader.read(prompt).strip()
                if line in ("/quit", "/exit"):
                    return
                if line:
                    self.handle(line)
            except EOFError:  # Ctrl-D
                self.env.stdout.write("\n")
                return
            except KeyboardInterrupt:  # Ctrl-C: drop the line (or the answer) and go on
                self.env.stdout.write("^C\n")
            self.env.stdout.flush()

    def handle(self, line: str) -> None:
        if not line.startswith("/"):
            self.last = self.matcher.match(line, top=3)
            self._show(self.last, ANSWER_ONLY)
            return
        try:
            command, *args = shlex.split(line)
        except ValueError:
            command, args = line.split()[0], []
        if command == "/help":
            self.env.stdout.write(HELP + "\n")
        elif command == "/why":
            if self.last is None:
                self.say("faqbot: nothing asked yet: /why explains the last answer")
            else:
                self._show(self.last, View(explain=True))
        elif command == "/list" and set(args) <= {"--facts", "facts"}:
            kb = self.knowledge()
            self._close(lambda r: r.entries(kb.entries if args else kb.faqs, kb.title))
        elif command == "/show" and len(args) == 1:
            kb = self.knowledge()
            entry = kb.by_id.get(args[0])
            if entry is None:
                self.say(f"faqbot: {UnknownEntryError(args[0], kb.ids_like(args[0]))}")
            else:
                self._close(lambda r: r.entry(entry))
        elif command in ("/list", "/show"):
            self.say(f"faqbot: usage: {'/list [--facts]' if command == '/list' else '/show ID'}")
        else:
            self.say(f"faqbot: no command {command}: /help lists them")

    def knowledge(self) -> KnowledgeBase:
        """The KB's entries, read from the index the first time /list or /show needs them."""
        if self._kb is None:
            index = self.matcher.index
            self._kb = KnowledgeBase(index.title, index.path, index.kb_entries)
        return self._kb

    def _show(self, result: Result, view: View) -> None:
        self._close(lambda r: r.result(result), view)

    def _close(self, draw: Callable[[Renderer], None], view: View = ANSWER_ONLY) -> None:
        render = self.renderer(view)
        draw(render)
        render.close()
