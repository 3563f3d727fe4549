"""The embedding back-end is off by default and falls back to character n-grams whenever it cannot run."""

from __future__ import annotations

import pytest

from peygir.similarity import embedding, engine

A, B = "چراغ‌های کوچه ۱۲ خاموش است", "کوچه ۱۲ شبا تاریکه، لامپای تیر برق سوخته"


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    monkeypatch.setattr(embedding, "_loaded", {})


def test_off_by_default(settings):
    settings.PEYGIR_SIMILARITY_EMBEDDING_MODEL = ""
    assert embedding.backend() is None
    assert embedding.name() == "character n-grams"
    ra, rb = engine.Record(A), engine.Record(B)
    assert engine.text_similarity(ra, rb) == pytest.approx(engine.ngram_similarity(ra, rb))


def test_a_hub_name_or_missing_directory_is_refused(settings):
    settings.PEYGIR_SIMILARITY_EMBEDDING_MODEL = "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2"
    assert embedding.backend() is None  # not a local directory: nothing is downloaded


def test_without_the_package_it_falls_back(settings, tmp_path, monkeypatch):
    settings.PEYGIR_SIMILARITY_EMBEDDING_MODEL = str(tmp_path)
    monkeypatch.setattr(embedding.importlib.util, "find_spec", lambda name: None)
    assert embedding.available(str(tmp_path)) is False
    assert embedding.backend() is None
    ra, rb = engine.Record(A), engine.Record(B)
    assert engine.text_similarity(ra, rb) == pytest.approx(engine.ngram_similarity(ra, rb))


def test_a_model_that_fails_to_load_falls_back(settings, tmp_path, monkeypatch):
    settings.PEYGIR_SIMILARITY_EMBEDDING_MODEL = str(tmp_path)
    monkeypatch.setattr(embedding, "available", lambda path: True)

    def broken(cls, path):
        raise OSError("no weights here")

    monkeypatch.setattr(embedding.EmbeddingBackend, "load", classmethod(broken))
    assert embedding.backend() is None
    assert engine.text_similarity(A, B) == pytest.approx(
        engine.ngram_similarity(engine.Record(A), engine.Record(B))
    )


class FakeModel:
    """Stands for a sentence model: every text the same unit vector."""

    def __init__(self):
        self.calls = 0

    def encode(self, texts, normalize_embeddings=True):
        self.calls += 1
        return [[1.0, 0.0] for _ in texts]


def test_a_local_model_is_blended_and_each_vector_computed_once(settings, tmp_path, monkeypatch):
    settings.PEYGIR_SIMILARITY_EMBEDDING_MODEL = str(tmp_path)
    model = FakeModel()
    monkeypatch.setattr(embedding, "available", lambda path: True)
    monkeypatch.setattr(embedding.EmbeddingBackend, "load", classmethod(lambda cls, path: cls(model)))
    ra, rb = engine.Record(A), engine.Record(B)
    ngram = engine.ngram_similarity(ra, rb)
    share = engine.WEIGHTS.embedding_share
    assert engine.text_similarity(ra, rb) == pytest.approx((1 - share) * ngram + share * 1.0)
    engine.text_similarity(ra, rb)
    assert model.calls == 1 and ra.vector is not None
    assert embedding.name().startswith("embedding")
