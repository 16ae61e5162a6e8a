"""Finding 3: behind a proxy every client shared one address, so anyone could lock anyone out."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from config.client_ip import client_ip
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def request_from(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_a_direct_connection_never_trusts_a_forwarded_header(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(request_from("198.51.100.7", forwarded="203.0.113.9")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("203.0.113.66, 198.51.100.7", "198.51.100.7"),  # the left entry was the client's own
        ("", PROXY),
        ("not-an-address", PROXY),
    ],
)
def test_behind_one_proxy_the_client_is_the_address_that_proxy_appended(
    settings, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(request_from(PROXY, forwarded)) == expected


def fail_sign_in(client, forwarded):
    return client.post(
        reverse("accounts:login"),
        {"username": "kim@example.com", "password": "wrong"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_a_proxy_an_attackers_failures_do_not_lock_the_owner_out(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(email="kim@example.com", username="kim@example.com")
    for _ in range(5):
        fail_sign_in(client, "203.0.113.66")
    assert fail_sign_in(client, "203.0.113.66").status_code == 429

    owner = client.post(
        reverse("accounts:login"),
        {"username": "kim@example.com", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert owner.status_code == 302
    assert owner.url == reverse("accounts:profile")


def test_without_a_trusted_proxy_a_forged_header_does_not_dodge_the_lockout(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    UserFactory(email="kim@example.com", username="kim@example.com")
    for n in range(5):
        fail_sign_in(client, f"203.0.113.{n}")

    assert fail_sign_in(client, "203.0.113.99").status_code == 429
