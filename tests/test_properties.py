"""Property-based tests: the loader, sanitiser, normaliser, matcher and renderers on any input.

The number of examples comes from the Hypothesis profile in conftest.py (many more in CI).
"""

from __future__ import annotations

import heapq
import io
import json
import math
import re
import unicodedata
from array import array

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from faqbot.errors import KnowledgeBaseError
from faqbot.kb_index import FEW_PHRASINGS
from faqbot.kb_loader import load_kb
from faqbot.matcher import Matcher
from faqbot.model import Entry, KnowledgeBase
from faqbot.sanitize import one_line, sanitize
from faqbot.text import fold, words
from tests.conftest import PACKAGED_KB

MATCHER = Matcher(load_kb(PACKAGED_KB))
ANSI_STYLE = re.compile(r"\x1b\[[0-9;]*m")


def has_control(text: str) -> bool:
    return any(unicodedata.category(c)[0] == "C" and c not in "\n\t" for c in text)


# -- sanitiser and normaliser -----------------------------------------------------------------


@given(st.text())
def test_sanitised_text_has_no_control_characters_and_is_stable(text):
    clean = sanitize(text)
    assert not has_control(clean)
    assert sanitize(clean) == clean
    assert "\n" not in one_line(text) and not has_control(one_line(text))


@given(st.text(alphabet=st.characters(categories=["L", "N", "P", "Zs", "S"])))
def test_sanitiser_keeps_printable_text(text):
    assert sanitize(text) == text


@given(st.text())
def test_normaliser_is_total_and_idempotent(text):
    folded = fold(text)
    assert fold(folded) == folded
    for word in words(text):
        assert word and not any(c.isspace() for c in word)
        assert word == word.casefold() or not word.isalpha()


# Apostrophes, ASCII and non-ASCII letters, compatibility forms and typographic quotes: the
# characters where `words`' short cuts (ASCII, no apostrophe) could part from its definition.
_TRICKY = st.text(alphabet=st.sampled_from(list("aZs9 _-.'\t\u2019\u00e9\u0301\uff21\u00df\u0130")))


@given(st.one_of(st.text(), _TRICKY))
def test_words_are_the_folded_text_split_at_anything_but_letters_and_digits(text):
    # The definition, spelled out the long way: fold, drop possessives, join contractions,
    # split at every run of non-word characters and underscores.
    folded = re.sub(r"(\w)'(\w)", r"\1\2", re.sub(r"(\w)'s\b", r"\1", fold(text)))
    assert words(text) == re.sub(r"[\W_]+", " ", folded).split()


# -- matcher ---------------------------------------------------------------------------------


@given(st.text(max_size=300))
def test_any_question_gets_a_deterministic_bounded_result(question):
    first = MATCHER.match(question, top=3)
    assert first == MATCHER.match(question, top=3)
    assert all(0 <= c.confidence <= 100 for c in first.candidates)
    if first.answer is not None:
        assert first.answer == first.candidates[0]
        assert first.answer.confidence >= MATCHER.threshold


PACKAGED = load_kb(PACKAGED_KB)
KB_WORDS = sorted({w for e in PACKAGED.entries for p in e.phrasings for w in words(p)})
# The same text as a KB of users' messages: each entry also asks what the next three ask, so
# that every entry has many phrasings (read through its term lists, see signals.FEW_PHRASINGS).
_ENTRIES = PACKAGED.entries
MANY_PHRASINGS = Matcher(
    KnowledgeBase(
        "many",
        "many.yaml",
        tuple(
            e._replace(
                phrasings=tuple(p for f in (_ENTRIES * 2)[k : k + 4] for p in f.phrasings),
                source=None,
            )
            for k, e in enumerate(_ENTRIES)
        ),
    )
)

# ... and as a plain KB: one phrasing an entry (no second best adds to its score).
ONE_PHRASING = Matcher(
    KnowledgeBase("one", "one.yaml", tuple(e._replace(phrasings=e.phrasings[:1]) for e in _ENTRIES))
)

# ... and with two to four an entry: bounded again phrasing by phrasing (Matcher._best_of).
FEW_EACH = Matcher(
    KnowledgeBase(
        "few",
        "few.yaml",
        tuple(e._replace(phrasings=e.phrasings[: 2 + k % 3]) for k, e in enumerate(_ENTRIES)),
    )
)


@given(
    st.lists(st.sampled_from(KB_WORDS) | st.text(min_size=1, max_size=12), min_size=1, max_size=12),
    st.sampled_from([1, 3, 10, 50]),
    st.sampled_from([MATCHER, MANY_PHRASINGS, ONE_PHRASING, FEW_EACH]),
)
def test_bounded_ranking_is_the_full_ranking_as_far_as_an_answer_reads_it(
    question_words, shown, matcher
):
    # Questions made of the KB's own words, so that many entries compete.
    _assert_ranked_in_full(matcher, " ".join(question_words), shown)


@pytest.mark.parametrize("shown", [1, 3])
def test_bounded_ranking_on_every_phrasing_of_a_kb_of_a_few_an_entry(shown):
    # Each entry's own phrasings, and each with a word dropped or mistyped (a typo stands
    # for two terms): entries whose phrasings all come close, bounded a second time.
    for entry in FEW_EACH.index.kb_entries:
        for phrasing in entry.phrasings:
            ws = words(phrasing)
            for question in (phrasing, " ".join(ws[1:]), " ".join(w[:-1] for w in ws)):
                _assert_ranked_in_full(FEW_EACH, question, shown)
                _assert_bounded(FEW_EACH, question)


@given(
    st.sampled_from(KB_WORDS),
    st.lists(
        st.tuples(st.sampled_from(["drop", "add", "swap", "change"]), st.integers(0, 20)),
        max_size=3,
    ),
)
def test_a_typo_search_finds_what_searching_every_kb_word_finds(word, edits):
    # The search visits only the KB words whose length can be within its edits of the
    # word's (Matcher._choices_near_length): the same words found, in the same order.
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    typo = list(word)
    for kind, at in edits:
        at %= max(len(typo), 1)
        if kind == "drop" and typo:
            del typo[at]
        elif kind == "add":
            typo.insert(at, "x")
        elif kind == "swap" and at + 1 < len(typo):
            typo[at], typo[at + 1] = typo[at + 1], typo[at]
        elif kind == "change" and typo:
            typo[at] = "q"
    typo_word = "".join(typo)
    most = 1 if len(typo_word) <= MATCHER.settings.one_edit_max_length else 2
    everywhere = process.extract(
        typo_word, MATCHER._fuzzy_choices, scorer=OSA.distance, score_cutoff=most, limit=5
    )
    near = MATCHER._choices_near_length(len(typo_word), most)
    found = process.extract(typo_word, near, scorer=OSA.distance, score_cutoff=most, limit=5)
    assert [(s, d) for s, d, _ in found] == [(s, d) for s, d, _ in everywhere]


def _assert_ranked_in_full(matcher: Matcher, question: str, shown: int) -> None:
    prepared = matcher._rank(question, shown)[2]
    if prepared is None:
        return
    retrieved = matcher._retrieve(prepared)
    full = sorted(
        (
            (matcher._confidence(i, matcher._indexed[i], prepared), matcher._indexed[i].entry.id, i)
            for i in retrieved
        ),
        key=lambda r: (-r[0], r[1]),
    )
    ranking = matcher._best_of(retrieved, prepared, shown)
    # What match reads: the first `shown` places, and on to the best's first rival.
    read = shown
    if full:
        best = matcher._indexed[full[0][2]].entry
        rival = next((k for k, r in enumerate(full) if k and not matcher.agree(best, r[2])), 0)
        read = max(read, rival + 1)
    assert ranking.ranked[:read] == full[:read]
    # Ranking goes on for the suggestions of a declined question: the first three places
    # down to a floor (half the threshold) are those of the full ranking, an entry right at
    # the floor included.
    middle = full[len(full) // 2 :][:1]
    for floor in (0.0, 50.0, *(r[0] for r in full[:3] + middle)):
        ranking = matcher._best_of(retrieved, prepared, shown)
        further = matcher._rank_further(ranking, prepared, 3, floor=floor)
        assert [r for r in further[:3] if r[0] >= floor] == [r for r in full[:3] if r[0] >= floor]
    # and scores nothing more past the floor: above every confidence, nothing at all
    ranking = matcher._best_of(retrieved, prepared, shown)
    ranked_before = list(ranking.ranked)
    assert matcher._rank_further(ranking, prepared, 3, floor=100.5) == ranked_before


@given(
    st.lists(st.sampled_from(KB_WORDS) | st.text(min_size=1, max_size=12), min_size=1, max_size=12),
    st.sampled_from([MATCHER, MANY_PHRASINGS, ONE_PHRASING, FEW_EACH]),
)
def test_no_entry_scores_above_its_bound(question_words, matcher):
    _assert_bounded(matcher, " ".join(question_words))


@pytest.mark.parametrize("entry", _ENTRIES, ids=lambda e: e.id)
def test_the_bound_of_a_one_phrasing_entry_asked_its_phrasing_is_reached(entry):
    # The bound is as tight as it may be: any tighter and this question breaks it.
    _assert_bounded(ONE_PHRASING, entry.phrasings[0])


def _assert_bounded(matcher: Matcher, question: str) -> None:
    prepared = matcher._rank(question, 3)[2]
    if prepared is None:
        return
    most_said = matcher._most_said(prepared)
    for i in matcher._retrieve(prepared):
        ie = matcher._indexed[i]
        confidence = matcher._confidence(i, ie, prepared)
        ceiling = matcher._ceiling(i, ie, prepared, most_said)
        assert confidence <= ceiling
        if ie.phrasing_count <= FEW_PHRASINGS:  # bounded again, phrasing by phrasing
            assert confidence <= matcher._phrasing_ceiling(i, ie, prepared, most_said) <= ceiling


def _retrieved_by_definition(question, postings, shortest, max_candidates: int) -> list[int]:
    """faqbot.retrieval.retrieve as its docstring defines it: the candidates are the first
    4 x max_candidates entries named, rarest word first; each weighs the words that name it
    (those its phrasings say apart); the best by the estimate, ties in the order found."""
    from faqbot.retrieval import words_rarest_first

    named_by = words_rarest_first(question, postings)
    first_named = dict.fromkeys(abs(p) - 1 for named, _ in named_by for p in named)
    candidates = list(first_named)[: 4 * max_candidates]
    shared = {
        i: sum(g for named, g in named_by if {i + 1, -i - 1} & set(named)) for i in candidates
    }
    said = {i: [g for named, g in named_by if i + 1 in set(named)] for i in candidates}
    asked = {i: sum(gains) for i, gains in said.items() if gains}
    if len(shared) <= max_candidates:
        return list(shared)
    # coverage, plus what the lightest phrasing may say: said x min(1, said / its weight)
    estimate = {i: w + asked.get(i, 0.0) * min(1.0, asked.get(i, 0.0) / shortest[i])
                for i, w in shared.items()}  # fmt: skip
    return heapq.nlargest(max_candidates, estimate, key=estimate.__getitem__)


@given(
    st.lists(  # each word's entries: distinct, negative where only an answer names it
        st.lists(st.integers(1, 60), unique=True, max_size=60).flatmap(
            lambda named: st.lists(st.booleans(), min_size=len(named), max_size=len(named)).map(
                lambda signs: [p if s else -p for p, s in zip(named, signs, strict=True)]
            )
        ),
        min_size=1,
        max_size=5,
    ),
    st.lists(st.sampled_from([0.25, 0.5, 1.0, 2.0]), min_size=5, max_size=5),  # ties often
    st.integers(1, 6),
    st.sampled_from([0, 1, 4, math.inf]),
)
def test_retrieval_finds_what_stepping_through_every_posting_finds(
    postings_of_words, weights, max_candidates, lookup_instead
):
    from types import SimpleNamespace

    from faqbot import retrieval

    postings = {f"t{k}": array("i", named) for k, named in enumerate(postings_of_words)}
    question = SimpleNamespace(
        tokens=[SimpleNamespace(stop=False)] * len(postings),
        expansions=[{term: 1.0} for term in postings],
        weights=weights[: len(postings)],
    )
    shortest = [0.5 + (i % 7) / 2 for i in range(61)]
    expected = _retrieved_by_definition(question, postings, shortest, max_candidates)
    kept = retrieval._LOOKUP_INSTEAD
    retrieval._LOOKUP_INSTEAD = lookup_instead
    try:
        found = retrieval.retrieve(question, postings, shortest, max_candidates)
    finally:
        retrieval._LOOKUP_INSTEAD = kept
    assert found == expected


def _misspelt(word_and_place: tuple[str, int]) -> str:
    word, place = word_and_place
    place %= len(word)
    return word[:place] + word[place + 1 :] if len(word) > 4 else word


# Questions of the KB's words, some misspelt (a misspelt word may stand for several KB terms,
# at less strength), and of any text.
KB_WORDS_SOME_MISSPELT = st.lists(
    st.sampled_from(KB_WORDS)
    | st.tuples(st.sampled_from(KB_WORDS), st.integers(0, 20)).map(_misspelt)
    | st.text(min_size=1, max_size=12),
    min_size=1,
    max_size=12,
)


def _overlaps_by_definition(ie, prepared) -> list[tuple[int, float, float]]:
    """Each phrasing sharing a term with the question, in order: the weight of the question
    words it explains (each word its best term there), and the weight of its terms the
    question says (each at the strength the question says it)."""
    found = []
    for p, ph in enumerate(ie.phrasings):
        hit = 0.0
        for exp, w in zip(prepared.expansions, prepared.weights, strict=True):
            best = max((v for t, v in exp.items() if t in ph.terms), default=0.0)
            if best:
                hit += w * best
        if hit:
            said = sum(ph.terms[t] * v for t, v in prepared.covered.items() if t in ph.terms)
            found.append((p, hit, said))
    return found


@given(
    KB_WORDS_SOME_MISSPELT,
    st.sampled_from([MATCHER, MANY_PHRASINGS, ONE_PHRASING, FEW_EACH]),
)
@example(["Kim", "xchange", "koren", "utcomes"], ONE_PHRASING)  # each stands for two terms
def test_what_each_phrasing_explains_and_says_is_as_defined(question_words, matcher):
    # Both ways of finding them (phrasing by phrasing, or through the entry's term lists)
    # must add the same numbers in the same order as the definition, to the last bit.
    from faqbot import signals

    prepared = matcher._rank(" ".join(question_words), 3)[2]
    if prepared is None:
        return
    for i in matcher._retrieve(prepared):
        ie = matcher._indexed[i]
        assert signals._phrasing_overlaps(ie, prepared) == _overlaps_by_definition(ie, prepared)


def _coverage_word_by_word(ie, prepared, credit: float) -> tuple[float, float]:
    """Coverage and reach as defined: each question word counts its best explanation, a
    term only the answer or source holds counting `credit`."""
    hit = reached = 0.0
    for exp, w in zip(prepared.expansions, prepared.weights, strict=True):
        said = [v for t, v in exp.items() if t in ie.asked]
        told = [v * credit for t, v in exp.items() if f" {t} " in ie.told and t not in ie.asked]
        hit += w * max(said + told, default=0.0)
        reached += w * max(said, default=0.0)
    return hit / prepared.total_weight, reached / prepared.total_weight


@given(
    KB_WORDS_SOME_MISSPELT,
    st.sampled_from([MATCHER, MANY_PHRASINGS]),
)
def test_coverage_for_ranking_is_the_coverage_defined_and_shown(question_words, matcher):
    # Ranking works coverage out quickly for every candidate, showing word by word: both must
    # be what coverage is defined as, to the last bit, or what --explain shows is not what
    # ranked the entry. (Misspelt words may stand for several KB terms, at less strength.)
    from faqbot import signals

    prepared = matcher._rank(" ".join(question_words), 3)[2]
    if prepared is None:
        return
    for i in matcher._retrieve(prepared):
        ie = matcher._indexed[i]
        credit = matcher._answer_credit(ie)
        defined = _coverage_word_by_word(ie, prepared, credit)
        assert signals.coverage(ie, prepared, credit) == pytest.approx(defined, rel=1e-12)
        matches = signals.word_matches(ie.asked, ie.told, prepared, credit)
        shown = sum(m.weight * m.strength for m in matches) / prepared.total_weight
        assert signals.coverage(ie, prepared, credit)[0] == shown
        assert len(matches) == len(prepared.tokens)


# -- loader ----------------------------------------------------------------------------------

SAFE_TEXT = st.text(
    alphabet=st.characters(categories=["L", "N", "P", "Zs"], exclude_characters="\x85\xa0"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s.strip())
IDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)


@st.composite
def kb_documents(draw):
    ids = draw(st.lists(IDS, min_size=1, max_size=6, unique=True))
    faqs = []
    for entry_id in ids:
        faq = {"id": entry_id, "question": draw(SAFE_TEXT), "answer": draw(SAFE_TEXT)}
        if draw(st.booleans()):
            faq["alternates"] = draw(st.lists(SAFE_TEXT, max_size=3))
        faqs.append(faq)
    return {"title": draw(SAFE_TEXT), "faqs": faqs}


@given(kb_documents())
def test_valid_documents_load_as_written(tmp_path_factory, document):
    path = tmp_path_factory.mktemp("kb") / "kb.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    kb = load_kb(path)
    assert [e.id for e in kb.entries] == [f["id"] for f in document["faqs"]]
    for entry, faq in zip(kb.entries, document["faqs"], strict=True):
        assert (entry.question, entry.answer) == (faq["question"], faq["answer"])
        assert entry.phrasings[0] == faq["question"]


@given(kb_documents(), st.data())
def test_broken_documents_fail_only_with_knowledge_base_errors(tmp_path_factory, document, data):
    text = yaml.safe_dump(document, allow_unicode=True)
    # Mutate: cut, insert junk, or replace a span, anywhere in the text.
    position = data.draw(st.integers(0, len(text)))
    junk = data.draw(st.text(max_size=8))
    cut = data.draw(st.integers(0, 8))
    broken = text[:position] + junk + text[position + cut :]
    path = tmp_path_factory.mktemp("kb") / "kb.yaml"
    path.write_bytes(broken.encode("utf-8", "surrogatepass"))
    try:
        load_kb(path)
    except KnowledgeBaseError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert "\n" not in problem.message


# YAML of any shape a KB's keys could take: flow lists and mappings, complex keys (`? [a]`),
# tags, anchors and aliases, at the top level and as list items (which the loader validates
# as they are read: see kb_loader._compose).
_KEYS = ["faqs", "facts", "title", "source", "synonyms", "id", "question", "answer", "alternates"]
_ATOM = st.sampled_from(["a", "1", "No", "null", "''", '"q?"', "~", "!!str x", "!!int 3", "&x a"])
_FLOW = st.recursive(
    _ATOM | st.just("*x"),
    lambda inner: (
        st.lists(inner, max_size=3).map(lambda items: f"[{', '.join(items)}]")
        | st.lists(st.tuples(st.sampled_from(_KEYS) | inner, inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"? {k} : {v}" for k, v in pairs) + "}"
        )
    ),
    max_leaves=8,
)
_TOP_LINE = st.one_of(
    st.tuples(st.sampled_from(_KEYS), _FLOW).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.tuples(_FLOW, _FLOW).map(lambda kv: f"? {kv[0]}\n: {kv[1]}"),
    st.tuples(st.sampled_from(_KEYS), st.lists(_FLOW, min_size=1, max_size=3)).map(
        lambda kv: kv[0] + ":\n" + "".join(f"  - {item}\n" for item in kv[1])
    ),
)


@given(st.lists(_TOP_LINE, min_size=1, max_size=4))
def test_yaml_of_any_shape_fails_only_with_knowledge_base_errors(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("kb") / "kb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        load_kb(path)
    except KnowledgeBaseError as exc:
        assert exc.problems


# -- renderers -------------------------------------------------------------------------------


@given(question=st.text(min_size=1), answer=st.text(min_size=1), source=st.text(min_size=1))
def test_any_kb_text_renders_in_every_format_without_control_characters(question, answer, source):
    from faqbot.environment import Environment
    from faqbot.renderers import OutputMode, View, renderer_for

    entry = Entry("x", "faq", sanitize(question) or "q", sanitize(answer) or "a",
                  sanitize(source), (sanitize(question) or "q",))  # fmt: skip
    matcher = Matcher(KnowledgeBase("t", "p", (entry,)))
    result = matcher.match(question, top=1)
    plain, data, rich, talk = io.StringIO(), io.StringIO(), io.StringIO(), io.StringIO()
    for mode, out in ((OutputMode.PLAIN, plain), (OutputMode.JSON, data), (OutputMode.RICH, rich)):
        env = Environment(io.StringIO(), out, talk, width=60)
        render = renderer_for(mode, env, View(top=1, explain=True))
        render.result(result)
        if mode is not OutputMode.JSON:
            render.entry(entry)
    assert not has_control(plain.getvalue()) and not has_control(talk.getvalue())
    assert not has_control(ANSI_STYLE.sub("", rich.getvalue()))
    record = json.loads(data.getvalue())
    assert record["question"] == one_line(question)
    assert plain.getvalue().count("\n") >= 2


# -- drafting questions (faqbot init) ----------------------------------------------------------

# Sentence-like text: the words and marks the drafter's rules look for (openers, pronouns,
# auxiliaries, figures, times, prepositions), in any order, and any other text.
DRAFTING_WORDS = st.sampled_from(
    [
        "Although",
        "If",
        "Since",
        "In",
        "The",
        "the",
        "It",
        "it",
        "He",
        "his",
        "this",
        "No",
        "Neither",
        "nor",
        "Around",
        "300",
        "3",
        "10th",
        "2019",
        "May",
        "Monday",
        "9:30",
        "a.m.",
        "p.m.",
        "to",
        "until",
        "from",
        "at",
        "in",
        "on",
        "amid",
        "since",
        "joining",
        "after",
        "moving",
        "has",
        "have",
        "will",
        "would",
        "was",
        "were",
        "is",
        "does",
        "did",
        "beat",
        "met",
        "said",
        "that",
        "who",
        ",",
        ".",
        "?",
        "'s",
        "Kim",
        "Storm",
        "Ada",
        "people",
        "fans",
        "tickets",
        "sold",
        "within",
        "hours",
        "km",
        "of",
        "miles",
        "$85",
        "euros",
        "remains",
        "to be seen",
        "unclear",
        "whether",
        "what",
        "how",
        "once",
        "twice",
        "leader",
        "Striker",
        "Tom Hale",
        "public",
        "consultations",
        "and",
        "take",
        "12%",
        "per cent",
    ]
)


@given(st.one_of(st.lists(DRAFTING_WORDS, max_size=25).map(" ".join), st.text(max_size=200)))
@example("The will ,")  # found by this test: "Will the?", a comma counted as a word
def test_drafting_never_fails_and_asks_questions(sentence):
    from faqbot.drafting import conceded, draft_questions, referents

    for question in draft_questions(sentence, frozenset({"the", "no"}), "Kim", "the visit"):
        assert question.endswith("?") and len(question.split()) >= 3
    stated = conceded(sentence)
    assert stated is None or stated.endswith(".")
    referents(sentence)


ARTICLE_LINES = st.lists(
    st.one_of(
        st.lists(DRAFTING_WORDS, min_size=1, max_size=15).map(lambda w: " ".join(w) + "."),
        st.sampled_from(["FAQ", "Q&A", "## Frequently Asked Questions", "", "Q: Is it open?"]),
        st.text(max_size=80),
    ),
    min_size=1,
    max_size=12,
)


@given(ARTICLE_LINES)
# found by this test: a sentence of a character the loader drops (an empty fact); a closing
# "*" joined to the sentence before across a line break (a source not in the article)
@example(["FAQ", "\ud7a4"])
@example(["*", "Although.", "*"])
def test_a_drafted_kb_always_loads(tmp_path_factory, lines):
    # What `faqbot init` writes from any article is a KB that validates: every source found
    # verbatim in the article, every id unique, every text a string.
    from faqbot.kb_draft import draft_kb, to_yaml
    from faqbot.kb_loader import read_article_text

    folder = tmp_path_factory.mktemp("init")
    article = folder / "a.txt"
    article.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    try:
        text = read_article_text(article)
    except KnowledgeBaseError:
        return  # an empty article, or no text (a NUL byte): refused in one line, as `init` does
    draft = draft_kb(text, article, folder)
    if not draft.faqs and not draft.facts:
        return  # `init` says there is nothing to draft (test_init)
    kb = folder / "a.yaml"
    kb.write_text(to_yaml(draft, article.name), encoding="utf-8")
    loaded = load_kb(kb)
    assert len(loaded.entries) == len(draft.faqs) + len(draft.facts)
