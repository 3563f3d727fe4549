"""Persian names for the third-party models the Django admin shows (issue 9 §3: the admin is fully
in Persian). django-axes ships Persian model names but calls its app "Axes"; django-otp ships no
Persian at all. Their models cannot carry our Meta, so the names are set on the loaded models.

Only the display attributes are touched: `Options.verbose_name(_plural)` and `Field.verbose_name`.
The migration autodetector reads `Options.original_attrs` and `Field._verbose_name`, which stay as
the packages wrote them, so no migration of a third-party app follows from this."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

APP_NAMES = {
    "axes": _("قفل ورود (تلاش‌های ناموفق)"),
    "otp_totp": _("ورود دومرحله‌ای: برنامه رمزساز"),
    "otp_static": _("ورود دومرحله‌ای: کدهای پشتیبان"),
}

MODEL_NAMES = {
    "otp_totp.TOTPDevice": (_("دستگاه رمزساز"), _("دستگاه‌های رمزساز")),
    "otp_static.StaticDevice": (_("دسته کدهای پشتیبان"), _("دسته‌های کدهای پشتیبان")),
    "otp_static.StaticToken": (_("کد پشتیبان"), _("کدهای پشتیبان")),
    # Not on the admin's index, but named in the permission lists of users and groups.
    "axes.AccessAttemptExpiration": (_("انقضای قفل ورود"), _("انقضاهای قفل ورود")),
}

# The fields django-otp's models share (Device and its mixins) and those of each plugin.
FIELD_NAMES = {
    "user": _("کاربر"),
    "name": _("نام"),
    "confirmed": _("تأییدشده"),
    "created_at": _("زمان ایجاد"),
    "last_used_at": _("آخرین استفاده"),
    "throttling_failure_timestamp": _("زمان آخرین کد نادرست"),
    "throttling_failure_count": _("شمار کدهای نادرست پیاپی"),
    "key": _("کلید"),
    "step": _("طول هر گام (ثانیه)"),
    "t0": _("مبدأ زمان"),
    "digits": _("شمار رقم‌ها"),
    "tolerance": _("گام‌های پذیرفته پیش و پس"),
    "drift": _("انحراف ساعت (گام)"),
    "last_t": _("آخرین گام به‌کاررفته"),
    "device": _("دسته کدها"),
    "token": _("کد"),
}


def name_third_party_models() -> None:
    """Called once from AccountsConfig.ready(); an app that is not installed is skipped."""
    installed = {config.label for config in apps.get_app_configs()}
    for label, name in APP_NAMES.items():
        if label in installed:
            apps.get_app_config(label).verbose_name = name
    for label, (singular, plural) in MODEL_NAMES.items():
        app_label, model_name = label.split(".")
        if app_label not in installed:
            continue
        model = apps.get_model(app_label, model_name)
        model._meta.verbose_name = singular
        model._meta.verbose_name_plural = plural
        for field in model._meta.get_fields():
            if field.name in FIELD_NAMES and hasattr(field, "verbose_name") and not field.auto_created:
                field.verbose_name = FIELD_NAMES[field.name]
