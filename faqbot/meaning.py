"""Meaning: the entries whose phrasings say what a question says in other words.

Words alone cannot see that "On Sunday mornings, are you open?" asks "When do you open?" in a
KB that never says "mornings". With the `meaning` extra installed (see
faqbot.sentence_encoder), the matcher asks this module about a question it would otherwise
decline, and whether a question words answer without being sure means what the entry asks:
the KB's phrasings are encoded once, kept beside the KB's index in the cache (a `.npz` of
numbers, read with pickling off), and compared with the question.

Nothing here runs, nor is numpy imported, until a question needs it: answers that words are
sure of cost what they cost without the extra.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from faqbot.analysis import english
from faqbot.kb_index import KBIndex

if TYPE_CHECKING:
    import numpy as np

    from faqbot.sentence_encoder import SentenceEncoder

# Encoding costs by the word piece, about 0.28 ms each (2 cores), and a text has 1.1 to 1.3
# word pieces for each of its words (the shared KBs). A KB whose phrasings and answers come to
# more words than this (each text's words and 2, at most sentence_encoder.MAX_TOKENS) is
# matched by words alone, so that its first run never waits much more than 20 s: counted in
# words, as splitting every text into word pieces to count them would cost a large KB most of
# a second on every run. The shared KBs come to 360 to 5,200; 1,000 help-centre entries of two
# phrasings each (benchmarks/scale.py), 59,000. A KB of users' own messages by the thousand
# shows its rewordings to the words already.
MAX_WORDS_ENCODED = 64_000
# Nor are the texts of a KB of more phrasings than this read to count them.
MAX_PHRASINGS = 10_000
# Encoding this many texts takes some seconds: a progress bar shows it, on a terminal.
PROGRESS_MIN_TEXTS = 300
NEAREST = 5  # entries returned by `nearest`, best first
# Questions whose vectors a run keeps (1.5 KB each): in a stream, one asked again within this
# many is not encoded again.
QUESTIONS_KEPT = 4_096


class Meaning:
    """The KB's phrasings and answers as unit vectors, each with the index of its entry: the
    phrasings first, in entry order, then the answers (see _texts)."""

    def __init__(
        self,
        encoder: SentenceEncoder,
        texts: list[str],
        vectors: np.ndarray,
        owners: np.ndarray,
        phrasing_rows: int,
    ) -> None:
        self.encoder = encoder
        self.texts = texts
        self.vectors = vectors
        self.owners = owners
        self.phrasing_rows = phrasing_rows
        self._words: dict[str, np.ndarray] = {}  # word -> its vector, encoded once a run
        # The questions' vectors, the latest QUESTIONS_KEPT: a question is asked about up to
        # twice (an answer checked, then the nearest entry looked for), and a stream of users'
        # questions repeats itself; encoding is the cost.
        self._questions: dict[str, np.ndarray] = {}

    def encode_ahead(self, questions: list[str]) -> None:
        """Encode these questions together, for the questions asked next: in a batch the
        model takes about 5 ms a question (2 cores), alone about 12 (it reads all its weights
        for each one). The vectors agree with those of one at a time to 1e-6. A question
        already encoded, or asked twice, is encoded once; none of these is forgotten before
        the questions after them are encoded, however many they are."""
        kept = self._questions
        asked = list(dict.fromkeys(questions))
        new = [q for q in asked if q not in kept]
        encoded = dict(zip(new, self.encoder.encode(new), strict=True)) if new else {}
        # the batch's questions kept last, as the newest
        self._keep({q: encoded[q] if q in encoded else kept.pop(q) for q in asked}, len(asked))

    def _vector(self, question: str) -> np.ndarray:
        vector = self._questions.get(question)
        if vector is None:
            vector = self.encoder.encode([question])[0]
            self._keep({question: vector})
        return vector

    def _keep(self, encoded: dict[str, np.ndarray], at_least: int = 0) -> None:
        """Keep these questions' vectors, and forget the oldest beyond QUESTIONS_KEPT (or
        beyond `at_least`, a batch's own)."""
        kept = self._questions
        kept.update(encoded)
        room = max(QUESTIONS_KEPT, at_least)
        for question in list(itertools.islice(kept, max(0, len(kept) - room))):
            del kept[question]

    def nearest(self, question: str) -> list[tuple[int, float, str]]:
        """(entry index, cosine similarity, text) of the nearest text (a phrasing, or the
        answer) of each of the entries nearest to the question in meaning, best first. An
        answer often says what a question asks better than its entry's question does ("Is
        the sourdough baked on Tuesdays?": 0.75 to "Yes, a gluten-free sourdough is baked
        every Tuesday and Friday.", 0.36 to "Do you sell gluten-free bread?")."""
        import numpy as np

        similarity = self.vectors @ self._vector(question)
        found: dict[int, tuple[int, float, str]] = {}
        for row in np.argsort(-similarity, kind="stable"):
            entry = int(self.owners[row])
            if entry not in found:
                found[entry] = (entry, float(similarity[row]), self.texts[row])
                if len(found) == NEAREST:
                    break
        return list(found.values())

    def similarity(self, question: str, entry: int, with_answer: bool = False) -> float | None:
        """Cosine of the question to the entry's nearest phrasing (or its answer, if nearer
        and `with_answer`); None if it has none. (Not its answer by default: that a question
        comes near an answer's many words says less than that it asks what a phrasing asks,
        and checking words' answers against it let wrong ones through on covidfaq.)"""
        import numpy as np

        # The phrasings are in entry order (see _texts): an entry's rows are one run; the
        # answers follow, one an entry.
        phrasings = self.owners[: self.phrasing_rows]
        start, stop = np.searchsorted(phrasings, [entry, entry + 1])
        rows = self.vectors[start:stop]
        if with_answer:
            rows = np.vstack([rows, self.vectors[self.phrasing_rows + entry]])
        if not len(rows):
            return None
        return float(np.max(rows @ self._vector(question)))

    def similarities(self, question: str) -> np.ndarray:
        """Each entry's similarity to the question, in entry order: its nearest text's (a
        phrasing or its answer, as `nearest` compares them)."""
        import numpy as np

        per_entry = np.full(len(self.texts) - self.phrasing_rows, -1.0)  # an answer an entry
        np.maximum.at(per_entry, self.owners, self.vectors @ self._vector(question))
        return per_entry

    def alike(self, text: str, other: str) -> float:
        """How near in meaning two texts come (cosine)."""
        return float(self._vector(text) @ self._vector(other))

    def nearest_word(self, word: str, text: str) -> tuple[float, str]:
        """The word of `text` nearest in meaning to `word`, and how near (cosine); (0, "")
        for a text without words."""
        import numpy as np

        word = word.casefold()
        written = set(re.findall(r"[^\W_]+", text))
        if word in {w.casefold() for w in written}:
            return 1.0, word
        # a rare word said in other words is said in a word that names something ("sell"
        # near "do" says nothing of the question), a function word's letters in capitals
        # included ("usa" near "US")
        stop = english().stopwords
        words = sorted({w.casefold() for w in written if w.casefold() not in stop or _acronym(w)})
        unknown = [w for w in [word, *words] if w not in self._words]
        if unknown:
            self._words.update(zip(unknown, self.encoder.encode(unknown), strict=True))
        if not words:
            return 0.0, ""
        similarities = np.stack([self._words[w] for w in words]) @ self._words[word]
        best = int(np.argmax(similarities))
        return float(similarities[best]), words[best]


def _acronym(word: str) -> bool:
    """Capitals, two or more: "US", "IT", not "A" or "Us"."""
    return len(word) > 1 and word.isupper()


class LazyMeaning:
    """A `Meaning` made on first use: the model found and loaded, the KB's vectors read from
    the cache or encoded (and cached). Without the extra, or for a KB too large to encode,
    it finds nothing; a model that cannot be read is said once on stderr."""

    def __init__(
        self, index: KBIndex, cache_file: Callable[[], Path | None], warn: Callable[[str], None]
    ) -> None:
        self._index = index
        self._cache_file = cache_file
        self._warn = warn
        self._meaning: Meaning | None = None
        self._tried = False

    def nearest(self, question: str) -> list[tuple[int, float, str]]:
        meaning = self._loaded()
        return meaning.nearest(question) if meaning else []

    def similarity(self, question: str, entry: int, with_answer: bool = False) -> float | None:
        meaning = self._loaded()
        return meaning.similarity(question, entry, with_answer) if meaning else None

    def similarities(self, question: str) -> np.ndarray | None:
        meaning = self._loaded()
        return meaning.similarities(question) if meaning else None

    def alike(self, text: str, other: str) -> float:
        meaning = self._loaded()
        return meaning.alike(text, other) if meaning else 0.0

    def nearest_word(self, word: str, text: str) -> tuple[float, str]:
        meaning = self._loaded()
        return meaning.nearest_word(word, text) if meaning else (0.0, "")

    def encode_ahead(self, questions: list[str]) -> None:
        meaning = self._loaded()
        if meaning:
            meaning.encode_ahead(questions)

    def prepare(self) -> bool:
        """Load now (the KB's vectors encoded and cached if they were not); whether meaning
        is in use for this KB."""
        return self._loaded() is not None

    def _loaded(self) -> Meaning | None:
        if not self._tried:
            self._tried = True
            self._meaning = self._load()
        return self._meaning

    def _load(self) -> Meaning | None:
        from faqbot.sentence_encoder import ModelError, SentenceEncoder, model_dir

        index = self._index
        if index.size * index.phrasings_per_entry > MAX_PHRASINGS:
            return None
        folder = model_dir()
        if folder is None:
            return None
        try:
            encoder = SentenceEncoder(folder)
        except ModelError as exc:
            self._warn(f"faqbot: warning: {exc}; matching by words only")
            return None
        texts, entry_of, phrasing_rows = _texts(index.entries)
        found = _kb_vectors(texts, entry_of, encoder, self._cache_file(), self._warn)
        if found is None:
            return None
        vectors, owners = found
        return Meaning(encoder, texts, vectors, owners, phrasing_rows)


def _kb_vectors(
    texts: list[str],
    entry_of: list[int],
    encoder: SentenceEncoder,
    path: Path | None,
    warn: Callable[[str], None],
) -> tuple[np.ndarray, np.ndarray] | None:
    """The vectors of the KB's phrasings and their entries: from `path` when it holds them
    for this model and KB, else encoded and written there (atomically; a cache that cannot be
    written is no error); None when they would take too long to encode (MAX_WORDS_ENCODED)."""
    unusable = False
    if path is not None and path.exists():
        found = _read(path, encoder, entry_of)
        if found is not None:
            return found
        unusable = True
    from faqbot.sentence_encoder import MAX_TOKENS

    too_long = sum(min(len(t.split()) + 2, MAX_TOKENS) for t in texts) > MAX_WORDS_ENCODED
    if unusable:  # said as what happens next: encoded again, or not at all
        then = "matching by words only" if too_long else "re-encoding"
        warn(f"faqbot: warning: the cached sentence vectors {path} are unusable; {then}")
    if too_long:
        return None
    import numpy as np

    from faqbot.progress import progress

    label = f"encoding {len(texts):,} phrasings and answers by meaning (once)"
    with progress(label, len(texts), len(texts) >= PROGRESS_MIN_TEXTS) as done:
        vectors = encoder.encode(texts, done)
    owners = np.asarray(entry_of, dtype=np.int32)
    if path is not None:
        _write(path, encoder.model_id, vectors, owners)
    return vectors, owners


def _texts(entries: Sequence) -> tuple[list[str], list[int], int]:  # Sequence[IndexedEntry]
    """What is encoded of a KB: every phrasing, in entry order, then every answer, in entry
    order; the entry of each; how many are phrasings."""
    texts: list[str] = []
    entry_of: list[int] = []
    for i, ie in enumerate(entries):
        # its own phrasings: not the words of its id, which say alone, out of any sentence,
        # what a question may mean in a dozen ways (see kb_index.reads_ids)
        for text in ie.entry.phrasings:
            texts.append(text)
            entry_of.append(i)
    phrasing_rows = len(texts)
    for i, ie in enumerate(entries):
        texts.append(ie.entry.answer)
        entry_of.append(i)
    return texts, entry_of, phrasing_rows


def _read(
    path: Path, encoder: SentenceEncoder, entry_of: list[int]
) -> tuple[np.ndarray, np.ndarray] | None:
    """The stored vectors, if they are whole and were made by this model for these
    phrasings; else None."""
    import zipfile

    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as stored:
            model = str(stored["model"])
            vectors = stored["vectors"]
            owners = stored["owners"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None
    if model != encoder.model_id or vectors.shape != (len(entry_of), encoder.dimensions):
        return None
    if not np.array_equal(owners, entry_of) or vectors.dtype != np.float32:
        return None
    return (vectors, owners.astype(np.int32)) if np.isfinite(vectors).all() else None


def _write(path: Path, model_id: str, vectors: np.ndarray, owners: np.ndarray) -> None:
    import tempfile  # not at the top: every `ask` imports this module, few write vectors

    import numpy as np

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return  # no cache directory, or a read-only one: encoded again next run
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, model=np.array(model_id), vectors=vectors, owners=owners)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
