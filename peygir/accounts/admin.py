"""Admin for user accounts: Django's user admin plus Peygir's fields (the organizations app adds the
person's memberships to it, from above)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("پیگیر"), {"fields": ("title", "mobile")}),
    )
    list_display = ("username", "first_name", "last_name", "title", "is_active", "is_superuser")
    search_fields = ("username", "first_name", "last_name", "email", "mobile")
