"""Staff screens: indicator sets (drafts editable, published versions frozen), assessors,
labels and the decision log (read-only: they change through services only)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterbridge.benchmarking.models import (
    Assessment,
    Assessor,
    Dimension,
    Indicator,
    IndicatorSet,
    Label,
    LabelDecision,
)
from clusterbridge.benchmarking.services.indicator_sets import copy_as_new_version, publish_set


class _FrozenUnlessDraft:
    """Published and retired versions are read-only: old assessments depend on them."""

    def _set_of(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        if obj is not None and self._set_of(obj).is_frozen:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self._set_of(obj).is_frozen:
            return False
        return super().has_delete_permission(request, obj)


class DimensionInline(_FrozenUnlessDraft, admin.TabularInline):
    model = Dimension
    extra = 0
    show_change_link = True

    def _set_of(self, obj):
        return obj


class IndicatorInline(_FrozenUnlessDraft, admin.StackedInline):
    model = Indicator
    extra = 0

    def _set_of(self, obj):
        return obj.indicator_set


@admin.register(IndicatorSet)
class IndicatorSetAdmin(_FrozenUnlessDraft, admin.ModelAdmin):
    list_display = ["name", "version", "status", "published_at"]
    readonly_fields = ["status", "published_at"]
    inlines = [DimensionInline]
    actions = ["new_version", "publish"]

    def _set_of(self, obj):
        return obj

    @admin.action(description=gettext_lazy("Copy as a new draft version"))
    def new_version(self, request, queryset):
        for indicator_set in queryset:
            copy = copy_as_new_version(indicator_set=indicator_set)
            messages.success(
                request, _("Draft version %(version)s created.") % {"version": copy.version}
            )

    @admin.action(description=gettext_lazy("Publish (the current version is retired)"))
    def publish(self, request, queryset):
        for indicator_set in queryset:
            try:
                publish_set(indicator_set=indicator_set)
            except ValidationError as exc:
                messages.error(
                    request,
                    _("Version %(version)s: %(problems)s")
                    % {"version": indicator_set.version, "problems": " ".join(exc.messages)},
                )
            else:
                messages.success(
                    request,
                    _("Version %(version)s is published.") % {"version": indicator_set.version},
                )


@admin.register(Dimension)
class DimensionAdmin(_FrozenUnlessDraft, admin.ModelAdmin):
    list_display = ["name", "code", "indicator_set", "position"]
    list_filter = ["indicator_set"]
    inlines = [IndicatorInline]

    def _set_of(self, obj):
        return obj.indicator_set


@admin.register(Assessor)
class AssessorAdmin(admin.ModelAdmin):
    list_display = ["user", "active", "is_demo", "created_at"]
    list_filter = ["active", "is_demo"]
    raw_id_fields = ["user"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["organisation", "status", "indicator_set", "overall_score", "validated_on"]
    list_filter = ["status", "is_demo"]
    search_fields = ["organisation__name"]
    raw_id_fields = ["organisation", "started_by", "validated_by", "second_assessor"]

    def has_change_permission(self, request, obj=None):
        return False  # changes go through the benchmarking pages and their services


class LabelDecisionInline(admin.TabularInline):
    model = LabelDecision
    extra = 0
    can_delete = False
    fields = ["decided_at", "kind", "level", "decider", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    list_display = ["organisation", "level", "status", "valid_from", "valid_until"]
    list_filter = ["level", "status", "is_demo"]
    search_fields = ["organisation__name"]
    inlines = [LabelDecisionInline]

    def has_change_permission(self, request, obj=None):
        return False  # labels change only through services (withdraw_label needs a reason)

    def has_add_permission(self, request):
        return False


@admin.register(LabelDecision)
class LabelDecisionAdmin(admin.ModelAdmin):
    list_display = ["decided_at", "organisation", "kind", "level", "decider"]
    list_select_related = ["organisation", "decided_by"]
    list_filter = ["kind", "level"]
    search_fields = ["organisation__name", "reason"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
