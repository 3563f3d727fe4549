from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "peygir.evaluation"
    label = "evaluation"
