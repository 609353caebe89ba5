"""Typed data of a loaded knowledge base. Plain dataclasses: no I/O, no validation here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntryKind = Literal["faq", "fact"]


@dataclass(frozen=True)
class Entry:
    """One answerable item: an FAQ pair or a fact, with every phrasing that should find it."""

    id: str
    kind: EntryKind
    question: str  # the FAQ question; for a fact, its first question or else the fact itself
    answer: str  # the FAQ answer; for a fact, the fact statement
    source: str | None  # the verbatim article sentence behind the answer, if the KB has one
    phrasings: tuple[str, ...]  # what a user may ask: question + alternates, or fact + questions
    line: int = field(default=0, compare=False)  # where it starts in the KB file (0: unknown)


@dataclass(frozen=True)
class KnowledgeBase:
    title: str
    path: str
    entries: tuple[Entry, ...]
    synonyms: tuple[tuple[str, ...], ...] = ()
    article_path: str | None = None  # the article the entries quote, if the KB names one
    by_id: dict[str, Entry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_id.update({e.id: e for e in self.entries})

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
