"""django-otp's two admin pages in Persian: its section titles, help texts, search hint and QR link
are English strings with no translation, so the registrations are replaced by subclasses that say
them in Persian (the model and field names are set in admin_labels.py)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin, StaticTokenInline
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

SECTIONS = {
    "Identity": _("شناسه"),
    "Timestamps": _("زمان‌ها"),
    "Configuration": _("پیکربندی"),
    "State": _("وضعیت"),
    "Throttling": _("محدودیت تلاش"),
}

HELP = {
    "user": _("کاربری که این دستگاه از آن اوست."),
    "name": _("نامی که کاربر دستگاه را با آن می‌شناسد."),
    "confirmed": _("آیا دستگاه آماده استفاده است؟"),
    "key": _("کلید محرمانه به صورت هگزادسیمال (حداکثر ۴۰ بایت)."),
    "step": _("طول هر گام زمانی به ثانیه."),
    "t0": _("زمان یونیکسی که شمارش گام‌ها از آن آغاز می‌شود."),
    "digits": _("شمار رقم‌های هر کد."),
    "tolerance": _("چند گام زمانی پیش یا پس از اکنون پذیرفته شود."),
    "drift": _("چند گام ساعت دستگاه کاربر از ساعت سامانه جلو یا عقب است."),
    "throttling_failure_timestamp": _("زمان آخرین کد نادرست؛ اگر آخرین تلاش درست بوده خالی است."),
    "throttling_failure_count": _("شمار کدهای نادرست پیاپی."),
    "created_at": _("زمانی که دستگاه در سامانه ساخته شد."),
    "last_used_at": _("آخرین باری که با این دستگاه وارد شده‌اند."),
}


class PersianDeviceAdmin:
    search_help_text = _("جستجو با نام کاربری یا نشانی ایمیل کاربر")

    def get_fieldsets(self, request, obj=None):
        return [
            (SECTIONS.get(title, title), options) for title, options in super().get_fieldsets(request, obj)
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        for name, field in form.base_fields.items():
            field.help_text = HELP.get(name, "")
        # Read-only fields take their help from the form's Meta, else from the model's English text.
        form._meta.help_texts = {name: HELP.get(name, "") for name in self.get_readonly_fields(request, obj)}
        return form


class PersianTOTPDeviceAdmin(PersianDeviceAdmin, TOTPDeviceAdmin):
    @admin.display(description=_("کد QR"))
    def qrcode_link(self, device: TOTPDevice) -> str:
        href = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">{}</a>', href, _("نمایش کد QR"))


class PersianStaticDeviceAdmin(PersianDeviceAdmin, StaticDeviceAdmin):
    inlines = [StaticTokenInline]


for model, model_admin in ((TOTPDevice, PersianTOTPDeviceAdmin), (StaticDevice, PersianStaticDeviceAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
