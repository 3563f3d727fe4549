"""Admin for organizations and memberships: set-up work of the system administrator."""

from django.contrib import admin

from peygir.accounts.admin import UserAdmin
from peygir.accounts.models import User
from peygir.core.text import normalize_text

from .models import Membership, Organization


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)
    fields = ("user", "role", "is_active")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "territory", "supervisor", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "name_normalized")
    list_select_related = ("territory", "supervisor")
    raw_id_fields = ("territory", "parent", "supervisor")
    filter_horizontal = ("members_of_group",)
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change) -> None:
        obj.name_normalized = normalize_text(obj.name)
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Actions keep pointing at organizations; retire one with is_active instead.
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organization", "role", "is_active", "created_at")
    list_filter = ("role", "is_active")
    search_fields = ("user__username", "user__last_name", "organization__name")
    list_select_related = ("user", "organization")
    raw_id_fields = ("user", "organization")


class UserMembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("organization",)
    fields = ("organization", "role", "is_active")


class UserWithMembershipsAdmin(UserAdmin):
    """The accounts app's user admin, with the person's memberships (accounts sits below this app)."""

    inlines = [UserMembershipInline]


admin.site.unregister(User)
admin.site.register(User, UserWithMembershipsAdmin)
