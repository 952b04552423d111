from django.contrib import admin

from clusterbridge.taxonomy.models import (
    ClusterCategory,
    IndustrialEcosystem,
    NutsRegion,
    Technology,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Taxonomies come from migrations and import commands, not from hand edits."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NutsRegion)
class NutsRegionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "country_code"]
    list_filter = ["level", "country_code"]
    search_fields = ["code", "name"]


@admin.register(ClusterCategory)
class ClusterCategoryAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "code"]
    list_filter = ["kind"]


admin.site.register(IndustrialEcosystem, ReadOnlyAdmin)
admin.site.register(Technology, ReadOnlyAdmin)
