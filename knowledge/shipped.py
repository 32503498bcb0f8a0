"""Making the vectors that ship with the built-in knowledge base (`vonkje vectors`).

The built-in documents are indexed into a throw-away index through a recording wrapper, so the
file holds exactly the texts a real first start embeds: passages, their sentences and
alternative questions, and the examples of unanswerable questions. At start-up
`embeddings.StoredVectors` loads what matches and embeds only what differs.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from .embeddings import StoredVectors, shipped_vector_file, write_vector_file


def build_shipped_vectors(
    model: Embeddings, path: Path | None = None, *, fresh: bool = False
) -> tuple[Path, int]:
    """Record the vector of every built-in text and write them; returns the file and count.

    Texts that already have a shipped vector keep it unless `fresh`; the file then holds
    exactly the texts in use, so a removed passage's vector goes.
    """
    from .base import KnowledgeBase

    known: dict[bytes, np.ndarray] = {}
    if isinstance(model, StoredVectors):
        known = {} if fresh else dict(model.table)
        model = model.model
    table: dict[bytes, np.ndarray] = {}
    recorder = StoredVectors(model, known, record=table.__setitem__)
    with tempfile.TemporaryDirectory() as folder:
        KnowledgeBase.open(Path(folder), embeddings=recorder)
    path = path or shipped_vector_file(recorder.name)
    write_vector_file(path, table)
    return path, len(table)
