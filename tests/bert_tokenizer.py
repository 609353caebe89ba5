"""The files of a BERT tokenizer in miniature, shared by the encoder's tests
(test_meaning) and the tokenizer's (test_wordpiece)."""

from __future__ import annotations

WORDS = ["[UNK]", "[PAD]", "[CLS]", "[SEP]", "the", "cat", "sat", "on", "mat", "dogs", "bark",
         "at", "night"]  # fmt: skip


def bert_tokenizer_json(words: list[str]) -> dict:
    """A tokenizer.json of the kind all-MiniLM-L6-v2 ships (BERT's WordPiece), over `words`."""
    ids = {w: i for i, w in enumerate(words)}
    special = [w for w in words if w.startswith("[")]

    def template(*names: str) -> list[dict]:
        return [{"SpecialToken": {"id": n, "type_id": 0}} if n.startswith("[")
                else {"Sequence": {"id": n, "type_id": 0}} for n in names]  # fmt: skip

    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": ids[w], "content": w, "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": False, "special": True}
                         for w in special],
        "normalizer": {"type": "BertNormalizer", "clean_text": True,
                       "handle_chinese_chars": True, "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing", "single": template("[CLS]", "A", "[SEP]"),
            "pair": template("[CLS]", "A", "[SEP]", "B", "[SEP]"),
            "special_tokens": {w: {"id": w, "ids": [ids[w]], "tokens": [w]}
                               for w in ("[CLS]", "[SEP]")},
        },
        "decoder": None,
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": ids},
    }  # fmt: skip
