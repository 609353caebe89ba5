"""BERT's WordPiece tokenizer, read from the model's own `tokenizer.json`, in plain Python.

The sentence model (faqbot.sentence_encoder) was trained on text split this way, so the
split must be the one its tokenizer makes, id for id: a property test holds this module to
Hugging Face's `tokenizers` on any text. That library is a compiled one whose loading of
this very file costs some 50 ms a run (its JSON parse), and it brings huggingface_hub
along; what the model needs of it is the few rules below (the steps of the Rust
`BertNormalizer`, `BertPreTokenizer`, `WordPiece` and `TemplateProcessing`), which read the
30,000-word vocabulary in half that time.

Only the configuration all-MiniLM-L6-v2 ships is read: anything else is refused
(ValueError) rather than split in a way the model was not trained on.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

# What BertNormalizer turns into a space: tab, newline, carriage return, and the characters
# of Unicode White_Space that are not controls (\x0b, \x0c and \x85 are, and are dropped).
_WHITESPACE = frozenset(
    "\t\n\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
# Control, format, private use and surrogate characters are dropped (unassigned ones, Cn,
# are kept, and become an unknown word).
_DROPPED = frozenset(("Cc", "Cf", "Co", "Cs"))
# The ideographs BertNormalizer surrounds with spaces, so that each is a word of its own.
_CJK = (
    (0x4E00, 0x9FFF),
    (0x3400, 0x4DBF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F),
    (0x2B920, 0x2CEAF),
    (0xF900, 0xFAFF),
    (0x2F800, 0x2FA1F),
)


def _is_cjk(c: str) -> bool:
    code = ord(c)
    return any(low <= code <= high for low, high in _CJK)


def _is_punctuation(c: str) -> bool:
    """ASCII punctuation and symbols, or any Unicode punctuation (P*)."""
    return (c.isascii() and not c.isalnum() and c.isprintable() and c != " ") or (
        unicodedata.category(c).startswith("P")
    )


def normalize(text: str) -> str:
    """BertNormalizer with clean_text, handle_chinese_chars, strip_accents and lowercase."""
    out = []
    for c in text:
        if c in _WHITESPACE:
            out.append(" ")
        elif c == "\ufffd" or unicodedata.category(c) in _DROPPED:
            continue
        elif _is_cjk(c):
            out.append(f" {c} ")
        else:
            out.append(c)
    decomposed = unicodedata.normalize("NFD", "".join(out))
    # Accents go first, then each character is lowercased on its own (no final sigma, as
    # Rust's char::to_lowercase: 'İ' becomes 'i' and a dot that stays).
    return "".join(c.lower() for c in decomposed if unicodedata.category(c) != "Mn")


def pre_tokenize(text: str) -> list[str]:
    """BertPreTokenizer: split at whitespace (dropped) and around punctuation (kept)."""
    words: list[str] = []
    for chunk in text.split():
        start = 0
        for k, c in enumerate(chunk):
            if _is_punctuation(c):
                if k > start:
                    words.append(chunk[start:k])
                words.append(c)
                start = k + 1
        if start < len(chunk):
            words.append(chunk[start:])
    return words


class WordPiece:
    """Text -> token ids, [CLS] first and [SEP] last, at most `max_tokens` in all."""

    def __init__(
        self,
        vocab: dict[str, int],
        unknown: str,
        prefix: str,
        max_word_chars: int,
        special: dict[str, int],
        first: int,
        last: int,
    ) -> None:
        if unknown not in vocab:
            raise ValueError(f"the unknown token {unknown!r} is not in the vocabulary")
        self.vocab = vocab
        self.unknown = vocab[unknown]
        self.prefix = prefix
        self.max_word_chars = max_word_chars
        self.special = special  # added tokens, matched in the raw text: "[MASK]" -> 103
        self.first, self.last = first, last
        self.max_tokens = 512
        self._special_re = (
            re.compile("|".join(re.escape(t) for t in sorted(special, key=len, reverse=True)))
            if special
            else None
        )

    @classmethod
    def from_file(cls, path: Path) -> WordPiece:
        """The tokenizer a `tokenizer.json` describes; ValueError (or OSError) when it cannot
        be read or is not the BERT WordPiece configuration this module implements."""
        config = json.loads(path.read_text(encoding="utf-8"))
        normalizer = config.get("normalizer") or {}
        wanted = {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                  "lowercase": True}  # fmt: skip
        if any(normalizer.get(k) != v for k, v in wanted.items()) or normalizer.get(
            "strip_accents"
        ) not in (None, True):
            raise ValueError(f"unsupported normalizer {normalizer}")
        if (config.get("pre_tokenizer") or {}).get("type") != "BertPreTokenizer":
            raise ValueError(f"unsupported pre-tokenizer {config.get('pre_tokenizer')}")
        model = config.get("model") or {}
        vocab = model.get("vocab")
        if model.get("type") != "WordPiece" or not isinstance(vocab, dict):
            raise ValueError(f"unsupported model type {model.get('type')!r}")
        # JSON keys are strings; the ids must be numbers (checked, not converted: 30,000 of them)
        if not all(type(i) is int for i in vocab.values()):
            raise ValueError("the vocabulary's ids are not all integers")
        special: dict[str, int] = {}
        for added in config.get("added_tokens") or []:
            if (
                added.get("normalized")
                or added.get("lstrip")
                or added.get("rstrip")
                or added.get("single_word")
            ):
                raise ValueError(f"unsupported added token {added}")
            special[str(added["content"])] = int(added["id"])
        post = config.get("post_processor") or {}
        single = post.get("single") or []
        shape = [next(iter(step)) for step in single]
        if post.get("type") != "TemplateProcessing" or shape != [
            "SpecialToken", "Sequence", "SpecialToken"
        ]:  # fmt: skip
            raise ValueError(f"unsupported post-processor {post.get('type')!r}")
        first, last = (
            post["special_tokens"][single[k]["SpecialToken"]["id"]]["ids"] for k in (0, 2)
        )
        if len(first) != 1 or len(last) != 1:
            raise ValueError("unsupported post-processor: one id before and after")
        return cls(
            vocab,
            str(model["unk_token"]),
            str(model.get("continuing_subword_prefix", "##")),
            int(model.get("max_input_chars_per_word", 100)),
            special,
            int(first[0]),
            int(last[0]),
        )

    def vocab_size(self) -> int:
        return max([*self.vocab.values(), *self.special.values()]) + 1

    def encode(self, text: str) -> list[int]:
        ids: list[int] = []
        for piece, special in self._pieces(text):
            if special:
                ids.append(self.special[piece])
            else:
                for word in pre_tokenize(normalize(piece)):
                    ids.extend(self._word(word))
        return [self.first, *ids[: self.max_tokens - 2], self.last]

    def _pieces(self, text: str) -> list[tuple[str, bool]]:
        """The text cut at the added tokens it holds, each marked whether it is one."""
        if self._special_re is None:
            return [(text, False)]
        pieces: list[tuple[str, bool]] = []
        start = 0
        for found in self._special_re.finditer(text):
            pieces.append((text[start : found.start()], False))
            pieces.append((found.group(), True))
            start = found.end()
        pieces.append((text[start:], False))
        return pieces

    def _word(self, word: str) -> list[int]:
        """Greedy longest-match-first; a word with a part no entry matches is unknown."""
        if len(word) > self.max_word_chars:
            return [self.unknown]
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                part = word[start:end] if start == 0 else self.prefix + word[start:end]
                found = self.vocab.get(part)
                if found is not None:
                    ids.append(found)
                    break
                end -= 1
            else:
                return [self.unknown]
            start = end
        return ids
