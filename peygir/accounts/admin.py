"""Admin for user accounts: Django's user admin plus Peygir's fields and the person's memberships."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from peygir.organizations.models import Membership

from .models import User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("organization",)
    fields = ("organization", "role", "is_active")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("پیگیر"), {"fields": ("title", "mobile")}),
    )
    list_display = ("username", "first_name", "last_name", "title", "is_active", "is_superuser")
    search_fields = ("username", "first_name", "last_name", "email", "mobile")
    inlines = [MembershipInline]
