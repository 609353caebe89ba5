"""Turn text into matchable terms: words, stemmed, stopwords marked, KB synonyms merged.

The same Analyzer serves the knowledge base and the questions, so both sides agree on what a
term is. Language data (stopwords, question types, participles) lives in
resources/english.json; the knowledge base's own `synonyms` groups are merged here so that
"summit" and "meeting" become one term when a KB says they are one.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from faqbot.text import words


class Token(NamedTuple):
    # A named tuple, not a dataclass: a large KB makes millions of these, and a tuple is
    # several times cheaper to create.
    term: str  # what matching compares: a stem, or "=group" for a synonym group
    surface: str  # the word(s) as written (folded), for fuzzy matching and explanations
    stop: bool = False  # a function word: it tells the form of a question, not its topic


class QuestionType(NamedTuple):
    name: str
    cues: tuple[tuple[str, ...], ...]  # word sequences that ask for this type
    answer_source: str  # a regular expression: what an answer of this type contains

    @property
    def answer_pattern(self) -> re.Pattern[str]:
        """Compiled on first use: most runs never check an answer's type, and compiling the
        patterns costs more than the rest of reading the language file."""
        return _compiled(self.answer_source)


class Language(NamedTuple):
    stopwords: frozenset[str]
    question_types: tuple[QuestionType, ...]
    participle_bases: dict[str, str]  # "risen": "rise", before stemming


# Read beside this module (the package is installed as files): importlib.resources would
# import zipfile and its readers on every run for the same bytes. Its bytes are part of a
# stored index's key (faqbot.index_cache): its words shape the index.
LANGUAGE_FILE = Path(__file__).parent / "resources" / "english.json"


@cache
def english() -> Language:
    raw = json.loads(LANGUAGE_FILE.read_text("utf-8"))
    return Language(
        stopwords=frozenset(raw["stopwords"]),
        question_types=tuple(
            QuestionType(
                name=t["name"],
                cues=tuple(tuple(words(c)) for c in t["cues"]),
                answer_source=t["answer_pattern"],
            )
            for t in raw["question_types"]
        ),
        participle_bases=raw["participles"]["bases"],
    )


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("english")


class Analyzer:
    def __init__(
        self, synonyms: tuple[tuple[str, ...], ...] = (), language: Language | None = None
    ):
        self.language = language or english()
        self._stems: dict[str, str] = {}
        self._known: dict[str, Token] = {}  # word -> its token outside synonyms and cues
        # Each synonym member, as a tuple of stems, maps to its group's term. The longest member
        # wins where members overlap ("north korea" before "north").
        self._synonyms: dict[tuple[str, ...], str] = {}
        for group in synonyms:
            term = "=" + "_".join(self._stem_all(words(group[0])))
            for member in group:
                key = tuple(self._stem_all(words(member)))
                if key:
                    self._synonyms.setdefault(key, term)
        self._longest = max((len(k) for k in self._synonyms), default=1)
        self._synonym_starts = {k[0] for k in self._synonyms}
        # Known words whose stem may start a synonym: a text without any needs no look.
        self._synonym_words: set[str] = set()
        # Question-type cues by their first word, so that one pass over a text finds them all.
        self._cues_by_first: dict[str, list[tuple[QuestionType, tuple[str, ...]]]] = {}
        for qtype in self.language.question_types:
            for cue in qtype.cues:
                self._cues_by_first.setdefault(cue[0], []).append((qtype, cue))
        self._type_order = {qtype.name: k for k, qtype in enumerate(self.language.question_types)}
        self._cue_firsts = frozenset(self._cues_by_first)

    def stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            # Numbers and short words stay as written: stemming "10th" or "us" only confuses.
            # "risen" as "rise": a participle the stemmer leaves as it is
            base = self.language.participle_bases.get(word, word)
            stem = base if len(base) < 3 or not base.isalpha() else _stemmer().stemWord(base)
            self._stems[word] = stem
        return stem

    def _stem_all(self, ws: list[str]) -> list[str]:
        return [self.stem(w) for w in ws]

    def analyse(self, text: str) -> tuple[list[Token], list[QuestionType]]:
        """The tokens of a question and the answer types it asks for, from one cue scan."""
        ws = words(text)
        hits = self._cue_hits(ws)
        return self._tokens(ws, hits), _types(hits)

    def tokens(self, text: str) -> list[Token]:
        ws = words(text)
        return self._tokens(ws, self._cue_hits(ws))

    def question_types(self, text: str) -> list[QuestionType]:
        """The answer types `text` asks for ("how far" asks for a distance)."""
        return _types(self._cue_hits(words(text)))

    def _tokens(self, ws: list[str], hits: list[tuple[QuestionType, range]]) -> list[Token]:
        known = self._known
        for word in set(ws).difference(known):
            self._learn(word)
        if not hits and self._synonym_words.isdisjoint(ws):
            # Each word its own token (most of a KB's text: answers run to thousands of
            # words, and this takes them at C speed).
            return list(map(known.__getitem__, ws))
        # Words of a question-type cue ("how long", "how far") say what kind of answer is
        # wanted, not what it is about: they count as function words.
        form = {i for _, span in hits for i in span}
        starts = self._synonym_starts
        out: list[Token] = []
        i = 0
        while i < len(ws):
            tok = known[ws[i]]
            if tok.term in starts and (found := self._synonym_at(ws, i, form)):
                synonym, length = found
                out.append(synonym)
                i += length
                continue
            out.append(tok._replace(stop=True) if i in form and not tok.stop else tok)
            i += 1
        return out

    def _learn(self, word: str) -> None:
        # Tokens are immutable: one per distinct word serves every use.
        tok = self._known[word] = Token(self.stem(word), word, word in self.language.stopwords)
        if tok.term in self._synonym_starts:
            self._synonym_words.add(word)

    def _synonym_at(self, ws: list[str], i: int, form: set[int]) -> tuple[Token, int] | None:
        """The longest synonym group member starting at word i, as one token, and how many
        words it spans; None where no member starts there."""
        for length in range(min(self._longest, len(ws) - i), 0, -1):
            term = self._synonyms.get(tuple(self._stem_all(ws[i : i + length])))
            if term is not None:
                in_form = all(j in form for j in range(i, i + length))
                return Token(term, " ".join(ws[i : i + length]), in_form), length
        return None

    def _cue_hits(self, ws: list[str]) -> list[tuple[QuestionType, range]]:
        """Every question-type cue in the words `ws`, with the positions it spans."""
        if self._cue_firsts.isdisjoint(ws):
            return []
        hits = []
        for i, w in enumerate(ws):
            for qtype, cue in self._cues_by_first.get(w, ()):
                n = len(cue)
                if tuple(ws[i : i + n]) == cue:
                    hits.append((qtype, range(i, i + n)))
        # In the language file's order of types, as the answer types are reported.
        hits.sort(key=lambda hit: (self._type_order[hit[0].name], hit[1].start))
        return hits


def _types(hits: list[tuple[QuestionType, range]]) -> list[QuestionType]:
    found: list[QuestionType] = []
    for qtype, _ in hits:
        if qtype not in found:
            found.append(qtype)
    return found
