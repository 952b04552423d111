from __future__ import annotations

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.utils import has_verified_email
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django_countries import countries
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from clusterbridge.api.exceptions import error_response
from clusterbridge.api.serializers.taxonomy import (
    ClusterCategorySerializer,
    CountrySerializer,
    EcosystemSerializer,
    NutsRegionSerializer,
    TechnologySerializer,
    TokenRequestSerializer,
    TokenSerializer,
)
from clusterbridge.api.views.organisations import ERROR
from clusterbridge.common.clientip import client_ip
from clusterbridge.taxonomy.models import (
    ClusterCategory,
    IndustrialEcosystem,
    NutsRegion,
    Technology,
)


class _Unpaginated(ListAPIView):
    pagination_class = None


class SectorListView(_Unpaginated):
    """The 51 traded cluster categories and the emerging industries."""

    serializer_class = ClusterCategorySerializer
    queryset = ClusterCategory.objects.all()


class EcosystemListView(_Unpaginated):
    """The 14 EU industrial ecosystems."""

    serializer_class = EcosystemSerializer
    queryset = IndustrialEcosystem.objects.all()


class TechnologyListView(_Unpaginated):
    """Key enabling technologies."""

    serializer_class = TechnologySerializer
    queryset = Technology.objects.all()


class RegionListView(_Unpaginated):
    """NUTS 2021 regions, levels 0–2."""

    serializer_class = NutsRegionSerializer

    def get_queryset(self):
        queryset = NutsRegion.objects.select_related("parent")
        level = self.request.query_params.get("level")
        if level in {"0", "1", "2", "3"}:
            queryset = queryset.filter(level=int(level))
        if country := self.request.query_params.get("country"):
            queryset = queryset.filter(country_code=country.upper()[:2])
        return queryset

    @extend_schema(
        parameters=[
            OpenApiParameter("level", int, enum=[0, 1, 2, 3]),
            OpenApiParameter("country", str, description="NUTS country code (EL for Greece)."),
        ],
        responses={200: NutsRegionSerializer(many=True), 400: ERROR},
    )
    def get(self, request, *args, **kwargs):
        level = request.query_params.get("level")
        if level is not None and level not in {"0", "1", "2", "3"}:
            return error_response(
                _("Unknown NUTS level “%(level)s”; use 0, 1, 2 or 3.") % {"level": level}
            )
        return super().get(request, *args, **kwargs)


class CountryListView(GenericAPIView):
    serializer_class = CountrySerializer
    pagination_class = None

    @extend_schema(responses={200: CountrySerializer(many=True)})
    def get(self, request):
        return Response([{"code": code, "name": name} for code, name in countries])


class LoginThrottle(AnonRateThrottle):
    """All token requests of one client address; the address is found like the web login's
    (X-Forwarded-For only from TRUSTED_PROXIES), never from a header anyone can send."""

    rate = "10/min"

    def get_ident(self, request):
        return client_ip(request) or "unknown"


class TokenView(GenericAPIView):
    """Exchange e-mail and password for an API token (the same token as on the account page).

    The same rules as the web login: allauth's failed-login limits and lockout (per account and
    per client address + account), and the e-mail address must be verified."""

    serializer_class = TokenRequestSerializer
    throttle_classes = [LoginThrottle]
    authentication_classes: list = []

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: TokenSerializer, 400: ERROR, 403: ERROR, 429: ERROR},
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email = serializer.validated_data["email"]
        http_request = request._request  # allauth works on Django's request
        try:
            user = get_account_adapter(http_request).authenticate(
                http_request, email=email, password=serializer.validated_data["password"]
            )
        except DjangoValidationError as exc:
            if exc.code != "too_many_login_attempts":
                raise
            return error_response(
                " ".join(exc.messages),
                code="too_many_login_attempts",
                status_code=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        if user is None or not user.is_active:
            return error_response(
                _("Unknown e-mail address or wrong password."), code="invalid_credentials"
            )
        if not has_verified_email(user, email):
            return error_response(
                _(
                    "Confirm your e-mail address first: follow the link in the e-mail we sent "
                    "you, or log in on the website to receive a new one."
                ),
                code="email_unverified",
                status_code=status.HTTP_403_FORBIDDEN,
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
