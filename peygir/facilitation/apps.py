from django.apps import AppConfig


class FacilitationConfig(AppConfig):
    name = "peygir.facilitation"
    label = "facilitation"
