from django.contrib import admin

from .models import WeightSet


@admin.register(WeightSet)
class WeightSetAdmin(admin.ModelAdmin):
    """History of the weights: read here, written through the page (a new version each time)."""

    list_display = ("territory", "version", "w_on_time", "w_verified", "w_overdue", "w_rating", "created_at")
    list_filter = ("territory",)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
