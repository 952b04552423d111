from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django_countries import countries
from rest_framework import serializers

from clusterbridge.common.languages import CONTENT_LANGUAGE_CODES
from clusterbridge.organisations.models import (
    CooperationInterest,
    LinkSide,
    LinkStatus,
    MemberLink,
    Organisation,
    OrganisationKind,
)
from clusterbridge.organisations.models.organisation import MEMBER_COUNT_FIELDS
from clusterbridge.organisations.queries.directory import current_label_level
from clusterbridge.organisations.validators import (
    DESCRIPTION_MAX,
    clean_keywords,
    member_counts_for_kind,
    validate_coordinates,
    validate_description,
    validate_logo,
    validate_region_in_country,
    validate_unique_name,
    validate_year_founded,
)
from clusterbridge.taxonomy.models import (
    ClusterCategory,
    IndustrialEcosystem,
    NutsRegion,
    Technology,
)

COUNTRY_CHOICES = [(code, name) for code, name in countries]


def _django(validator, *args, **kwargs):
    """Run a shared validator and report its message the DRF way."""
    try:
        return validator(*args, **kwargs)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages) from exc


class OrganisationSummarySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")
    region = serializers.SerializerMethodField()
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "acronym",
            "kind",
            "country",
            "region",
            "city",
            "latitude",
            "longitude",
            "website",
            "short_description",
            "members_total",
            "sectors",
            "url",
        ]

    def get_region(self, obj) -> str | None:
        return obj.nuts_region.code if obj.nuts_region_id else None

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()


class OrganisationDetailSerializer(OrganisationSummarySerializer):
    ecosystems = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    technologies = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    cooperation_countries = serializers.SerializerMethodField()
    management_fte = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    logo = serializers.SerializerMethodField()
    label = serializers.SerializerMethodField()

    class Meta(OrganisationSummarySerializer.Meta):
        fields = [
            *OrganisationSummarySerializer.Meta.fields,
            "status",
            "address",
            "description",
            "description_language",
            "year_founded",
            "management_fte",
            *MEMBER_COUNT_FIELDS,
            "ecosystems",
            "technologies",
            "technology_keywords",
            "specialisation_keywords",
            "value_chain_keywords",
            "cooperation_countries",
            "cooperation_interests",
            "support_programme",
            "linkedin_url",
            "x_url",
            "facebook_url",
            "youtube_url",
            "logo",
            "published_at",
            "label",
        ]

    def get_label(self, obj) -> str | None:
        """Currently valid excellence label: bronze, silver, gold or null."""
        return current_label_level(obj)

    def get_cooperation_countries(self, obj) -> list[str]:
        return [c.code for c in obj.cooperation_countries]

    def get_logo(self, obj) -> str | None:
        return obj.logo.url if obj.logo else None


class KeywordListField(serializers.ListField):
    child = serializers.CharField(max_length=60, allow_blank=False)

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        return _django(clean_keywords, values, self.field_name.replace("_", " ").capitalize())


class OrganisationUpdateSerializer(serializers.Serializer):
    """Fields an organisation administrator may change through the API (all optional)."""

    name = serializers.CharField(max_length=200)
    acronym = serializers.CharField(max_length=40, allow_blank=True)
    kind = serializers.ChoiceField(choices=OrganisationKind.choices)
    country = serializers.ChoiceField(choices=COUNTRY_CHOICES)
    nuts_region = serializers.SlugRelatedField(
        slug_field="code", queryset=NutsRegion.objects.filter(level=2), allow_null=True
    )
    city = serializers.CharField(max_length=120, allow_blank=True)
    latitude = serializers.FloatField(allow_null=True, min_value=-90, max_value=90)
    longitude = serializers.FloatField(allow_null=True, min_value=-180, max_value=180)
    address = serializers.CharField(max_length=300, allow_blank=True)
    website = serializers.URLField(max_length=200, allow_blank=True)
    short_description = serializers.CharField(max_length=300, allow_blank=True)
    description = serializers.CharField(
        allow_blank=True,
        validators=[validate_description],
        help_text=f"At most {DESCRIPTION_MAX:,} characters.",
    )
    description_language = serializers.ChoiceField(
        choices=CONTENT_LANGUAGE_CODES,
        allow_blank=True,
        help_text="ISO 639-1 code of the language the descriptions are written in.",
    )
    year_founded = serializers.IntegerField(allow_null=True, min_value=1800, max_value=2100)
    management_fte = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, min_value=0, max_value=9999
    )
    sectors = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=ClusterCategory.objects.all()
    )
    ecosystems = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=IndustrialEcosystem.objects.all()
    )
    technologies = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Technology.objects.all()
    )
    technology_keywords = KeywordListField(max_length=30)
    specialisation_keywords = KeywordListField(max_length=30)
    value_chain_keywords = KeywordListField(max_length=30)
    cooperation_countries = serializers.ListField(
        child=serializers.ChoiceField(choices=COUNTRY_CHOICES), max_length=250
    )
    cooperation_interests = serializers.ListField(
        child=serializers.ChoiceField(choices=CooperationInterest.choices), max_length=20
    )
    support_programme = serializers.CharField(max_length=200, allow_blank=True)
    linkedin_url = serializers.URLField(max_length=200, allow_blank=True)
    x_url = serializers.URLField(max_length=200, allow_blank=True)
    facebook_url = serializers.URLField(max_length=200, allow_blank=True)
    youtube_url = serializers.URLField(max_length=200, allow_blank=True)
    logo = serializers.ImageField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in MEMBER_COUNT_FIELDS:
            self.fields[name] = serializers.IntegerField(min_value=0, max_value=1_000_000)

    def validate_name(self, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise serializers.ValidationError(_("The name cannot be empty."))
        _django(validate_unique_name, value, exclude_pk=self.instance.pk if self.instance else None)
        return value

    def validate_year_founded(self, value):
        _django(validate_year_founded, value)
        return value

    def validate_logo(self, value):
        _django(validate_logo, value)
        return value

    def validate(self, attrs):
        instance = self.instance
        country = attrs.get("country", instance.country.code if instance else "")
        region = attrs.get("nuts_region", instance.nuts_region if instance else None)
        try:
            validate_region_in_country(region, country)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"nuts_region": exc.messages}) from exc
        latitude = attrs.get("latitude", instance.latitude if instance else None)
        longitude = attrs.get("longitude", instance.longitude if instance else None)
        try:
            validate_coordinates(latitude, longitude)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"latitude": exc.messages}) from exc
        kind = attrs.get("kind", instance.kind if instance else "")
        given = {name: attrs[name] for name in MEMBER_COUNT_FIELDS if name in attrs}
        if given or "kind" in attrs:
            counts = {
                name: given.get(name, getattr(instance, name, 0)) for name in MEMBER_COUNT_FIELDS
            }
            attrs.update(member_counts_for_kind(kind, counts))
        return attrs


# -- links between cluster organisations and their member organisations --------------------


class ClusterMemberSerializer(serializers.Serializer):
    """A confirmed member organisation of a cluster (public)."""

    member = OrganisationSummarySerializer()
    member_since = serializers.DateTimeField(source="confirmed_at")


class MemberLinkSerializer(serializers.ModelSerializer):
    """A link as its two sides' administrators (and staff) see it."""

    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    member = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    cluster_name = serializers.CharField(source="cluster.name", read_only=True)
    member_name = serializers.CharField(source="member.name", read_only=True)
    status = serializers.ChoiceField(choices=LinkStatus.choices, read_only=True)
    proposed_by_side = serializers.ChoiceField(choices=LinkSide.choices, read_only=True)

    class Meta:
        model = MemberLink
        fields = [
            "id",
            "cluster",
            "cluster_name",
            "member",
            "member_name",
            "status",
            "proposed_by_side",
            "proposed_at",
            "decided_at",
            "confirmed_at",
            "ended_at",
        ]


class MemberLinkProposeSerializer(serializers.Serializer):
    """Propose a link: the slugs of the cluster and of the member organisation. You act for
    the side you administer (the cluster adds a member; a member asks to be listed)."""

    cluster = serializers.SlugField(max_length=220, allow_unicode=True)
    member = serializers.SlugField(max_length=220, allow_unicode=True)
