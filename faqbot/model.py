"""Typed data of a loaded knowledge base: no I/O, no validation here.

The records faqbot makes on every run are named tuples and small plain classes, not
dataclasses: the dataclasses module imports `inspect` (with `ast`, `dis` and `tokenize`) and
writes each class's methods with `exec`. The 17 dataclasses on the path of `faqbot ask` took
24 ms to create, besides that import; without them a whole `ask` takes 0.76x its time
(benchmarks/startup.py). Commands that run once in a while (check, test, init) use dataclasses.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

EntryKind = Literal["faq", "fact"]


class Entry(NamedTuple):
    """One answerable item: an FAQ pair or a fact, with every phrasing that should find it."""

    id: str
    kind: EntryKind
    question: str  # the FAQ question; for a fact, its first question or else the fact itself
    answer: str  # the FAQ answer; for a fact, the fact statement
    source: str | None  # the verbatim article sentence behind the answer, if the KB has one
    phrasings: tuple[str, ...]  # what a user may ask: question + alternates, or fact + questions
    line: int = 0  # where it starts in the KB file (0: unknown, as in an index)


class KnowledgeBase:
    __slots__ = ("title", "path", "entries", "synonyms", "article_path", "by_id")

    def __init__(
        self,
        title: str,
        path: str,
        entries: tuple[Entry, ...],
        synonyms: tuple[tuple[str, ...], ...] = (),
        article_path: str | None = None,  # the article the entries quote, if the KB names one
    ) -> None:
        self.title, self.path, self.entries = title, path, entries
        self.synonyms, self.article_path = synonyms, article_path
        self.by_id = {e.id: e for e in entries}

    def __repr__(self) -> str:
        return f"KnowledgeBase({self.title!r}, {self.path!r}, {len(self.entries)} entries)"

    @property
    def faqs(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.kind == "faq")

    @property
    def facts(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.kind == "fact")

    def ids_like(self, wanted: str, limit: int = 5) -> list[str]:
        """Ids to suggest for one the KB does not have: those close to it in spelling, case
        aside ("First-Visit", "first-vist"), then those whose question uses its words
        ("kim": the entries that ask about Kim)."""
        import difflib

        from faqbot.text import words

        folded = {e.id.casefold(): e.id for e in self.entries}
        found = [folded[i] for i in difflib.get_close_matches(wanted.casefold(), folded, 3, 0.6)]
        asked = set(words(wanted))  # words() splits at "-" and "_" too
        if asked:
            found += [e.id for e in self.entries if asked <= set(words(e.question))]
        return list(dict.fromkeys(found))[:limit]
