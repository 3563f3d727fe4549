"""A record is found however its words are typed: the seeds' own mixed text (Arabic ي/ك, lost
zero-width non-joiners, joined and spaced compounds, plurals, digits of every script)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.factories import ActionFactory, DemandFactory

# Seed 000 (Yazd): Arabic ي and ك, «دستگاههای» without its ZWNJ.
YAZD = (
    "مديركل دفتر امور اجتماعي و فرهنگي استانداري يزد با اشاره به اينكه سیاستگذاری و نظارت بر عملكرد "
    "دستگاههای اجرايي مرتبط بر عهده دفتر امور اجتماعي و فرهنگي استانداري میباشد"
)
# Seed 003 (Kerman): «راهاندازی» and «سازمانهای مردم نهاد» without ZWNJ, Latin and Persian digits.
KERMAN = (
    "کرمان با 10 دفتر تسهیلگری، بیشترین شمار دفتر را در میان این استانها دارد و 2 میلیارد تومان اعتبار "
    "برای راهاندازی دفاتر کرمان در نظر گرفته شده است. در دفاتر تسهیلگری نقطه اتکاء ما بر سازمانهای "
    "مردم نهاد است"
)
# Seed 001 (Khuzestan): a Persian-digit date, «تير» with an Arabic ي.
KHUZESTAN = "تاریخ انتشار: ۲۵ تير ۱۳۹۷ یکی از ویژگی های دفاتر تسهیلگری و توسعه محلی این است که مناطق کم برخوردار متولی پیدا می کنند"


@pytest.fixture
def seeded(world):
    records = {
        "yazd": ActionFactory(
            title="تقویت جایگاه حاکمیتی دفتر", description=YAZD, issuer_organization=world.office
        ),
        "kerman": ActionFactory(
            title="راه‌اندازی دفاتر تسهیلگری", description=KERMAN, issuer_organization=world.office
        ),
        "khuzestan": DemandFactory(
            title="کتاب خانه محله زویه", description=KHUZESTAN, office=world.facilitation_office
        ),
    }
    call_command("search", "reindex")
    return {
        name: (("demand" if name == "khuzestan" else "directive"), obj.pk) for name, obj in records.items()
    }


@pytest.mark.parametrize(
    ("record", "typed"),
    [
        # Persian letters for the seed's Arabic ones, and the other way round
        ("yazd", "عملکرد دستگاه‌های اجرایی"),
        ("yazd", "عملكرد دستگاههاي اجرايي"),
        ("yazd", "استانداری یزد"),
        # ZWNJ, space or joined: one compound
        ("kerman", "راه‌اندازی دفتر تسهیلگری"),
        ("kerman", "راه اندازی"),
        ("kerman", "راهاندازی"),
        ("kerman", "سازمان‌های مردم‌نهاد"),
        ("kerman", "سازمانهای مردمنهاد"),
        # plurals and suffixes
        ("kerman", "سازمان مردم نهاد"),
        ("yazd", "دستگاه اجرایی"),
        # digits of every script
        ("kerman", "۲ میلیارد تومان"),
        ("kerman", "٢ ميليارد"),
        ("khuzestan", "تیر 1397"),
        ("khuzestan", "۲۵ تیر ۱۳۹۷"),
        # a compound written apart in the record, joined in the query
        ("khuzestan", "کتابخانه"),
        ("khuzestan", "کتاب‌خانه زویه"),
        # the last word as a prefix, while typing
        ("khuzestan", "مناطق کم برخور"),
        ("yazd", "حاکمی"),
    ],
)
def test_a_record_is_found_however_typed(seeded, find, world, record, typed):
    assert seeded[record] in find(typed, world.users["office_staff"])


def test_all_words_must_match(seeded, find, world):
    assert seeded["kerman"] not in find("راه‌اندازی یزد")
    assert find("واژه‌ای‌که‌هیچ‌جا‌نیست") == []


def test_a_misspelling_is_found_loosely(seeded, find):
    # «تسهیلگرے» (a wrong last letter): nothing exactly; the loose search finds it
    assert seeded["kerman"] not in find("تسهیلگرے کرمان")
    assert seeded["kerman"] in find("تسهیلگرے کرمان", loose=True)


def test_relevance_then_recency(world, find):
    old = ActionFactory(title="کتابخانه سیار", issuer_organization=world.office)
    new = ActionFactory(title="کتابخانه سیار", issuer_organization=world.office)
    type(old).objects.filter(pk=old.pk).update(created_at="2015-01-01T00:00:00Z")
    both = ActionFactory(title="کتابخانه سیار کتابخانه روستایی", issuer_organization=world.office)
    call_command("search", "reindex")
    found = [pk for kind, pk in find("کتابخانه سیار")]
    assert found.index(new.pk) < found.index(old.pk)
    assert set(found) >= {old.pk, new.pk, both.pk}
