"""Staff view of country pages in the Django admin (the web pages go through the services;
admin changes bump the index's cache version so that the index shows them)."""

from django.contrib import admin

from clusterbridge.international.models import Arrangement, CountryPage, Gateway
from clusterbridge.international.queries.search import bump_countries_version


class ArrangementInline(admin.StackedInline):
    model = Arrangement
    extra = 0
    fields = ["title", "counterpart", "signed_on", "scope", "original_name", "is_demo"]
    readonly_fields = ["original_name"]


class GatewayInline(admin.StackedInline):
    model = Gateway
    extra = 0
    fields = ["name", "url", "description", "contact_email", "is_demo"]


@admin.register(CountryPage)
class CountryPageAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "priority", "status", "is_demo"]
    list_filter = ["priority", "status", "is_demo"]
    search_fields = ["name", "country"]
    filter_horizontal = ["sectors"]
    inlines = [ArrangementInline, GatewayInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        bump_countries_version()
