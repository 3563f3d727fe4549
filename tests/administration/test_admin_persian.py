"""Issue 9 §3: the Django admin, for system administrators, is fully in Persian — every registered
model (ours and the third-party ones: axes, django-otp, DRF's tokens, auth's groups) and every app
with models has a Persian name and plural, with no Latin letter left, and django-otp's pages speak
Persian. Renaming the third-party models must not ask for a migration of their apps."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation

from tests.auth import sign_in

LATIN = re.compile(r"[A-Za-z]")
PERSIAN = re.compile(r"[\u0600-\u06FF]")


def _names(model) -> tuple[str, str, str]:
    meta = model._meta
    return (
        str(apps.get_app_config(meta.app_label).verbose_name),
        str(meta.verbose_name),
        str(meta.verbose_name_plural),
    )


def test_every_registered_model_and_its_app_are_named_in_persian():
    registered = list(admin.site._registry)
    assert {m._meta.app_label for m in registered} >= {"axes", "otp_totp", "otp_static", "authtoken", "auth"}
    with translation.override("fa"):
        for model in registered:
            app_name, singular, plural = _names(model)
            for text in (app_name, singular, plural):
                assert PERSIAN.search(text) and not LATIN.search(text), f"{model._meta.label}: {text!r}"
            assert singular != plural, f"{model._meta.label}: the plural is the singular ({plural!r})"


def test_every_app_with_models_has_a_persian_name():
    """Groups' permission lists name every model as «app | model | permission»."""
    with translation.override("fa"):
        for config in apps.get_app_configs():
            if not list(config.get_models()):
                continue
            assert not LATIN.search(str(config.verbose_name)), f"{config.label}: {config.verbose_name!r}"
            for model in config.get_models():
                for text in (model._meta.verbose_name, model._meta.verbose_name_plural):
                    assert not LATIN.search(str(text)), f"{model._meta.label}: {text!r}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/admin/otp_totp/totpdevice/add/",
            ["اضافه کردن دستگاه رمزساز", "پیکربندی", "طول هر گام زمانی به ثانیه"],
        ),
        ("/admin/otp_totp/totpdevice/", ["دستگاه‌های رمزساز", "آخرین استفاده"]),
        ("/admin/otp_static/staticdevice/add/", ["دسته کدهای پشتیبان", "کدهای پشتیبان", "زمان‌ها"]),
        ("/admin/axes/accessattempt/", ["قفل ورود (تلاش‌های ناموفق)", "تلاش‌های دسترسی"]),
        ("/admin/", ["ورود دومرحله‌ای: برنامه رمزساز", "مجموعه‌های وزن کارنامه", "بازدیدهای سرزده"]),
    ],
)
def test_the_third_party_admin_pages_speak_persian(client, url, expected):
    root = get_user_model().objects.create_superuser("root", password="x-y-z-1234")
    sign_in(client, root)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fa")
    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html, text
    for english in (
        "Identity",
        "Timestamps",
        "Throttling",
        "this device",
        "TOTP device",
        "static device",
        "Axes",
    ):
        assert english not in html, english


@pytest.mark.django_db
def test_the_persian_names_ask_for_no_migration_of_the_third_party_apps():
    out = StringIO()
    call_command("makemigrations", "axes", "otp_totp", "otp_static", check=True, dry_run=True, stdout=out)
    assert "No changes detected" in out.getvalue()
