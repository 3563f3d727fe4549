"""Admin for user accounts: Django's user admin plus Peygir's fields (the organizations app adds the
person's memberships to it, from above)."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from . import admin_otp  # noqa: F401 (django-otp's admin pages, in Persian)
from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("پیگیر"), {"fields": ("title", "mobile")}),
    )
    list_display = ("username", "first_name", "last_name", "title", "is_active", "is_superuser")
    search_fields = ("username", "first_name", "last_name", "email", "mobile")
    actions = ["unlock_sign_in", "sign_out_everywhere"]

    @admin.action(description=_("باز کردن قفل ورود (پس از تلاش‌های ناموفق)"))
    def unlock_sign_in(self, request, queryset) -> None:
        from .lockout import reset

        for user in queryset:
            reset(username=user.get_username())
        self.message_user(request, _("قفل ورود کاربران انتخاب‌شده باز شد."), messages.SUCCESS)

    @admin.action(description=_("خروج کاربران انتخاب‌شده از همه دستگاه‌ها"))
    def sign_out_everywhere(self, request, queryset) -> None:
        from .sessions import end_all_sessions

        for user in queryset:
            end_all_sessions(user)
        self.message_user(request, _("همه نشست‌های کاربران انتخاب‌شده پایان یافت."), messages.SUCCESS)
