"""API error messages come in the request's language (Accept-Language); the error shape and
codes stay the same in every language."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_validation_error_comes_in_french(client):
    response = client.get("/api/v1/labels/?level=platinum", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "validation_error"
    assert body["message"] == "Niveau de label inconnu « platinum »."
    english = client.get("/api/v1/labels/?level=platinum", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["message"] == "Unknown label level “platinum”."


def test_drf_field_errors_come_in_german(client):
    response = client.post(
        "/api/v1/auth/token/", {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "validation_error"
    assert "Dieses Feld ist zwingend erforderlich." in body["message"]


def test_our_own_error_messages_come_in_french(client):
    response = client.get("/api/v1/no-such-endpoint/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert response.json() == {
        "error": "not_found",
        "message": "Aucun point d’accès de l’API à l’adresse /api/v1/no-such-endpoint/.",
    }
    response = client.get("/api/v1/taxonomies/regions/?level=7", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert response.json()["message"] == "Niveau NUTS inconnu « 7 » ; utilisez 0, 1, 2 ou 3."
