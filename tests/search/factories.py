"""Factories of the search index (merged into tests/factories.py FACTORIES)."""

import factory
from django.utils import timezone

from peygir.core import persian
from peygir.core.text import normalize_text


class SearchEntryFactory(factory.django.DjangoModelFactory):
    """An entry as the index would write it (the analysed forms from the title and body)."""

    class Meta:
        model = "search.SearchEntry"

    kind = "organization"
    object_id = factory.Sequence(lambda n: 10_000 + n)
    title = factory.Sequence(lambda n: f"کتابخانه عمومی محله {n}")
    body = "کلاس‌های ورزشی نوجوانان"
    document = factory.LazyAttribute(lambda o: persian.document(f"{o.title}\n{o.body}"))
    text_normalized = factory.LazyAttribute(lambda o: normalize_text(f"{o.title}\n{o.body}"))
    occurred_on = factory.LazyFunction(timezone.localdate)
    scopes = [0]  # like an organization's: every search looks in scope 0
    url = factory.Sequence(lambda n: f"/organizations/{n}/")


class SearchTermFactory(factory.django.DjangoModelFactory):
    """A word of the vocabulary (search/vocabulary.py), as an upsert of entries adds it."""

    class Meta:
        model = "search.SearchTerm"
        django_get_or_create = ("term",)

    term = factory.Sequence(lambda n: f"کتابخانه{'ی' * (n % 3)}")


FACTORIES = {"search.SearchEntry": SearchEntryFactory, "search.SearchTerm": SearchTermFactory}
