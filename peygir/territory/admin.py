"""Admin for the territorial tree. Geometry is edited by re-importing (peygir geo import), not by hand."""

from django.contrib import admin

from peygir.core.text import normalize_text

from .models import Territory, TerritoryBoundary


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ("name_fa", "name_en", "kind", "code", "population", "is_active", "is_underprivileged")
    list_filter = ("kind", "is_active", "is_underprivileged", "is_informal_settlement")
    search_fields = ("name_fa", "name_en", "code", "name_normalized")
    list_select_related = ("parent",)
    raw_id_fields = ("parent",)
    # The tree position is derived (path/depth); changing the parent here would break it.
    readonly_fields = ("path", "depth", "osm_id")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "parent", "kind") if obj is not None else fields

    def save_model(self, request, obj, form, change) -> None:
        """Keep the derived fields right: the normalized name always, the tree position on creation."""
        obj.name_normalized = normalize_text(obj.name_fa)
        super().save_model(request, obj, form, change)
        if not change:
            obj.path = f"{obj.parent.path if obj.parent else '/'}{obj.pk}/"
            obj.depth = obj.parent.depth + 1 if obj.parent else 0
            obj.save(update_fields=["path", "depth"])

    def has_delete_permission(self, request, obj=None) -> bool:
        # Actions, organizations and committees point at territories; retire them with is_active.
        return False


@admin.register(TerritoryBoundary)
class TerritoryBoundaryAdmin(admin.ModelAdmin):
    list_display = ("territory", "source", "updated_at")
    search_fields = ("territory__name_fa",)
    list_select_related = ("territory",)
    raw_id_fields = ("territory",)
    exclude = ("geojson",)
    readonly_fields = ("territory", "source", "updated_at")
