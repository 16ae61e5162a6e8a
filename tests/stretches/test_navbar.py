"""The navigation bar from markup rendered once per process is the bar the template renders node
by node: for anyone, on any page, with the person's own email and token filled in."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import get_token
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape

from stretches import navbar
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SOURCE = (Path(settings.BASE_DIR) / "templates/includes/_navbar.html").read_text()
# The bar as its template wrote it before {% navbar %}: the label straight from the person.
NODE_BY_NODE = Template(
    SOURCE.replace("{{ user_label }}", "{{ user.email|default:user.username }}")
)
WITH_THE_TAG = Template("{% load site_navbar %}{% navbar %}")


@pytest.fixture(autouse=True)
def nothing_kept_yet():
    navbar._kept.clear()


def both_ways(path, user):
    request = RequestFactory().get(path)
    request.user = user
    kept = WITH_THE_TAG.render(RequestContext(request))
    # A second request is filled from what the first kept, with its own token.
    again = WITH_THE_TAG.render(RequestContext(request))
    return NODE_BY_NODE.render(RequestContext(request)), kept, again, get_token(request)


ADDRESSES = [
    reverse("accounts:profile"),
    reverse("stretches:routine_list"),
    reverse("stretches:safety"),
]


@pytest.mark.parametrize("path", ADDRESSES)
def test_a_visitor_gets_the_same_bar(path):
    node_by_node, kept, again, _ = both_ways(path, AnonymousUser())

    assert kept == again == node_by_node
    assert "Sign in" in kept


@pytest.mark.parametrize("path", ADDRESSES)
@pytest.mark.parametrize(
    ("email", "username"),
    [("kim@example.com", "kim"), ("", "lee"), ('a&b<"c">@example.com', "x")],
    ids=["an email", "no email, the username", "an email to escape"],
)
def test_someone_signed_in_gets_the_same_bar_with_their_own_name_and_token(path, email, username):
    user = UserFactory(email=email, username=username)

    node_by_node, kept, again, _ = both_ways(path, user)

    def without_token(html):
        start = html.index('name="csrfmiddlewaretoken" value="')
        return html[:start] + html[html.index('"', start + 34) :]

    assert without_token(kept) == without_token(again) == without_token(node_by_node)
    assert kept != again  # each request its own masked token
    assert escape(user.email or user.username) in kept


def test_the_persons_parts_are_never_kept():
    user = UserFactory(email="kim@example.com", username="kim")
    both_ways(reverse("accounts:profile"), user)

    kept = "".join("".join(pieces) for pieces in navbar._kept.values())
    assert "kim" not in kept
    assert "csrfmiddlewaretoken" in kept


def test_without_a_request_the_bar_is_a_visitors():
    assert WITH_THE_TAG.render(Context({})) == NODE_BY_NODE.render(Context({}))
