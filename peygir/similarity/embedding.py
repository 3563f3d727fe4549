"""An optional embedding back-end: a multilingual sentence model blended into the text score.

Off by default. It is used only when both hold:
- `sentence_transformers` is importable (it is not a dependency of Peygir), and
- the setting PEYGIR_SIMILARITY_EMBEDDING_MODEL names a directory on this machine holding a model
  (installed from a package or copied there). A hub name is refused: nothing is downloaded at run
  time, and the hub is told to stay offline while the model loads.
Otherwise, or when the model fails to load, `backend()` is None and the engine uses its character
n-grams alone. The thresholds were measured with the n-grams; with a model on, measure again
(`manage.py similarity measure`) before trusting them.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)

SETTING = "PEYGIR_SIMILARITY_EMBEDDING_MODEL"

_loaded: dict[str, EmbeddingBackend | None] = {}


class EmbeddingBackend:
    """Cosine similarity of sentence embeddings, each record's vector computed once."""

    def __init__(self, model: Any) -> None:
        self.model = model

    @classmethod
    def load(cls, path: str) -> EmbeddingBackend:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer  # optional: checked by `available`

        return cls(SentenceTransformer(path, device="cpu"))

    def prepare(self, records: list[Any]) -> None:
        """Encode the records that have no vector yet, in one batch."""
        missing = [r for r in records if r.vector is None]
        if not missing:
            return
        vectors = self.model.encode([r.text for r in missing], normalize_embeddings=True)
        for record, vector in zip(missing, vectors, strict=True):
            record.vector = vector

    def similarity(self, a: Any, b: Any) -> float:
        self.prepare([a, b])
        value = float(sum(float(x) * float(y) for x, y in zip(a.vector, b.vector, strict=True)))
        return max(0.0, min(1.0, value))


def configured_path() -> str:
    return str(getattr(settings, SETTING, "") or "").strip()


def available(path: str) -> bool:
    """Whether the back-end may be used: the package importable and the model a local directory."""
    if not path or not os.path.isdir(path):
        return False
    return importlib.util.find_spec("sentence_transformers") is not None


def backend() -> EmbeddingBackend | None:
    """The loaded back-end, or None (the default): the engine then uses character n-grams alone."""
    path = configured_path()
    if not path:
        return None
    if path not in _loaded:
        found: EmbeddingBackend | None = None
        if available(path):
            try:
                found = EmbeddingBackend.load(path)
            except Exception:  # a broken model must not break intake: fall back to n-grams
                logger.exception("similarity: the embedding model at %s could not be loaded", path)
        else:
            logger.warning("similarity: %s is not a local model or sentence_transformers is missing", path)
        _loaded[path] = found
    return _loaded[path]


def name() -> str:
    """What the text score is made of, for the measure command's report."""
    return "embedding + character n-grams" if backend() is not None else "character n-grams"
