from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimilarityConfig(AppConfig):
    name = "peygir.similarity"
    label = "similarity"
    verbose_name = _("شباهت")
