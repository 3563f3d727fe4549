from django.apps import AppConfig


class BenchConfig(AppConfig):
    """National-scale data generator and benchmark (`peygir generate`, `peygir bench`)."""

    name = "peygir.bench"
    label = "bench"
    verbose_name = "Benchmark"
