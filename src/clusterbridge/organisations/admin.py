from django.contrib import admin

from clusterbridge.organisations.models import (
    ContactPerson,
    Invitation,
    MemberLink,
    Membership,
    Organisation,
    ProfileChange,
)


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "status", "members_total", "is_demo", "updated_at"]
    list_filter = ["status", "kind", "is_demo", "country"]
    search_fields = ["name", "acronym", "city"]
    raw_id_fields = ["nuts_region"]
    filter_horizontal = ["sectors", "ecosystems", "technologies"]
    inlines = [ContactPersonInline, MembershipInline]
    readonly_fields = ["members_total", "size_band", "website_active", "website_checked_at"]


@admin.register(ProfileChange)
class ProfileChangeAdmin(admin.ModelAdmin):
    list_display = ["organisation", "action", "actor", "created_at"]
    list_filter = ["action"]
    raw_id_fields = ["organisation", "actor"]

    def has_change_permission(self, request, obj=None):
        return False  # the history is a record; it is not edited


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "accepted_at", "revoked_at"]
    raw_id_fields = ["organisation", "invited_by"]


@admin.register(MemberLink)
class MemberLinkAdmin(admin.ModelAdmin):
    """Read-only: links change through the services (audit log, notifications)."""

    list_display = ["cluster", "member", "status", "proposed_by_side", "confirmed_at", "is_demo"]
    list_filter = ["status", "proposed_by_side", "is_demo"]
    search_fields = ["cluster__name", "member__name"]
    raw_id_fields = ["cluster", "member", "proposed_by", "decided_by", "ended_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
