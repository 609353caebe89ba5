"""faqbot.wordpiece: BERT's WordPiece split, id for id the one Hugging Face's `tokenizers`
makes from the same tokenizer.json (the split the sentence model was trained on).

The reference library is a test dependency only; the comparison runs on the real model's
vocabulary when the `meaning` extra and its model are installed (CI installs both)."""

from __future__ import annotations

import json

import pytest
from bert_tokenizer import WORDS, bert_tokenizer_json
from hypothesis import given, settings
from hypothesis import strategies as st

from faqbot.sentence_encoder import model_dir
from faqbot.wordpiece import WordPiece, normalize, pre_tokenize

MAX_TOKENS = 128


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> WordPiece:
    path = tmp_path_factory.mktemp("tok") / "tokenizer.json"
    path.write_text(json.dumps(bert_tokenizer_json([*WORDS, "##s", "##ing", "cats"])))
    return WordPiece.from_file(path)


def ids(tok: WordPiece, *words: str) -> list[int]:
    return [tok.vocab[w] for w in words]


def test_a_text_is_framed_and_split_into_known_pieces(tiny):
    assert tiny.encode("The CAT sat") == ids(tiny, "[CLS]", "the", "cat", "sat", "[SEP]")
    # longest known piece first, the rest as continuations; a word with a part no piece
    # matches is unknown as a whole
    assert tiny.encode("cats dogsing") == ids(tiny, "[CLS]", "cats", "dogs", "##ing", "[SEP]")
    assert tiny.encode("catz") == ids(tiny, "[CLS]", "[UNK]", "[SEP]")
    assert tiny.encode("") == ids(tiny, "[CLS]", "[SEP]")


def test_the_special_tokens_are_read_in_the_raw_text(tiny):
    assert tiny.encode("the [SEP]cat") == ids(tiny, "[CLS]", "the", "[SEP]", "cat", "[SEP]")


def test_a_long_text_is_cut_to_the_models_length(tiny):
    tiny.max_tokens = 5
    try:
        assert tiny.encode("the cat sat on the mat") == ids(
            tiny, "[CLS]", "the", "cat", "sat", "[SEP]"
        )
    finally:
        tiny.max_tokens = 512


def test_accents_case_controls_and_ideographs_are_normalized_as_bert_does():
    assert normalize("Café\u0301 NAÏVE") == "cafe naive"
    assert normalize("a\x00b\u200bc\td\u2028e") == "abc d e"  # controls go, spaces stay
    assert normalize("東京") == " 東  京 "  # each ideograph a word of its own
    assert pre_tokenize(normalize("Don't, U.S.A.")) == [
        "don", "'", "t", ",", "u", ".", "s", ".", "a", "."
    ]  # fmt: skip


@pytest.mark.parametrize(
    "config",
    [
        {"model": {"type": "WordLevel", "vocab": {"[UNK]": 0}}},
        {"normalizer": {"type": "NFKC"}},
        {"pre_tokenizer": {"type": "Whitespace"}},
        {"post_processor": {"type": "RobertaProcessing"}},
        {"model": {"type": "WordPiece", "unk_token": "[UNK]", "vocab": {"[UNK]": "0"}}},
    ],
)
def test_another_tokenizer_is_refused_not_guessed(tmp_path, config):
    path = tmp_path / "tokenizer.json"
    path.write_text(json.dumps({**bert_tokenizer_json(WORDS), **config}))
    with pytest.raises(ValueError):
        WordPiece.from_file(path)


# -- the same ids as the reference, on the real vocabulary ------------------------------------

REAL = model_dir()  # None without the extra and its model


@pytest.fixture(scope="module")
def pair():
    tokenizers = pytest.importorskip("tokenizers")
    if REAL is None:
        pytest.skip("the meaning extra and its model are not installed")
    reference = tokenizers.Tokenizer.from_file(str(REAL / "tokenizer.json"))
    reference.no_padding()
    reference.enable_truncation(MAX_TOKENS)
    ours = WordPiece.from_file(REAL / "tokenizer.json")
    ours.max_tokens = MAX_TOKENS
    return reference, ours


# Characters whose Unicode category is the same in Python's tables and in the Rust crates the
# reference uses: Latin, Greek, Cyrillic, Hebrew (below U+0600), and a hand-picked set of what
# trips tokenizers (accents, combining marks, ligatures, fullwidth forms, ideographs, emoji,
# controls, odd spaces, quotes, the special tokens' letters). Between Unicode versions some
# characters of newer scripts changed category; there, and only there, the two differ (4 of
# 20,000 random texts over all of Unicode, each through such a character).
TRICKY = (
    "aéE\u0301İıßσςΣ\u00a0\u2028\u200b\u3000\t\n\x0b\x85\x00\ufffd\ue000.,'\"-–—“”!?[]"
    "MASKCLSEP中日\U00020000ﬁＡ１😀👍🏽 "
)
TEXTS = st.one_of(
    st.text(alphabet=st.characters(max_codepoint=0x5FF), max_size=80),
    st.text(alphabet=TRICKY, max_size=60),
    st.text(alphabet=st.characters(max_codepoint=0x5FF) | st.sampled_from(list(TRICKY)),
            min_size=300, max_size=700),  # past the model's length
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_ids_are_the_reference_libraries(pair, text):
    reference, ours = pair
    assert ours.encode(text) == reference.encode(text).ids


def test_the_packaged_kb_splits_as_the_reference_splits_it(pair):
    from faqbot.kb_loader import kb_path, load_kb

    reference, ours = pair
    kb = load_kb(kb_path(None))
    texts = [t for e in kb.entries for t in (*e.phrasings, e.answer, e.source or "")]
    assert [ours.encode(t) for t in texts] == [reference.encode(t).ids for t in texts]
