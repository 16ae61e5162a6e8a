"""The steps page kept whole for visitors who are not signed in (stretches.caching.steps): the same
page as one rendered for its request, nothing of anyone's kept in it, every change seen at once."""

import html
import re
from types import SimpleNamespace

import pytest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.test import Client
from django.utils.safestring import mark_safe

from stretches.caching import openings, published_routine_content, routine_steps_html
from stretches.caching import steps as kept_steps
from stretches.models import Routine
from tests.factories import UserFactory, routine_with_steps
from tests.helpers import screen, url

pytestmark = pytest.mark.django_db

TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CHECK_IN_CARD = re.compile(r'<section class="card check-in.*?</section>', re.DOTALL)


@pytest.fixture
def routine(conditions, general_red_flag):
    return routine_with_steps(
        step_count=3,
        title="Chair twist",
        slug="chair-twist",
        contraindications=[conditions["osteopenia"]],
    )


@pytest.fixture
def kept_pages(monkeypatch):
    """Every whole steps page kept for visitors, as it is built."""
    built = []
    keep = kept_steps.kept_per_version

    def recording(key, build):
        if not key.startswith("limber:routine-steps-whole-page:"):
            return keep(key, build)

        def recorded():
            built.append(build())
            return built[-1]

        return keep(key, recorded)

    monkeypatch.setattr(kept_steps, "kept_per_version", recording)
    return built


def without_tokens(page):
    return " ".join(TOKENS.sub(r"\1…\2", page).split())


def token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]


def rendered_for_its_request(response, routine):
    """The steps page as its template renders it around its content block, for the same request
    (the check-in card, the person's own, taken from the page)."""
    page = response.content.decode()
    request = response.wsgi_request
    routine_html = routine_steps_html(
        published_routine_content(routine.slug),
        csrf_token=get_token(request),
        check_in_card=mark_safe(CHECK_IN_CARD.search(page)[0]),
    )
    return render_to_string(
        "stretches/routine_steps.html",
        {"routine": routine, "routine_html": routine_html},
        request=request,
    )


def just_screened(client, routine):
    screen(client, routine)
    return client.get(url("routine_steps", routine))


def coming_back(client, routine):
    screen(client, routine)
    client.get(url("routine_steps", routine))
    return client.get(url("routine_steps", routine))


def after_rating_the_pain(client, routine):
    screen(client, routine)
    client.post(url("check_in_before", routine), {"pain": "3"})
    return client.get(url("routine_steps", routine))


def signed_in(client, routine):
    client.force_login(UserFactory(email="pat@example.com"))
    screen(client, routine)
    return client.get(url("routine_steps", routine))


@pytest.mark.parametrize("visit", [just_screened, coming_back, after_rating_the_pain, signed_in])
def test_the_page_is_the_page_as_rendered_for_its_request(client, routine, visit):
    # Kept by another visitor first, so this page is filled in from the kept markup.
    other = Client()
    screen(other, routine)
    other.get(url("routine_steps", routine))

    response = visit(client, routine)

    assert response.status_code == 200
    assert without_tokens(response.content.decode()) == without_tokens(
        rendered_for_its_request(response, routine)
    )


def test_the_kept_page_holds_no_token_no_rating_and_no_message(routine, kept_pages, settings):
    rated, other = Client(), Client()
    for browser in (rated, other):
        screen(browser, routine)
    rated.post(url("check_in_before", routine), {"pain": "3"})
    pages = [
        browser.get(url("routine_steps", routine)).content.decode() for browser in (rated, other)
    ]

    assert len(kept_pages) == 1
    assert kept_pages[0][1::2] == ("messages_html", "routine_html")
    markup = "".join(kept_pages[0][0::2])
    secrets = [token(page) for page in pages]
    secrets += [browser.cookies[settings.CSRF_COOKIE_NAME].value for browser in (rated, other)]
    assert not [secret for secret in secrets if secret in markup]
    assert "you rated your pain 3" in pages[0]
    assert "you rated your pain" not in markup
    assert "Chair twist: steps · Limber" in markup


def test_two_visitors_get_the_same_page_with_their_own_tokens(routine):
    first, second = Client(), Client()
    pages = []
    for browser in (first, second):
        screen(browser, routine)
        browser.get(url("routine_steps", routine))
        pages.append(browser.get(url("routine_steps", routine)).content.decode())

    assert without_tokens(pages[0]) == without_tokens(pages[1])
    assert token(pages[0]) != token(pages[1])


def test_a_message_is_shown_once_and_never_kept(client, routine, kept_pages):
    other = Client()
    screen(other, routine)
    other.get(url("routine_steps", routine))
    screen(client, routine)

    page = html.unescape(client.get(url("routine_steps", routine)).content.decode())
    again = html.unescape(client.get(url("routine_steps", routine)).content.decode())

    message = "Thank you. Your answers don't rule out this routine. Stop if anything hurts."
    assert message in page
    assert message not in again
    assert len(kept_pages) == 1
    assert message not in html.unescape("".join(kept_pages[0][0::2]))


def test_a_signed_in_persons_own_navigation_is_never_kept(client, routine, kept_pages):
    visitor = Client()
    screen(visitor, routine)
    client.force_login(UserFactory(email="pat@example.com"))
    screen(client, routine)

    visitor_page = visitor.get(url("routine_steps", routine)).content.decode()
    person_page = client.get(url("routine_steps", routine)).content.decode()

    assert "pat@example.com" in person_page
    assert "Sign in" in visitor_page
    assert "pat@example.com" not in visitor_page
    assert len(kept_pages) == 1
    assert "pat@example.com" not in "".join(kept_pages[0][0::2])


def test_a_new_title_shows_in_the_whole_page_at_once(client, routine):
    screen(client, routine)
    client.get(url("routine_steps", routine))

    routine.title = "Seated twist"
    routine.save()
    page = client.get(url("routine_steps", routine)).content.decode()

    assert "<title>Seated twist: steps · Limber</title>" in page
    assert "<h1>Seated twist</h1>" in page
    assert "Chair twist" not in page


def test_an_unpublished_routine_is_404_at_once(client, routine):
    screen(client, routine)
    client.get(url("routine_steps", routine))

    routine.status = Routine.Status.UNPUBLISHED
    routine.save()

    assert client.get(url("routine_steps", routine)).status_code == 404


def test_the_kept_page_is_never_cached_and_needs_no_inline_script_or_style(client, routine):
    screen(client, routine)
    client.get(url("routine_steps", routine))

    response = client.get(url("routine_steps", routine))

    page = response.content.decode()
    assert "no-store" in response.headers["Cache-Control"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    scripts = re.findall(r"<script[^>]*>", page)
    assert len(scripts) == 5
    assert all(' src="/static/' in script for script in scripts)
    assert " style=" not in page


def test_a_deploy_with_new_static_files_gets_a_page_naming_them(routine, kept_pages, monkeypatch):
    visitor = Client()
    screen(visitor, routine)
    monkeypatch.setattr(openings, "staticfiles_storage", SimpleNamespace(manifest_hash="a"))
    visitor.get(url("routine_steps", routine))
    visitor.get(url("routine_steps", routine))
    monkeypatch.setattr(openings, "staticfiles_storage", SimpleNamespace(manifest_hash="b"))

    visitor.get(url("routine_steps", routine))

    assert len(kept_pages) == 2
