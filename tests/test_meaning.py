"""Matching by meaning, the `meaning` extra: the numpy sentence encoder, the KB's cached
vectors, and when the matcher answers by them.

The encoder's plumbing is tested on a tiny random model written here (any machine with
numpy); its numbers against the reference implementation, and the whole path through
the CLI, on the real model when it is installed (CI installs it, as the README says)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from bert_tokenizer import WORDS, bert_tokenizer_json
from hypothesis import given, settings
from hypothesis import strategies as st

from faqbot.kb_index import build_index
from faqbot.kb_loader import load_kb
from faqbot.matcher import Matcher
from faqbot.meaning_signals import _without_word
from faqbot.settings import Settings
from tests.conftest import NAMED_SHOP

np = pytest.importorskip("numpy")

from faqbot import meaning, sentence_encoder  # noqa: E402
from faqbot.sentence_encoder import ModelError, SentenceEncoder  # noqa: E402

REAL_MODEL = sentence_encoder.model_dir()
needs_model = pytest.mark.skipif(REAL_MODEL is None, reason="the meaning extra is not installed")

BAKERY = """
title: Corner bakery
faqs:
  - id: gluten
    question: Do you sell gluten-free bread?
    answer: Yes, a gluten-free sourdough is baked every Tuesday and Friday.
  - id: opening
    question: When do you open?
    answer: Every day from 7 a.m. to 6 p.m., Sundays until noon.
  - id: cakes
    question: Can I order a birthday cake?
    answer: Yes, order at the counter at least two days ahead.
    source: Cakes are made to order.
  - id: cake-prices
    question: How much is a birthday cake?
    answer: From 25 euros for eight slices.
    source: Cakes are made to order.
  - id: parking
    question: Is there parking nearby?
    answer: The supermarket car park next door is free for the first hour.
  - id: delivery
    question: Do you deliver?
    answer: We deliver within 5 km for orders over 20 euros.
"""


def write_tiny_model(folder: Path, hidden: int = 8, heads: int = 2, layers: int = 2) -> Path:
    """A random BERT of the real one's shape in miniature, with a tokenizer of a few words:
    the same files, read by the same code."""
    folder.mkdir(parents=True, exist_ok=True)
    config = {"num_hidden_layers": layers, "num_attention_heads": heads, "layer_norm_eps": 1e-12}
    (folder / "config.json").write_text(json.dumps(config))
    (folder / "tokenizer.json").write_text(json.dumps(bert_tokenizer_json(WORDS)))
    rng = np.random.default_rng(7)
    shapes = {
        "embeddings.word_embeddings.weight": (len(WORDS), hidden),
        "embeddings.position_embeddings.weight": (16, hidden),
        "embeddings.token_type_embeddings.weight": (2, hidden),
        "embeddings.LayerNorm.weight": (hidden,),
        "embeddings.LayerNorm.bias": (hidden,),
    }
    for i in range(layers):
        p = f"encoder.layer.{i}."
        for name, out, inp in [
            ("attention.self.query", hidden, hidden), ("attention.self.key", hidden, hidden),
            ("attention.self.value", hidden, hidden), ("attention.output.dense", hidden, hidden),
            ("intermediate.dense", 4 * hidden, hidden), ("output.dense", hidden, 4 * hidden),
        ]:  # fmt: skip
            shapes[p + name + ".weight"] = (out, inp)
            shapes[p + name + ".bias"] = (out,)
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            shapes[p + norm + ".weight"] = (hidden,)
            shapes[p + norm + ".bias"] = (hidden,)
    tensors = {name: rng.normal(size=shape).astype("<f4") for name, shape in shapes.items()}
    write_safetensors(folder / "model.safetensors", tensors)
    return folder


def write_safetensors(path: Path, tensors: dict) -> None:
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        data = array.tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(data)]}  # fmt: skip
        blobs.append(data)
        offset += len(data)
    head = json.dumps(header).encode()
    path.write_bytes(len(head).to_bytes(8, "little") + head + b"".join(blobs))


def read_tensors(folder: Path) -> dict:
    from faqbot.sentence_encoder import _read_safetensors

    return {
        name: np.array(t) for name, t in _read_safetensors(folder / "model.safetensors").items()
    }


@pytest.fixture
def tiny_model(tmp_path, monkeypatch) -> Path:
    folder = write_tiny_model(tmp_path / "model")
    monkeypatch.setattr(sentence_encoder, "model_dir", lambda: folder)
    return folder


# -- the encoder ------------------------------------------------------------------------------


def test_vectors_are_unit_length_and_padding_changes_none(tiny_model):
    encoder = SentenceEncoder(tiny_model)
    alone = encoder.encode(["the cat sat"])
    # Batched with longer texts, "the cat sat" is padded: padding must not reach its vector.
    batched = encoder.encode(["the cat sat on the mat at night", "the cat sat", "dogs bark"])
    assert np.allclose(batched[1], alone[0], atol=1e-6)
    assert np.allclose(np.linalg.norm(batched, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(batched[0], batched[1], atol=1e-3)  # different texts differ


def one_layer_too_many(folder: Path) -> None:
    (folder / "config.json").write_text('{"num_hidden_layers": 3, "num_attention_heads": 2}')


def embeddings_only(folder: Path) -> None:
    tensors = read_tensors(folder)
    write_safetensors(folder / "model.safetensors", {k: v for k, v in tensors.items()
                                                     if k.startswith("embeddings.")})  # fmt: skip


def fewer_words_than_the_tokenizer(folder: Path) -> None:
    tensors = read_tensors(folder)
    tensors["embeddings.word_embeddings.weight"] = np.zeros((3, 8), "<f4")  # 13 words
    write_safetensors(folder / "model.safetensors", tensors)


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda f: (f / "model.safetensors").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{"),
         "header runs past the end"),
        (lambda f: (f / "config.json").write_text("{}"), "num_hidden_layers"),
        (lambda f: (f / "tokenizer.json").write_text("not json"), "tokenizer"),
        (one_layer_too_many, "encoder.layer.2.intermediate.dense.weight is missing"),
        (embeddings_only, "encoder.layer.0.intermediate.dense.weight is missing"),
        (fewer_words_than_the_tokenizer, "not its own"),
    ],
)  # fmt: skip
def test_a_damaged_model_is_a_model_error_naming_its_folder(tiny_model, damage, said):
    damage(tiny_model)
    with pytest.raises(ModelError, match="cannot read the sentence model") as raised:
        SentenceEncoder(tiny_model)
    assert str(tiny_model) in str(raised.value) and said in str(raised.value)


@needs_model
def test_the_numpy_encoder_gives_the_reference_vectors():
    """Reference: sentence-transformers 6.2 on PyTorch 2.13 (CPU), the same model files,
    normalize_embeddings=True: the first six components of each vector."""
    reference = {
        "The cat sat on the mat.": [
            0.13023721, -0.01577282, -0.03671665, 0.05798642, -0.05979175, 0.03305371],
        "Where can I park my bike?": [
            0.071774, 0.07627385, -0.03229032, -0.01662726, 0.05218615, 0.03738445],
        "a": [-0.03643287, 0.03470344, -0.04595989, 0.03432554, -0.08082336, 0.03283862],
    }  # fmt: skip
    vectors = SentenceEncoder(REAL_MODEL).encode(list(reference))
    for vector, expected in zip(vectors, reference.values(), strict=True):
        assert np.allclose(vector[:6], expected, atol=1e-5)


# -- the KB's vectors, cached -----------------------------------------------------------------


def lazy(kb_path: Path, cache: Path | None, warnings: list[str]) -> meaning.LazyMeaning:
    index = build_index(load_kb(kb_path), Settings().index_settings())
    return meaning.LazyMeaning(index, lambda: cache, warnings.append)


@pytest.fixture
def encoded(monkeypatch) -> list[int]:
    """How many texts each call of the encoder encodes, in order."""
    calls: list[int] = []
    real_encode = SentenceEncoder.encode

    def counting_encode(self, texts, done=None):
        calls.append(len(texts))
        return real_encode(self, texts, done)

    monkeypatch.setattr(SentenceEncoder, "encode", counting_encode)
    return calls


def test_the_kbs_vectors_are_encoded_once_then_read_from_the_cache(
    tiny_model, small_kb, tmp_path, encoded
):
    cache = tmp_path / "cache" / "kb.meaning.npz"
    warnings: list[str] = []
    first = lazy(small_kb, cache, warnings).nearest("the cat sat on the mat")
    texts = sum(len(e.phrasings) + 1 for e in load_kb(small_kb).entries)  # and each answer
    assert encoded == [texts, 1] and cache.exists()
    encoded.clear()
    second = lazy(small_kb, cache, warnings).nearest("the cat sat on the mat")
    assert encoded == [1]  # the question only
    assert second == first and warnings == []
    entries = [entry for entry, _, _ in first]
    assert len(entries) == len(set(entries))  # each entry once, by its nearest phrasing


@pytest.mark.parametrize("damage", [b"", b"PK\x03\x04 not a zip", None])
def test_a_damaged_or_stale_cache_is_re_encoded_with_a_warning(
    tiny_model, small_kb, tmp_path, damage
):
    cache = tmp_path / "kb.meaning.npz"
    warnings: list[str] = []
    expected = lazy(small_kb, cache, warnings).nearest("dogs bark at night")
    if damage is None:  # whole, but for other phrasings
        np.savez(cache, model=np.array("x"), vectors=np.zeros((1, 8), "f4"), owners=np.zeros(1))
    else:
        cache.write_bytes(damage)
    assert lazy(small_kb, cache, warnings).nearest("dogs bark at night") == expected
    assert len(warnings) == 1 and "re-encoding" in warnings[0] and str(cache) in warnings[0]
    assert lazy(small_kb, cache, []).nearest("dogs bark at night") == expected  # rewritten


def test_an_unwritable_cache_only_means_encoding_each_run(tiny_model, small_kb, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    warnings: list[str] = []
    assert lazy(small_kb, blocker / "kb.meaning.npz", warnings).nearest("the cat sat")
    assert warnings == []


def test_without_the_extra_nothing_is_found(small_kb, monkeypatch):
    monkeypatch.setattr(sentence_encoder, "model_dir", lambda: None)
    assert lazy(small_kb, None, []).nearest("the cat sat") == []


def test_a_kb_of_too_many_phrasings_is_matched_by_words_alone(tiny_model, small_kb, monkeypatch):
    monkeypatch.setattr(meaning, "MAX_PHRASINGS", 2)  # the small KB has more
    assert lazy(small_kb, None, []).nearest("the cat sat") == []


def test_a_kb_too_long_to_encode_is_matched_by_words_alone(
    tiny_model, small_kb, tmp_path, encoded, monkeypatch
):
    # Few phrasings, but more words in all than encoding may take: nothing is encoded or
    # written; under the bar, the KB is encoded.
    monkeypatch.setattr(meaning, "MAX_WORDS_ENCODED", 5)
    cache = tmp_path / "kb.meaning.npz"
    assert lazy(small_kb, cache, []).nearest("the cat sat") == []
    assert encoded == [] and not cache.exists()
    monkeypatch.setattr(meaning, "MAX_WORDS_ENCODED", 10_000)
    assert lazy(small_kb, cache, []).nearest("the cat sat")
    assert cache.exists()


def test_unusable_vectors_of_a_kb_too_long_to_encode_say_words_go_on(
    tiny_model, small_kb, tmp_path, encoded, monkeypatch
):
    monkeypatch.setattr(meaning, "MAX_WORDS_ENCODED", 5)
    cache = tmp_path / "kb.meaning.npz"
    cache.write_bytes(b"not vectors")
    warnings: list[str] = []
    assert lazy(small_kb, cache, warnings).nearest("the cat sat") == []
    assert encoded == [] and len(warnings) == 1
    assert "matching by words only" in warnings[0] and "re-encoding" not in warnings[0]


def test_a_damaged_model_is_said_once_and_words_go_on(tiny_model, small_kb):
    (tiny_model / "config.json").write_text("{}")
    warnings: list[str] = []
    found = lazy(small_kb, None, warnings)
    assert found.nearest("the cat sat") == [] and found.nearest("dogs bark") == []
    assert len(warnings) == 1 and "matching by words only" in warnings[0]


# -- the matcher's use of it ------------------------------------------------------------------


class Nearest:
    """Meaning as a test decides it: fixed (entry id, similarity) pairs, the similarity of an
    entry not among them being `elsewhere`; counts its calls. A word the KB never uses comes
    `word_similarity` near a word of any entry: by default near enough for an answer by
    meaning, not for one by words (see Settings.meaning_same_word). A question with a word
    taken out (asked with `with_answer`, where `without` is given) comes `without` near.
    `swapped`, if given: how alike the question is with that word ("noon") in the rare word's
    place, and without the rare word; else nothing is alike."""

    def __init__(
        self,
        matcher: Matcher,
        pairs: list[tuple[str, float]],
        word_similarity: float = 0.55,
        elsewhere: float = 1.0,
        without: float | None = None,
        answers: dict[str, float] | None = None,
        swapped: tuple[float, float] | None = None,
    ) -> None:
        ids = [ie.entry.id for ie in matcher.index.entries]
        self.swapped = swapped
        self.alike_asked: list[str] = []  # the questions compared, as changed
        self.answers = answers or {}  # entry id -> similarity to its answer, where asked
        self.similarity_of_words = word_similarity
        self.words_asked: list[str] = []
        self.found = [(ids.index(i), s, matcher.index.entries[ids.index(i)].phrasings[0].text)
                      for i, s in pairs]  # fmt: skip
        self.elsewhere = elsewhere
        self.without = without
        self.asked_without: list[str] = []  # the questions asked with a word taken out
        self.entries = matcher.index.entries
        self.calls = 0  # nearest
        self.checked: list[str] = []  # the entries `similarity` was asked about
        self.ahead: list[list[str]] = []  # the batches of questions encoded ahead

    def nearest(self, question: str) -> list[tuple[int, float, str]]:
        self.calls += 1
        return self.found

    def similarity(self, question: str, entry: int, with_answer: bool = False) -> float | None:
        found = next((s for i, s, _ in self.found if i == entry), self.elsewhere)
        if with_answer and self.without is not None:
            self.asked_without.append(question)
            return self.without
        entry_id = self.entries[entry].entry.id
        self.checked.append(entry_id)
        return max(found, self.answers.get(entry_id, 0.0)) if with_answer else found

    def nearest_word(self, word: str, text: str) -> tuple[float, str]:
        self.words_asked.append(word)
        return self.similarity_of_words, "noon"

    def alike(self, text: str, other: str) -> float:
        self.alike_asked.append(other)
        if self.swapped is None:
            return 0.0
        return self.swapped[0] if "noon" in other else self.swapped[1]

    def similarities(self, question: str) -> np.ndarray:
        # as `similarity` with its answer, but not counted among the entries checked
        found = {i: s for i, s, _ in self.found}
        return np.array([
            max(found.get(i, self.elsewhere), self.answers.get(ie.entry.id, 0.0))
            for i, ie in enumerate(self.entries)
        ])  # fmt: skip

    def encode_ahead(self, questions: list[str]) -> None:
        self.ahead.append(questions)


@pytest.fixture
def bakery(write_kb) -> Matcher:
    # Its ids repeat its questions' words: the signals below are weighed on the words of the
    # entries' own phrasings, as the numbers in their comments say (ids: test_plain_kb.py).
    return Matcher(load_kb(write_kb(BAKERY, article=None)), Settings(read_ids=False))


def with_meaning(
    matcher: Matcher,
    pairs: list[tuple[str, float]],
    words: float = 0.55,
    elsewhere: float = 1.0,
    without: float | None = None,
    answers: dict[str, float] | None = None,
    swapped: tuple[float, float] | None = None,
) -> Nearest:
    matcher.meaning = stub = Nearest(matcher, pairs, words, elsewhere, without, answers, swapped)
    return stub


def test_an_answer_words_are_sure_of_never_asks_meaning(bakery):
    # The question is the entry's phrasing: words are sure, and no model need be loaded.
    stub = with_meaning(bakery, [("parking", 0.9)], elsewhere=0.0)
    result = bakery.match("Do you sell gluten-free bread?")
    assert result.answer.entry.id == "gluten" and result.answer.meaning is None
    assert stub.calls == 0 and stub.checked == []


def test_an_answer_the_words_of_its_id_found_is_checked_by_meaning(write_kb):
    # "Refunds?" is the id's words whole: words alone would be sure of it, but an id says
    # what an entry is about out of any sentence, and meaning is asked all the same
    matcher = Matcher(load_kb(write_kb(NAMED_SHOP, article=None)))
    words_only = matcher.match("Refunds?")
    assert words_only.answer.entry.id == "refunds" and words_only.answer.explained.by_id
    assert words_only.answer.phrasing_score >= matcher.settings.words_sure
    stub = with_meaning(matcher, [("refunds", 0.3)])
    result = matcher.match("Refunds?")
    assert stub.checked == ["refunds"] and not result.answered


def test_an_answer_words_find_is_kept_when_its_meaning_agrees(bakery):
    question = "Which days do you sell your gluten-free loaves?"
    stub = with_meaning(bakery, [("gluten", 0.4)])
    result = bakery.match(question)
    assert result.answer.entry.id == "gluten" and result.answer.meaning is None
    # near enough; then no entry on another subject is clearly nearer
    assert stub.checked[:1] == ["gluten"] and stub.calls == 1


@pytest.mark.parametrize(("opening", "answered"), [(0.7, "opening"), (0.55, "gluten")])
def test_an_answer_words_find_yields_to_an_entry_clearly_nearer_in_meaning(
    bakery, opening, answered
):
    # Near enough to its words' entry (0.45), but 0.25 nearer another entry: meaning's
    # answer, when it clears meaning's own bars; 0.1 nearer is no reason to doubt words.
    question = "Which days do you sell your gluten-free loaves?"
    with_meaning(bakery, [("opening", opening), ("gluten", 0.45)])
    result = bakery.match(question)
    assert result.answer.entry.id == answered
    if answered == "opening":
        assert "its meaning is nearer opening: similarity 0.70 against 0.45" in result.reason


def test_an_answer_words_find_is_declined_when_another_entry_is_clearly_nearer(bakery):
    # Near enough to its words' entry, 0.16 nearer another, itself under meaning's own bar
    # of 0.6: no answer, and why
    question = "Which days do you sell your gluten-free loaves?"
    with_meaning(bakery, [("opening", 0.58), ("gluten", 0.42)])
    result = bakery.match(question)
    assert result.answer is None
    assert "its meaning is nearer opening: similarity 0.58 against 0.42" in result.reason


def test_an_answer_words_find_is_declined_when_its_meaning_is_far(bakery):
    question = "Which days do you sell your gluten-free loaves?"
    assert bakery.match(question).answer.entry.id == "gluten"  # words alone
    with_meaning(bakery, [("gluten", 0.39), ("parking", 0.2)])
    result = bakery.match(question)
    assert result.answer is None
    assert "words point to gluten" in result.reason and "similarity 0.39" in result.reason
    # and the suggestions still name it, for the user to judge
    assert [c.entry.id for c in result.suggestions][:1] == ["gluten"]


@pytest.mark.parametrize(("answer_terms", "kept"), [(30, True), (5, False)])
def test_an_answer_words_find_may_agree_in_meaning_with_its_short_answer(
    write_kb, answer_terms, kept
):
    # Far from the entry's one phrasing, near its answer of a sentence (11 terms): that
    # answer says what the entry is about, as a phrasing does; a longer one than
    # agreement_answer_terms does not.
    settings = Settings(agreement_answer_terms=answer_terms)
    matcher = Matcher(load_kb(write_kb(BAKERY, article=None)), settings)
    question = "Which days do you sell your gluten-free loaves?"
    with_meaning(matcher, [("gluten", 0.3), ("parking", 0.2)], answers={"gluten": 0.5})
    result = matcher.match(question)
    assert (result.answer is not None and result.answer.entry.id == "gluten") is kept
    if not kept:
        assert "similarity 0.30 to its nearest phrasing " in result.reason


def test_an_answer_meaning_doubts_can_go_to_the_entry_it_means(bakery):
    # Declined by the check, the question is looked up by meaning like any other declined one.
    with_meaning(bakery, [("opening", 0.7), ("gluten", 0.1)])
    result = bakery.match("Which days do you sell your gluten-free loaves?")
    assert result.answer.entry.id == "opening" and result.answer.meaning == pytest.approx(0.7)
    assert "its meaning does not" in result.reason


def test_a_batch_encodes_ahead_together_the_questions_meaning_will_weigh(bakery):
    sure = "Do you sell gluten-free bread?"  # a phrasing said whole: words are sure
    checked = "Which days do you sell your gluten-free loaves?"  # words answer, meaning checks
    declined = "On Sunday mornings, are you open?"  # words decline, meaning is asked
    questions = [sure, checked, declined, sure]
    one_by_one = [bakery.match(q) for q in questions]  # words alone
    with_meaning(bakery, [("gluten", 0.2)])
    alone = [bakery.match(q) for q in questions]
    stub = with_meaning(bakery, [("gluten", 0.2)])
    together = bakery.match_all(questions)
    assert stub.ahead == [[checked, declined]]
    assert together == alone
    # the stub's far meaning declines what words were not sure of, the sure one stays
    assert [r.answered for r in together] == [True, False, False, True]
    assert [r.answered for r in one_by_one] == [True, True, False, True]


def test_a_batch_of_one_or_of_questions_words_are_sure_of_encodes_nothing_ahead(bakery):
    stub = with_meaning(bakery, [("gluten", 0.9)])
    bakery.match_all(["On Sunday mornings, are you open?"])
    bakery.match_all(["Do you sell gluten-free bread?", "When do you open?"])
    assert stub.ahead == []


def test_questions_encoded_ahead_are_not_encoded_again_and_find_what_they_find_alone(
    tiny_model, small_kb, encoded
):
    questions = ["the cat sat on the mat", "dogs bark", "the cat sat"]
    alone = [lazy(small_kb, None, []).nearest(q) for q in questions]
    ahead = lazy(small_kb, None, [])
    ahead.prepare()  # the KB's own phrasings encoded
    encoded.clear()
    ahead.encode_ahead(questions)
    found = [ahead.nearest(q) for q in questions]
    assert encoded == [3]  # one batch, and nothing more
    for a, b in zip(alone, found, strict=True):
        assert [(i, text) for i, _, text in a] == [(i, text) for i, _, text in b]
        assert [s for _, s, _ in a] == pytest.approx([s for _, s, _ in b], abs=1e-6)


def test_a_question_asked_again_is_encoded_once_while_it_is_among_the_latest(
    tiny_model, small_kb, encoded, monkeypatch
):
    monkeypatch.setattr(meaning, "QUESTIONS_KEPT", 3)
    alone = lazy(small_kb, None, []).nearest("dogs bark")
    ahead = lazy(small_kb, None, [])
    ahead.prepare()
    encoded.clear()
    ahead.encode_ahead(["dogs bark", "the cat sat", "dogs bark", "dogs bark"])
    assert encoded == [2]  # within a batch
    ahead.encode_ahead(["the cat sat", "a bird", "dogs bark"])
    assert encoded == [2, 1]  # and in the batches after it
    found = ahead.nearest("dogs bark")
    assert encoded == [2, 1]
    assert [(i, text) for i, _, text in found] == [(i, text) for i, _, text in alone]
    assert [s for _, s, _ in found] == pytest.approx([s for _, s, _ in alone], abs=1e-6)
    # Kept from the oldest asked: "the cat sat", "a bird", "dogs bark" (in the last batch).
    ahead.nearest("a fish")  # the fourth: the oldest, "the cat sat", is forgotten
    ahead.nearest("dogs bark")
    assert encoded == [2, 1, 1]
    ahead.nearest("the cat sat")
    assert encoded == [2, 1, 1, 1]
    # A batch of more questions than are kept, "dogs bark" among them, is kept whole until
    # they are asked.
    batch = ["one", "two", "three", "dogs bark", "four"]
    ahead.encode_ahead(batch)
    for question in batch:
        ahead.nearest(question)
    assert encoded == [2, 1, 1, 1, 4]


def test_a_threshold_of_zero_answers_whatever_meaning_says(write_kb):
    matcher = Matcher(load_kb(write_kb(BAKERY, article=None)), Settings(threshold=0))
    stub = with_meaning(matcher, [], elsewhere=0.0)
    assert matcher.match("Which days do you sell your gluten-free loaves?").answered
    assert stub.checked == []


class FixedEncoder:
    """An encoder that knows each text's vector beforehand."""

    model_id = "fixed"

    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self.vectors = vectors

    def encode(self, texts: list[str], done=None) -> np.ndarray:
        return np.array([self.vectors[t] for t in texts], dtype=np.float32)


def test_an_entry_is_found_by_its_answer_but_checked_by_its_phrasings():
    # Two entries: phrasings "how much" and "where is it", then their answers.
    texts = ["how much", "where is it", "It costs 4 dollars.", "On Main Street."]
    vectors = np.array([[1, 0, 0], [0, 1, 0], [0.6, 0.8, 0], [0, 0.6, 0.8]], dtype=np.float32)
    question = "what street?"
    found = meaning.Meaning(
        FixedEncoder({question: [0, 0, 1]}), texts, vectors, np.array([0, 1, 0, 1]), 2
    )
    nearest = found.nearest(question)
    assert nearest[0] == (1, pytest.approx(0.8), "On Main Street.")  # by its answer
    assert found.similarity(question, 1) == pytest.approx(0.0)  # its phrasing is far
    assert found.similarity(question, 0) == pytest.approx(0.0)


def test_the_reason_says_when_meaning_found_the_entry_by_its_answer(bakery):
    stub = with_meaning(bakery, [("opening", 0.7), ("parking", 0.3)])
    index, similarity, _ = stub.found[0]
    stub.found[0] = (index, similarity, bakery.index.entries[index].entry.answer)
    result = bakery.match("On Sunday mornings, are you open?")
    assert result.answer.entry.id == "opening"
    assert "similarity 0.70 to its answer 'Every day from 7 a.m." in result.reason


def test_a_question_words_decline_is_answered_by_a_near_clear_meaning(bakery):
    question = "On Sunday mornings, are you open?"
    assert not bakery.match(question).answered  # words alone: 'mornings' is unknown
    with_meaning(bakery, [("opening", 0.7), ("parking", 0.3)])
    result = bakery.match(question)
    assert result.answer.entry.id == "opening" and result.answer.meaning == pytest.approx(0.7)
    assert result.answer.confidence == pytest.approx(70)
    assert "means what opening asks" in result.reason and "0.40 ahead of parking" in result.reason
    assert "never mentions 'mornings'" in result.reason  # what words alone said stays


@pytest.mark.parametrize(
    "pairs",
    [
        [("opening", 0.59), ("parking", 0.1)],  # not near enough
        [("opening", 0.7), ("parking", 0.56)],  # not clearly the nearest
    ],
)
def test_a_meaning_that_is_far_or_unclear_leaves_the_question_declined(bakery, pairs):
    with_meaning(bakery, pairs)
    assert not bakery.match("On Sunday mornings, are you open?").answered


@pytest.mark.parametrize(("near", "answered"), [(0.55, True), (0.45, False)])
def test_a_rare_word_the_kb_never_uses_needs_a_near_word_in_the_entry(bakery, near, answered):
    # "When does the museum open?" is no question for a bakery's hours, however alike the two
    # sentences: 'museum' must come near a word of the entry, not only its frame.
    stub = with_meaning(bakery, [("opening", 0.7), ("parking", 0.3)], words=near)
    result = bakery.match("On Sunday mornings, are you open?")
    assert result.answered is answered
    assert set(stub.words_asked) == {"mornings"}
    if answered:
        assert result.answer.meaning == pytest.approx(0.7)  # by meaning, not by words


@pytest.mark.parametrize(("near", "answered"), [(0.6, True), (0.55, False)])
def test_a_rare_word_said_in_other_words_does_not_decline_what_words_answer(bakery, near, answered):
    # Words rank the hours first, well over the threshold; only 'mornings', which the KB never
    # uses, declines. The question as a whole is not near enough to answer by meaning (0.5),
    # but 'mornings' is near a word of the entry: the same thing said in other words.
    question = "When do you open on Sunday mornings?"
    assert "never mentions 'mornings'" in bakery.match(question).reason
    stub = with_meaning(bakery, [("opening", 0.5), ("parking", 0.1)], words=near)
    result = bakery.match(question)
    assert result.answered is answered
    if answered:
        assert result.answer.entry.id == "opening" and result.answer.meaning is None
        assert "'mornings' comes near 'noon' in meaning (0.60)" in result.reason
        assert stub.checked == ["opening"]  # and the question agreed with it (0.5 >= 0.4)
    else:
        assert "never mentions 'mornings'" in result.reason


@pytest.mark.parametrize(
    ("swapped", "answered"),
    [
        ((0.93, 0.88), True),  # 'noon' in its place: nearly the question, and more than without
        ((0.89, 0.80), False),  # not alike enough with 'noon'
        ((0.93, 0.95), False),  # alike, but the question hardly moves without the word
        ((0.93, 0.93), False),
        ((0.93, 0.927), False),  # 'noon' gives back under 0.05 of what 'mornings' gave
    ],
)
def test_a_rare_word_read_as_the_entrys_word_in_the_question(bakery, swapped, answered):
    # 'mornings' comes 0.55 near 'noon' alone, under the bar words' answers need (0.6). In
    # the question it may still say 'noon': the question with 'noon' in its place must mean
    # nearly what it meant, and 'noon' must give back a good part of what taking 'mornings'
    # out loses.
    question = "When do you open on Sunday mornings?"
    stub = with_meaning(bakery, [("opening", 0.5), ("parking", 0.1)], swapped=swapped)
    result = bakery.match(question)
    assert result.answered is answered
    assert stub.alike_asked[0] == "When do you open on Sunday noon?"
    if answered:
        assert result.answer.entry.id == "opening" and result.answer.meaning is None
        assert (
            f"'mornings' says 'noon' in the question ({swapped[0]:.2f} alike with 'noon', "
            f"{swapped[1]:.2f} without 'mornings')"
        ) in result.reason
    else:
        assert "never mentions 'mornings'" in result.reason
        # --explain says how alike the question came with 'noon', and without 'mornings'
        assert (
            "'mornings' comes near no word of opening (nearest 'noon', 0.55; the question "
            f"{swapped[0]:.2f} alike with 'noon'"
        ) in result.meaning
        if swapped[0] >= 0.9:
            assert f"{swapped[1]:.2f} without 'mornings')" in result.meaning


def test_a_rare_word_said_in_other_words_leaves_every_other_rule_in_force(bakery):
    question = "When do you open on Sunday mornings?"
    # The question far from the entry in meaning: declined, as any answer words find.
    stub = with_meaning(bakery, [("opening", 0.3), ("parking", 0.1)], words=0.9)
    assert not bakery.match(question).answered and stub.checked == ["opening"]
    # Under the threshold without the rare word: declined for it.
    strict = Matcher(
        bakery.index, Settings(threshold=bakery.match(question).candidates[0].confidence + 1)
    )
    with_meaning(strict, [("opening", 0.5), ("parking", 0.1)], words=0.9)
    assert not strict.match(question).answered


def test_words_and_meaning_agreeing_answer_what_neither_answers_alone(bakery):
    # Words rank the hours first but decline them for 'mornings', which the KB never uses and
    # which comes near no word of the entry (0.45): meaning alone would not answer either.
    # Both rank the hours first, the question comes 0.75 near them, and 'mornings' brings it
    # nearer (0.7 without it): the hours are the answer.
    question = "When do you open on Sunday mornings?"
    assert bakery.match(question).candidates[0].entry.id == "opening"
    stub = with_meaning(bakery, [("opening", 0.75), ("parking", 0.3)], words=0.45, without=0.7)
    result = bakery.match(question)
    assert result.answer.entry.id == "opening" and result.answer.meaning == pytest.approx(0.75)
    assert "its words and its meaning both point to opening" in result.reason
    assert "'mornings' brings it nearer (0.70 without)" in result.reason
    assert stub.asked_without == ["When do you open on Sunday ?"]


@pytest.mark.parametrize(
    ("pairs", "without", "why_not"),
    [
        # not near enough (words lead clearly: no other entry shares a topic word)
        ([("opening", 0.69), ("parking", 0.3)], 0.6, "needs similarity 0.7 and a lead of 0.08"),
        # not clearly the nearest, even with words leading clearly
        ([("opening", 0.75), ("parking", 0.68)], 0.6, "needs similarity 0.7 and a lead of 0.08"),
        # 'mornings' brings it no nearer, or takes it further away
        ([("opening", 0.75), ("parking", 0.3)], 0.745, "'mornings' does not bring it nearer"),
        ([("opening", 0.75), ("parking", 0.3)], 0.8, "'mornings' does not bring it nearer"),
        # meaning ranks another entry first
        ([("parking", 0.75), ("opening", 0.3)], 0.6, "words rank opening first"),
    ],
)
def test_words_and_meaning_must_agree_clearly_for_it(bakery, pairs, without, why_not):
    with_meaning(bakery, pairs, words=0.45, without=without)
    result = bakery.match("When do you open on Sunday mornings?")
    assert not result.answered and "never mentions 'mornings'" in result.reason
    # --explain says which entry meaning found nearest, and why it is not the answer
    nearest, similarity = pairs[0]
    assert result.meaning.startswith(f"{nearest} is nearest, similarity {similarity:.2f}")
    assert why_not in result.meaning
    assert (
        "'mornings' comes near no word of opening (nearest 'noon', 0.45; the question 0.00 "
        "alike with 'noon')"
    ) in result.meaning


def test_a_declined_question_shows_meanings_view_in_explain_alone(bakery):
    from faqbot.renderers.jsonl import explanation
    from faqbot.renderers.plain import explanation_lines

    question = "On Sunday mornings, are you open?"
    assert bakery.match(question).meaning is None  # words only: no meaning to tell of
    with_meaning(bakery, [("opening", 0.7), ("parking", 0.65)])
    declined = bakery.match(question)
    assert declined.meaning == (
        "opening is nearest, similarity 0.70 to its phrasing 'When do you open?', 0.05 ahead of "
        "parking; not the answer: alone, meaning needs similarity 0.6 and a lead of 0.15; "
        "with words ranking it first, meaning needs similarity 0.7 and a lead of 0.08; "
        "'mornings' comes near no word of opening (nearest 'noon', 0.55; the question 0.00 "
        "alike with 'noon')"
    )
    assert explanation_lines(declined)[1] == f"meaning: {declined.meaning}"
    assert explanation(declined)["meaning"] == declined.meaning
    with_meaning(bakery, [("opening", 0.7), ("parking", 0.3)])
    answered = bakery.match(question)
    assert answered.answered and answered.meaning is None
    assert explanation(answered)["meaning"] is None
    assert not any(line.startswith("meaning:") for line in explanation_lines(answered))


@pytest.mark.parametrize(("near", "answered"), [(0.62, True), (0.59, False)])
def test_agreeing_on_a_question_in_the_kbs_own_words_needs_only_meanings_bar(
    bakery, near, answered
):
    # Every word of the question is the KB's; words rank the hours first, under the
    # threshold. A lead of 0.14 is too little for meaning alone (0.15), enough for both.
    question = "Is it every day?"
    worded = bakery.match(question)
    assert worded.candidates[0].entry.id == "opening" and "under the threshold" in worded.reason
    with_meaning(bakery, [("opening", near), ("parking", near - 0.14)])
    result = bakery.match(question)
    assert result.answered is answered
    if answered:
        assert "its words and its meaning both point to opening" in result.reason


@pytest.mark.parametrize(
    ("question", "words_ahead"),
    [
        ("Every day?", True),  # the hours 19.2, the bread 10.0: words lead clearly
        ("Is it every day?", False),  # 14.3 against 12.5: words barely lead
    ],
)
def test_agreeing_with_a_smaller_lead_in_meaning_needs_a_clear_lead_in_words(
    bakery, question, words_ahead
):
    worded = bakery.match(question)
    best, rival = worded.candidates[:2]
    assert best.entry.id == "opening" and "under the threshold" in worded.reason
    assert (best.confidence >= 1.5 * rival.confidence) is words_ahead
    # Meaning leads by 0.1: under the 0.13 two signals need, over the 0.08 they need where
    # words lead by half as much again.
    with_meaning(bakery, [("opening", 0.7), ("parking", 0.6)])
    result = bakery.match(question)
    assert result.answered is words_ahead
    if words_ahead:
        assert "both point to opening" in result.reason
        assert "words lead too (19.2 against gluten's 10)" in result.reason
    else:
        assert "a lead of 0.13 (0.08 where words lead 1.5 times its rival)" in result.meaning
    # A lead of 0.14 is enough either way, and then the words' lead goes unmentioned.
    with_meaning(bakery, [("opening", 0.74), ("parking", 0.6)])
    result = bakery.match(question)
    assert result.answered and "words lead too" not in result.reason


def test_words_lead_clearly_where_no_other_entry_shares_a_topic_word(bakery):
    # Only the hours share a topic word with the question; 'mornings' declines it for words.
    # Meaning leads by 0.1 and 'mornings' brings it nearer: the hours, with both said.
    question = "When do you open on Sunday mornings?"
    assert [c.entry.id for c in bakery.match(question).candidates] == ["opening"]
    with_meaning(bakery, [("opening", 0.75), ("parking", 0.65)], words=0.45, without=0.7)
    result = bakery.match(question)
    assert result.answer.entry.id == "opening"
    assert result.reason.startswith(
        "its words and its meaning both point to opening: similarity 0.75 to its phrasing "
        "'When do you open?', 0.10 ahead of parking; words lead too (no other entry shares a "
        "topic word); 'mornings' brings it nearer (0.70 without)"
    )


def test_a_rare_word_keeps_the_higher_bar_for_agreement(bakery):
    # The same nearness (0.62, ahead by 0.2) with a rare word the KB never uses, which
    # brings the question nearer: short of the 0.7 a rare word asks for.
    with_meaning(bakery, [("opening", 0.62), ("parking", 0.42)], words=0.45, without=0.5)
    result = bakery.match("When do you open on Sunday mornings?")
    assert not result.answered and "never mentions 'mornings'" in result.reason


# The hours asked in common words the bakery never writes ("hour", "morning"): words rank
# the hours first on "open" alone, under a threshold set for it (the bakery's own would
# answer it).
IN_OTHER_COMMON_WORDS = "What hour do your doors open each morning?"


def strict(bakery: Matcher, **settings: float) -> Matcher:
    return Matcher(bakery.index, Settings(**{"threshold": 35, **settings}))


@pytest.mark.parametrize(("near", "answered"), [(0.6, True), (0.55, False)])
def test_a_common_word_the_kb_never_uses_is_read_as_the_entrys_word(bakery, near, answered):
    # 'morning' is no rare word, and declines nothing; but it weighs what the KB cannot
    # explain. Where it comes near a word of the entry words and meaning both rank first,
    # the question is read with that word in its place, and ranked again.
    matcher = strict(bakery)
    worded = matcher.match(IN_OTHER_COMMON_WORDS)
    assert worded.candidates[0].entry.id == "opening" and "under the threshold" in worded.reason
    stub = with_meaning(matcher, [("opening", 0.5), ("parking", 0.1)], words=near)
    result = matcher.match(IN_OTHER_COMMON_WORDS)
    assert result.answered is answered
    assert "morning" in stub.words_asked
    if answered:
        assert result.answer.entry.id == "opening" and result.answer.meaning is None
        assert result.answer.confidence > worded.candidates[0].confidence >= 0
        assert result.reason.startswith("read in its words, confidence")
        assert "'morning' comes near 'noon' in meaning (0.60)" in result.reason
    else:
        assert "no word it never uses says a word of opening" in result.meaning


def test_a_question_too_far_in_meaning_for_words_answers_is_not_read(bakery):
    # Words' answers need the question 0.4 near the entry in meaning (_meaning_doubts): one
    # that comes nearer no entry is not read at all, and no word of it is looked up.
    matcher = strict(bakery)
    stub = with_meaning(matcher, [("opening", 0.3), ("parking", 0.1)], words=0.9)
    result = matcher.match(IN_OTHER_COMMON_WORDS)
    assert not result.answered
    assert "too far in meaning to read in its words: similarity 0.30" in result.meaning
    assert stub.words_asked == []


@pytest.mark.parametrize(("near", "answered"), [(0.5, True), (0.35, False)])
def test_a_question_is_read_in_the_words_of_the_entry_nearest_in_meaning(bakery, near, answered):
    # Words rank the car park first (23.2, under the threshold); meaning ranks the hours
    # first. Read in the hours' words, the question is the hours' by words too (29.6): the
    # answer, where the question is near enough to them in meaning for words' answers.
    question = "Car park open early morning?"
    matcher = strict(bakery, threshold=29, min_margin=0.0)
    assert matcher.match(question).candidates[0].entry.id == "parking"
    with_meaning(matcher, [("opening", near), ("parking", 0.1)], words=0.9)
    result = matcher.match(question)
    assert result.answered is answered
    if answered:
        assert result.answer.entry.id == "opening" and "read in its words" in result.reason
    else:
        assert "too far in meaning to read in its words: similarity 0.35" in result.meaning


def test_a_question_read_in_an_entrys_words_must_then_be_that_entrys_by_words(bakery):
    matcher = strict(bakery)
    with_meaning(matcher, [("parking", 0.5), ("opening", 0.1)], words=0.9)
    result = matcher.match(IN_OTHER_COMMON_WORDS)
    assert not result.answered
    assert "(0.90)), words rank opening first" in result.meaning


def test_a_question_of_no_word_the_kb_uses_is_not_read_in_its_words(bakery):
    question = "Is the morning quiet?"
    matcher = strict(bakery)
    assert not matcher.match(question).candidates
    stub = with_meaning(matcher, [("opening", 0.5), ("parking", 0.1)], words=0.9)
    assert not matcher.match(question).answered
    assert stub.words_asked == []


def test_a_kb_of_users_messages_is_not_read_in_its_own_words(bakery):
    # One phrasing an entry read as users' messages: their words the KB never uses are the
    # rule there, not a sign of another wording (Settings.many_phrasings).
    matcher = strict(bakery, many_phrasings=1)
    assert matcher.shows_how_users_ask
    stub = with_meaning(matcher, [("opening", 0.5), ("parking", 0.1)], words=0.9)
    assert not matcher.match(IN_OTHER_COMMON_WORDS).answered
    assert stub.words_asked == []


# Words rank the car park first (35.0) and the hours second (24.0), under a threshold of 60;
# meaning ranks them the same way, too close together to answer alone or to confirm words.
CAR_PARK_ON_SUNDAY = "Is the car park open on Sunday?"


@pytest.mark.parametrize(
    ("parking", "answered", "said"),
    [
        # 0.5 x 0.35 + 0.5 x 0.72 = 0.535, 0.105 ahead of the hours' 0.5 x 0.24 + 0.5 x 0.62
        (0.72, True, "0.5 x its confidence 35 / 100 + 0.5 x its similarity 0.72 = 0.54, 0.11 "
         "ahead of opening"),
        (0.68, False, "rank parking first at 0.52, 0.09 ahead of opening (an answer needs 0.5 "
         "and a lead of 0.1)"),
        (0.58, False, "rank parking first at 0.47"),
    ],
)  # fmt: skip
def test_words_and_meaning_together_answer_where_neither_does_alone(
    bakery, parking, answered, said
):
    matcher = strict(bakery, threshold=60)
    worded = matcher.match(CAR_PARK_ON_SUNDAY)
    assert [(c.entry.id, round(c.confidence, 1)) for c in worded.candidates[:2]] == [
        ("parking", 35.0),
        ("opening", 24.0),
    ]
    with_meaning(matcher, [("parking", parking), ("opening", 0.62)], elsewhere=0.0)
    result = matcher.match(CAR_PARK_ON_SUNDAY)
    assert result.answered is answered
    if answered:
        assert result.answer.entry.id == "parking"
        assert result.answer.confidence == pytest.approx(100 * (0.35 + parking) / 2, abs=0.1)
        assert result.reason == "words and meaning together rank parking first: " + said
    else:
        assert "together, words and meaning " + said in result.meaning


def test_words_and_meaning_together_do_not_weigh_a_rare_word_the_kb_never_uses(bakery):
    # The question with a rare word the KB never uses (words: 29.6 and 20.3): together,
    # the car park would lead by 0.11 (0.56 against 0.45), but the rare-word rules weigh it,
    # and neither answers (meaning leads by 0.12, short of confirming words' 0.13).
    matcher = strict(bakery, threshold=60)
    with_meaning(matcher, [("parking", 0.82), ("opening", 0.7)], elsewhere=0.0)
    result = matcher.match("Is the caravan car park open on Sunday?")
    assert not result.answered and "together" not in result.meaning


def test_words_and_meaning_together_do_not_answer_what_meaning_doubted(bakery):
    # Words answer the cakes (62.2); meaning doubts it, 0.2 nearer the deliveries, but
    # answers nothing itself (0.08 ahead of the bread). Together, the cakes would lead
    # (0.56 against 0.35): meaning's doubt stands.
    question = "Can I park when I order a cake?"
    matcher = strict(bakery)
    assert matcher.match(question).answer.entry.id == "cakes"
    with_meaning(matcher, [("delivery", 0.7), ("gluten", 0.62), ("cakes", 0.5)], elsewhere=0.0)
    result = matcher.match(question)
    assert not result.answered and "together" not in result.meaning


def test_words_and_meaning_together_leave_a_kb_of_users_messages_be(bakery):
    matcher = strict(bakery, threshold=60, many_phrasings=1)
    with_meaning(matcher, [("parking", 0.72), ("opening", 0.62)], elsewhere=0.0)
    result = matcher.match(CAR_PARK_ON_SUNDAY)
    assert not result.answered and "together" not in (result.meaning or "")


def test_a_word_is_read_in_the_question_as_written_and_nowhere_else():
    from faqbot.meaning_signals import _with_whole_word

    assert (
        _with_whole_word("Can I PAY with payment cards? pay!", "pay", "paid")
        == "Can I paid with payment cards? paid!"
    )


def test_a_word_is_taken_out_of_a_question_whatever_its_ending_or_case():
    assert _without_word("What are the Museum's opening hours?", "museum") == (
        "What are the 's opening hours?"
    )
    assert _without_word("museums, museum", "museum") == ", "


def test_entries_resting_on_one_source_are_no_rivals_in_meaning(bakery):
    # Two entries quoting one sentence give compatible answers: a close second is no doubt.
    with_meaning(bakery, [("cakes", 0.7), ("cake-prices", 0.68), ("parking", 0.2)])
    result = bakery.match("Do you do celebration gateaux?")
    assert result.answer.entry.id == "cakes" and "ahead of parking" in result.reason


def test_meaning_can_be_turned_off_in_the_settings(write_kb, monkeypatch):
    from faqbot import answering

    kb = write_kb(BAKERY, article=None)
    assert answering.matcher_for(kb, Settings(), use_cache=False).meaning is not None
    assert answering.matcher_for(kb, Settings(meaning=False), use_cache=False).meaning is None


# -- the whole path, on the real model ---------------------------------------------------------


@needs_model
def test_the_cli_answers_a_rewording_by_meaning_and_declines_another_subject(write_kb):
    import subprocess

    kb = write_kb(BAKERY, article=None)
    faqbot = [sys.executable, "-m", "faqbot", "ask", "--json", "--kb", str(kb), "-"]
    asked = [
        "On Sunday mornings, are you open?",  # 'mornings' -> 'noon': the opening hours
        "Who won the football match last night?",  # near nothing
        # Near an entry as sentences (0.68, 0.73), but 'clown' and 'pizza' are near no word
        # of it: other subjects in the same words.
        "Can I order a birthday clown?",
        "Do you deliver pizza?",
        # Words point to the gluten-free bread ("Do you sell"): meaning says otherwise (0.31).
        "Do you sell cars?",
        # Words find it, and meaning agrees: kept.
        "Which days do you sell your gluten-free loaves?",
        # Words decline; meaning finds it by its answer (0.75), which says what it asks.
        "Is the sourdough baked on Tuesdays?",
    ]
    result = subprocess.run(
        faqbot, input="\n".join(asked) + "\n", capture_output=True, text=True, timeout=120
    )
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["match"]["id"] == "opening" and records[0]["match"]["by"] == "meaning"
    assert 60 <= records[0]["match"]["score"] <= 100
    assert [r["match"] for r in records[1:-2]] == [None, None, None, None]
    assert records[-2]["match"]["id"] == "gluten" and records[-2]["match"]["by"] == "words"
    assert records[-1]["match"]["id"] == "gluten" and records[-1]["match"]["by"] == "meaning"
    assert result.returncode == 1 and result.stderr == ""


@needs_model
def test_a_word_is_said_in_other_words_by_a_word_that_names_something():
    # "sell" is nearer "do" (0.51) than any word of the question about donations; a function
    # word says nothing of what is asked, so the nearest word is one that names something
    from faqbot.analysis import english

    encoder = SentenceEncoder(REAL_MODEL)
    empty = np.zeros((0, encoder.dimensions), dtype=np.float32)
    found = meaning.Meaning(encoder, [], empty, np.zeros(0, dtype=np.int32), 0)
    for word, text in [("sell", "Do you accept book donations?"), ("buy", "Can I get a card?")]:
        similarity, near = found.nearest_word(word, text)
        assert near in text.lower() and near not in english().stopwords, (word, near)
        assert 0 < similarity < 1
    assert found.nearest_word("sell", "Do you sell bread?") == (1.0, "sell")  # its own word
    # a function word's letters in capitals are a name: "US", not "us"
    assert found.nearest_word("usa", "We ship to the US and Canada.")[1] == "us"


@needs_model
def test_numpy_loads_only_for_a_question_words_leave_unanswered():
    import subprocess

    probe = (
        "import sys; from faqbot import answering; from faqbot.settings import Settings\n"
        "m = answering.matcher_for(None, Settings(), use_cache=False)\n"
        'm.match("Is this Kim Jong Un\'s first visit to Russia?")\n'
        "print('numpy' in sys.modules)\n"
        "m.match('What is the capital of Peru?')\n"
        "print('numpy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "True"], result.stderr


@needs_model
def test_alike_compares_two_texts_as_the_model_reads_them():
    # What the rule for a rare word said otherwise rests on (Settings.meaning_swapped_*): a
    # word in the place of its synonym keeps a question's meaning, more than no word does.
    encoder = SentenceEncoder(REAL_MODEL)
    empty = np.zeros((0, encoder.dimensions), dtype=np.float32)
    found = meaning.Meaning(encoder, [], empty, np.zeros(0, dtype=np.int32), 0)
    question = "Is gluten-free bread on sale?"
    assert found.alike(question, question) == pytest.approx(1.0, abs=1e-5)
    swapped = found.alike(question, "Is gluten-free bread on sell?")
    assert swapped == pytest.approx(found.alike("Is gluten-free bread on sell?", question))
    assert swapped > 0.9 and swapped > found.alike(question, "Is gluten-free bread on ?")


@needs_model
def test_words_only_declines_what_meaning_would_answer(write_kb, runner):
    from faqbot.cli import app

    kb = str(write_kb(BAKERY, article=None))
    question = "On Sunday mornings, are you open?"
    by_meaning = runner.invoke(app, ["ask", "--json", "--kb", kb, question])
    assert json.loads(by_meaning.stdout)["match"]["by"] == "meaning"
    words_only = runner.invoke(app, ["ask", "--json", "--words-only", "--kb", kb, question])
    assert words_only.exit_code == 1 and json.loads(words_only.stdout)["match"] is None


def test_index_encodes_the_phrasings_when_the_extra_is_there(tiny_model, small_kb, runner):
    from faqbot.cli import app

    result = runner.invoke(app, ["index", "--kb", str(small_kb)])
    assert result.exit_code == 0
    line = result.stdout.splitlines()[-1]
    assert line.startswith("phrasings and answers encoded by meaning: ")
    assert line.endswith(".npz")
    assert Path(line.split(": ", 1)[1]).is_file()


def test_index_says_nothing_of_meaning_without_the_extra(small_kb, runner, monkeypatch):
    from faqbot.cli import app

    monkeypatch.setattr(sentence_encoder, "model_dir", lambda: None)
    result = runner.invoke(app, ["index", "--kb", str(small_kb)])
    assert result.exit_code == 0 and "meaning" not in result.stdout


def test_the_terminal_says_an_answer_was_found_by_meaning(bakery):
    import io
    import re

    from faqbot.environment import Environment
    from faqbot.renderers import OutputMode, View, renderer_for

    with_meaning(bakery, [("opening", 0.7), ("parking", 0.3)])
    by_meaning = bakery.match("On Sunday mornings, are you open?")
    by_words = bakery.match("When do you open?")
    shown = []
    for result in (by_meaning, by_words):
        out = io.StringIO()
        env = Environment(stdin=io.StringIO(), stdout=out, stderr=io.StringIO(),
                          stdout_isatty=True, color=False, width=100)  # fmt: skip
        render = renderer_for(OutputMode.RICH, env, View())
        render.result(result)
        render.close()
        shown.append(re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()))  # styles aside
    assert "matched by meaning FAQ opening: When do you open?" in shown[0]
    assert "matched FAQ opening:" in shown[1] and "by meaning" not in shown[1]


def test_check_asks_its_off_topic_questions_by_meaning_too(write_kb):
    from faqbot.advice import advise

    kb = load_kb(write_kb(BAKERY, article=None))
    words_only = advise(kb, Matcher(kb))
    matcher = Matcher(kb)
    meaning_says = Nearest(matcher, [("parking", 0.9)])  # every question means parking
    with_it = advise(kb, matcher, meaning_says)
    assert words_only.off_topic_answered == 0
    assert with_it.off_topic_answered == with_it.off_topic_asked == meaning_says.calls
    assert (with_it.phrasings_tested, with_it.phrasings_right) == (
        words_only.phrasings_tested, words_only.phrasings_right)  # fmt: skip


@needs_model
@settings(max_examples=150)  # each example runs the encoder (about 10 ms)
@given(question=st.text(min_size=1, max_size=3000))
def test_any_text_is_encoded_to_a_unit_vector(question):
    vector = _real_encoder().encode([question])[0]
    assert vector.shape == (384,) and np.isfinite(vector).all()
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4


_ENCODER: list[SentenceEncoder] = []


def _real_encoder() -> SentenceEncoder:
    if not _ENCODER:
        _ENCODER.append(SentenceEncoder(REAL_MODEL))
    return _ENCODER[0]


def test_similarity_reads_an_entrys_answer_only_when_asked_to(tiny_model, small_kb):
    found = lazy(small_kb, None, [])
    cat = 0  # its answer, "On the mat.", is none of its phrasings
    assert found.similarity("On the mat.", cat, with_answer=True) == pytest.approx(1.0, abs=1e-5)
    assert found.similarity("On the mat.", cat) < 0.999
    for question in ("the cat sat", "dogs bark at night"):
        assert found.similarity(question, cat, with_answer=True) >= found.similarity(question, cat)


def test_similarities_give_each_entry_its_nearest_text(tiny_model, small_kb):
    # One figure an entry, in entry order: as near as its phrasings or its answer, the
    # nearest of them being the entry `nearest` finds first.
    found = lazy(small_kb, None, [])
    entries = load_kb(small_kb).entries
    for question in ("On the mat.", "dogs bark at night"):
        each = found.similarities(question)
        assert len(each) == len(entries)
        for i in range(len(entries)):
            assert each[i] == pytest.approx(found.similarity(question, i, with_answer=True))
        first, similarity, _ = found.nearest(question)[0]
        assert int(each.argmax()) == first and each.max() == pytest.approx(similarity)


def test_a_word_the_text_holds_is_as_near_as_can_be(tiny_model, small_kb):
    found = lazy(small_kb, None, [])
    assert found.nearest_word("Mat", "The cat sat on the mat.") == (1.0, "mat")
    similarity, word = found.nearest_word("dogs", "The cat sat on the mat.")
    assert -1.0 <= similarity < 1.0 and word in {"the", "cat", "sat", "on", "mat"}
    assert found.nearest_word("dogs", "") == (0.0, "")


def test_the_nearest_word_is_the_text_word_most_alike_in_meaning():
    vectors = {"puppies": [1, 0, 0], "cats": [0.6, 0.8, 0], "dogs": [0.8, 0, 0.6], "sit": [0, 0, 1]}
    found = meaning.Meaning(
        FixedEncoder(vectors), [], np.zeros((0, 3), np.float32), np.zeros(0, int), 0
    )
    assert found.nearest_word("Puppies", "Cats, dogs; sit!") == (pytest.approx(0.8), "dogs")
