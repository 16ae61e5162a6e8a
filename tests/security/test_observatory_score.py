"""The production headers, scored by the MDN HTTP Observatory's published rules.

Only the tests whose result this site's own headers decide are scored here; each rule is named
as the Observatory names it (mdn/mdn-http-observatory, "Tests & Scoring"). Redirection and the
HSTS preload bonus depend on the deployment and are left at 0.
"""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PRODUCTION_HEADERS = override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)


def csp_rule(policy):
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    sources = " ".join(" ".join(values) for values in directives.values())
    if "'unsafe-inline'" in sources or "'unsafe-eval'" in sources:
        return "csp-implemented-with-unsafe", -20
    if directives.get("default-src") == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def cookies_rule(cookies):
    secure = all(cookie["secure"] for cookie in cookies.values())
    samesite = all(cookie["samesite"].lower() in {"lax", "strict"} for cookie in cookies.values())
    session_httponly = all(
        cookie["httponly"] for name, cookie in cookies.items() if "session" in name
    )
    if secure and session_httponly and samesite:
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-not-all-secure", -20


def score(response):
    rules = [csp_rule(response["Content-Security-Policy"]), cookies_rule(response.cookies)]
    hsts = response.get("Strict-Transport-Security", "")
    max_age = int(hsts.split("max-age=")[1].split(";")[0]) if "max-age=" in hsts else 0
    rules.append(
        ("hsts-implemented-max-age-at-least-six-months", 0)
        if max_age >= 15768000
        else ("hsts-not-implemented", -20)
    )
    referrer = response.get("Referrer-Policy", "")
    rules.append(
        ("referrer-policy-private", 5)
        if referrer
        in {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
        else ("referrer-policy-not-implemented", 0)
    )
    rules.append(
        ("x-content-type-options-nosniff", 0)
        if response.get("X-Content-Type-Options") == "nosniff"
        else ("x-content-type-options-not-implemented", -5)
    )
    rules.append(
        ("x-frame-options-implemented-via-csp", 5)
        if "frame-ancestors 'none'" in response["Content-Security-Policy"]
        else ("x-frame-options-sameorigin-or-deny", 0)
    )
    rules.append(
        ("corp-implemented-with-same-origin", 0)
        if response.get("Cross-Origin-Resource-Policy") == "same-origin"
        else ("corp-not-implemented", -5)
    )
    rules.append(("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0))
    penalties = sum(value for _, value in rules if value < 0)
    bonuses = sum(value for _, value in rules if value > 0)
    baseline = 100 + penalties
    return (baseline + bonuses if baseline >= 90 else baseline), dict(rules)


@PRODUCTION_HEADERS
def test_the_sign_in_page_scores_at_least_115(client):
    response = client.get(reverse("accounts:login"), secure=True)

    total, rules = score(response)

    assert "csrftoken" in response.cookies
    assert total >= 115, rules
    assert total == 125


@PRODUCTION_HEADERS
def test_a_signed_in_page_with_its_session_cookie_scores_at_least_115(client):
    user = UserFactory(email="kim@example.com", username="kim@example.com")
    response = client.post(
        reverse("accounts:login"),
        {"username": "kim@example.com", "password": "a calm walk by the river at dawn"},
        secure=True,
    )
    assert response.status_code == 302, user

    total, rules = score(response)

    assert "sessionid" in response.cookies
    assert total >= 115, rules
