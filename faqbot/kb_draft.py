"""`faqbot init`: a knowledge base drafted from an article, as commented YAML to edit.

The article's FAQ pairs become `faqs`, each quoting the body sentence that best backs it (see
`_backing`), or its own answer when no sentence of the body does, with its answer's statements
asked as drafted `alternates`; every body sentence becomes a `fact` that quotes itself, with a
question drafted by rules (faqbot.drafting). Drafted questions are marked `# drafted` for the
author to review.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from faqbot import __version__
from faqbot.analysis import english
from faqbot.article import Article, is_question, read_article
from faqbot.drafting import (
    conceded,
    draft_questions,
    full_names,
    referents,
    relative_question,
    role_question,
    second_clause,
    with_full_names,
)
from faqbot.general_english import ABSENT, zipf
from faqbot.kb_index import inverse_frequency
from faqbot.kb_loader import MAX_TEXT_CHARS, read_article_text
from faqbot.sanitize import sanitize
from faqbot.text import words

DRAFTED_PER_FACT = 1
ID_WORDS = 3  # an id is made of the entry's rarest words, this many at most
ID_WORD_CHARS = 20  # of each word, at most this much
TITLE_CHARS = 80
QUESTION_SHARE = 0.25  # how much an FAQ's question counts in finding its source
# A body sentence backs an FAQ when it holds at least this share of the FAQ's words, each
# weighed as in _backing; else the FAQ quotes its own answer. The sentences that back the
# FAQs of the seed and of the test articles hold 0.35 to 0.52; those that merely share a
# word ("pool", "festival") 0.28 and less.
MIN_BACKING = 0.3


@dataclass
class DraftEntry:
    id: str
    text: str  # the question of an FAQ, the statement of a fact
    source: str
    answer: str = ""  # an FAQ's
    backed: bool = True  # an FAQ's source is a body sentence, not its own answer
    drafted: list[str] = field(default_factory=list)  # questions drafted from its statements


@dataclass
class Draft:
    title: str
    article: str  # the article's path as the KB names it: relative to the KB's directory
    faqs: list[DraftEntry]
    facts: list[DraftEntry]


def draft_kb(text: str, article_path: Path, kb_dir: Path) -> Draft:
    # As the KB's loader will read every text it quotes: a sentence of characters it drops
    # (controls, unassigned code points) would be an empty fact, and the draft would not load.
    text = sanitize(text)
    article = read_article(text)
    ids = _Ids([*article.body, *(f"{p.question} {p.answer}" for p in article.faqs)])
    lowercase = frozenset(w for w in re.findall(r"[\w’'-]+", text) if w.islower())
    answers = [_statements(p.answer_sentences) for p in article.faqs]
    lowercase |= _no_names([*article.body, *(s for a in answers for s in a)], lowercase)
    facts, person, thing = [], None, None
    names = full_names(article.body, lowercase)
    # A sentence longer than a KB text may be would not load, and one with no word ("*", a
    # rule of dashes) states nothing: both are left out.
    kept = (s for s in article.body if len(s) <= MAX_TEXT_CHARS and any(map(str.isalnum, s)))
    for sentence in kept:
        # A sentence that asks ("Why does it matter?") is asked already: the rules, made for
        # statements, would only garble it.
        drafted = (
            [] if is_question(sentence) else _drafted(sentence, lowercase, names, person, thing)
        )
        facts.append(DraftEntry(ids.new(sentence), sentence, sentence, drafted=drafted))
        # "it" is taken up from the sentence just before only: a thing named further back
        # has usually given way to another ("The recipe uses ... She bakes it ... it won")
        named, thing = referents(sentence)
        person = named or person
    backing = _backing(facts)
    faqs = []
    for pair, statements in zip(article.faqs, answers, strict=True):
        if max(len(pair.question), len(pair.answer)) > MAX_TEXT_CHARS:
            continue
        sentence = backing(pair.question, pair.answer)
        source = sentence or _telling(pair.answer_sentences)
        drafted = _answer_drafted(pair.question, statements, lowercase, names)
        faqs.append(
            DraftEntry(
                ids.new(pair.question),
                pair.question,
                source,
                pair.answer,
                sentence is not None,
                drafted,
            )
        )
    return Draft(
        title=article.title or _title_from(article, article_path),
        article=os.path.relpath(article_path.resolve(), kb_dir.resolve()),
        faqs=faqs,
        facts=facts,
    )


def _drafted(
    sentence: str,
    lowercase: frozenset[str],
    names: dict[str, str],
    person: str | None = None,
    thing: str | None = None,
) -> list[str]:
    """The questions drafted for a sentence that states something, each name in them
    written in full (see full_names)."""
    # One drafted question a clause: measured on the seed's KB, two (all the rules draft)
    # answer as many dev questions with meaning and one fewer by words alone, and give the
    # author more to review.
    drafted = draft_questions(sentence, lowercase, person, thing)[:DRAFTED_PER_FACT]
    # what a clause opening the sentence concedes, and what a second verb phrase states,
    # are facts of their own, asked too
    for stated in (conceded(sentence), second_clause(sentence)):
        if stated is not None:
            drafted += draft_questions(stated, lowercase, person, thing)[:DRAFTED_PER_FACT]
    # and who holds a role it names beside a person ("Its chief nurse, Ann Lee, said"), and
    # what a clause about someone named states ("Ann Lee, who opened it in 1989,")
    asides = (role_question(sentence, lowercase), relative_question(sentence, lowercase))
    named = (with_full_names(q, names) for q in (*drafted, *asides) if q)
    # A question a few words longer than a sentence near the limit would not load.
    return [q for q in named if len(q) <= MAX_TEXT_CHARS]


def _answer_drafted(
    question: str, statements: list[str], lowercase: frozenset[str], names: dict[str, str]
) -> list[str]:
    """The questions drafted for an FAQ from its answer's statements, its `alternates`. An
    answer restates what its question asks in the article's own words ("Is this her first
    visit?" "No, she previously visited in 2019"), and readers ask in those words too."""
    asked = {question.casefold()}
    drafted = []
    for statement in statements:
        for q in _drafted(statement, lowercase, names):
            if q.casefold() not in asked:
                asked.add(q.casefold())
                drafted.append(q)
    return drafted


# ("No, ...", "Yes. ...", "Yes — ..."; not "No-one" or "No problem")
_YES_OR_NO = re.compile(r"^(?:yes|no)(?:\s*[,.;:!]+|\s+[—–-]+|\s*$)\s*", re.IGNORECASE)


def _statements(answer_sentences: list[str]) -> list[str]:
    """What an FAQ's answer states, each sentence past its "Yes," or "No.", which replies to
    the question and states nothing; a sentence that asks is left out."""
    stated = (_YES_OR_NO.sub("", s) for s in answer_sentences)
    return [s[0].upper() + s[1:] for s in stated if s and not is_question(s)]


def _telling(answer_sentences: list[str]) -> str:
    """What an FAQ no body sentence backs quotes, from the article's FAQ section: its
    answer's first sentence that is more than a bare "No." or "Yes, we do."."""
    return next((s for s in answer_sentences if len(words(s)) > 3), answer_sentences[0])


# A capitalised word after another (a space before it), an owner's 's left out.
_CAPITALISED_WORD = re.compile(r"(?<=\s)([A-Z][\w-]*)")
# A sentence's first word, capitalised, followed by one that is not.
_OPENER = re.compile(r"([A-Z][\w-]*),?\s+[^A-Z\s]")


def _no_names(sentences: list[str], lowercase: frozenset[str]) -> frozenset[str]:
    """The words, lowered, that open a sentence capitalised, before a word that is not, but
    that the article never writes capitalised after another word ("Shares in Acme rose"), or
    whose plural it writes in lower case ("Library membership has risen", beside "public
    libraries" and "the Central Library"): a word, not a name, though the article may never
    write it in lower case. A word English does not know ("Keflavik airport was closed") is
    a name however the article writes it."""
    names = {w for s in sentences for w in _CAPITALISED_WORD.findall(s[1:])}
    openers = {m.group(1) for s in sentences if (m := _OPENER.match(s))}
    return frozenset(
        w.lower()
        for w in openers
        if _known(w.lower()) and (w not in names or _plurals(w.lower()) & lowercase)
    )


def _known(word: str) -> bool:
    """Whether English knows the word, or the noun it is the plural of ("lorries": lorry),
    where its word list lacks the plural."""
    singulars = (
        [word[:-3] + "y"] if word.endswith("ies") else [word[:-1]] if word.endswith("s") else []
    )
    return any(zipf(w) > ABSENT for w in [word, *singulars])


def _plurals(word: str) -> set[str]:
    """What the plural of a noun may be: "libraries", "buses", "books"."""
    return {word + "s", word + "es", *([word[:-1] + "ies"] if word.endswith("y") else [])}


def _title_from(article: Article, path: Path) -> str:
    """Without a title line, the first sentence, cut at a word: what the article is about."""
    first = article.body[0] if article.body else path.stem
    if len(first) <= TITLE_CHARS:
        return first.rstrip(".")
    return first[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _backing(facts: list[DraftEntry]) -> Callable[[str, str], str | None]:
    """The body sentence that best backs an FAQ: the one sharing most of what its answer adds
    to its question (the question's own words count for QUESTION_SHARE), each word weighing
    what it tells apart in this article (its inverse frequency over the body's sentences);
    None when even that one holds no more than MIN_BACKING of the whole."""
    from faqbot.analysis import Analyzer

    analyzer = Analyzer()

    def terms(text: str) -> set[str]:
        return {t.term for t in analyzer.tokens(text) if not t.stop}

    sentence_terms = [terms(f.text) for f in facts]
    df = Counter(t for ts in sentence_terms for t in ts)
    idf = {t: inverse_frequency(len(facts), n) for t, n in df.items()}
    unused = inverse_frequency(len(facts), 0)  # a word no body sentence uses

    def best(question: str, answer: str) -> str | None:
        asked = terms(question)
        wanted = dict.fromkeys(terms(answer) - asked, 1.0) | dict.fromkeys(asked, QUESTION_SHARE)
        scores = [
            sum(share * idf[t] for t, share in wanted.items() if t in ts) for ts in sentence_terms
        ]
        whole = sum(share * idf.get(t, unused) for t, share in wanted.items())
        if not scores or max(scores) <= MIN_BACKING * whole:
            return None
        return facts[scores.index(max(scores))].source

    return best


class _Ids:
    """Readable, unique ids from the words that set an entry apart: those fewest of the
    article's sentences use ("kim" and "putin" are everywhere in an article about them), the
    rarer in English first among equals: "borders-sealed-relax", "proximity-diplomatic"."""

    def __init__(self, texts: list[str]) -> None:
        self.taken: set[str] = set()
        self.used_in = Counter(w for text in texts for w in set(words(text)))

    def new(self, text: str) -> str:
        stop = english().stopwords
        found = list(dict.fromkeys(w for w in words(text) if w not in stop and _ascii(w)))
        rarest = sorted(found, key=lambda w: (self.used_in[w], zipf(w), found.index(w)))
        chosen = set(rarest[:ID_WORDS])
        base = "-".join(_ascii(w)[:ID_WORD_CHARS] for w in found if w in chosen) or "entry"
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


def _ascii(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


# -- YAML --------------------------------------------------------------------------------


def to_yaml(draft: Draft, article_name: str) -> str:
    """The draft as YAML a person edits: a header saying what to review, one block per entry."""
    lines = [
        f"# Drafted by faqbot {__version__} init from {article_name}.",
        "# Review before use: questions marked `# drafted` were written by rules from the",
        "# article's sentences; keep the good ones, reword or delete the rest, and add the ways",
        "# your readers would ask (`alternates` of an FAQ, `questions` of a fact).",
        "# Then: faqbot check --kb THIS_FILE   (advice), faqbot ask --kb THIS_FILE QUESTION",
        f"title: {_scalar(draft.title)}",
        "# Every `source` below quotes this article, verbatim.",
        f"source: {_scalar(draft.article)}",
    ]
    if draft.faqs:
        lines += ["", "# The article's own questions and answers.", "faqs:"]
        for e in draft.faqs:
            lines += [
                f"  - id: {_scalar(e.id)}",
                f"    question: {_scalar(e.text)}",
                f"    answer: {_scalar(e.answer)}",
                "    # the body sentence that best backs the answer"
                if e.backed
                else "    # no body sentence backs the answer: it quotes the FAQ section",
                f"    source: {_scalar(e.source)}",
            ]
            if e.drafted:
                lines.append("    alternates:")
                lines += [f"      - {_scalar(q)}  # drafted" for q in e.drafted]
    if draft.facts:
        lines += ["", "# One fact per sentence of the article's body.", "facts:"]
        for e in draft.facts:
            lines += [f"  - id: {_scalar(e.id)}", f"    fact: {_scalar(e.text)}"]
            lines.append(f"    source: {_scalar(e.source)}")
            if e.drafted:
                lines.append("    questions:")
                lines += [f"      - {_scalar(q)}  # drafted" for q in e.drafted]
    return "\n".join(lines) + "\n"


def _scalar(text: str) -> str:
    """One YAML scalar on one line, quoted only where YAML needs it ("No", ": ", "#")."""
    dumped = yaml.safe_dump({"k": text}, allow_unicode=True, width=float("inf"))
    return dumped.removeprefix("k: ").rstrip("\n")


def summary(draft: Draft) -> str:
    """What a drafted KB holds: "4 FAQs, 21 facts, 28 drafted questions"."""
    from faqbot.figures import count_text

    drafted = sum(len(e.drafted) for e in (*draft.faqs, *draft.facts))
    return (
        f"{count_text(len(draft.faqs), 'FAQ')}, {count_text(len(draft.facts), 'fact')}, "
        f"{count_text(drafted, 'drafted question')}"
    )


def draft_from_file(article_path: Path, kb_path: Path | None) -> Draft:
    """The KB drafted from `article_path`, to be written at `kb_path` (None: stdout, whose
    `source` is relative to the working directory)."""
    text = read_article_text(article_path)
    kb_dir = kb_path.parent if kb_path is not None else Path.cwd()
    return draft_kb(text, article_path, kb_dir)
