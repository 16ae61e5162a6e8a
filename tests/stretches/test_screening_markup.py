"""The unsent screening form's kept markup (stretches.caching.screening): the same page as one
rendered for its request, nothing of anyone's kept in it, and every content change seen at once."""

import html
import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.test import Client

from stretches.caching import openings
from stretches.caching import screening as kept_screening
from stretches.models import Routine, Screening
from stretches.screening.forms import ScreeningForm
from tests.factories import ContraindicationFactory, UserFactory, routine_with_steps
from tests.helpers import answers_for, screen, url

pytestmark = pytest.mark.django_db

TOKENS = re.compile(r'(name="(?:csrfmiddlewaretoken|form_token)" value=")[^"]*(")')


@pytest.fixture
def routine(conditions):
    return routine_with_steps(
        step_count=3,
        title="Chair twist",
        slug="chair-twist",
        contraindications=[conditions["osteopenia"], conditions["osteoarthritis"]],
    )


@pytest.fixture
def kept(monkeypatch):
    """Every piece of markup the screening keeps for everyone, as it is built."""
    built = []
    keep = kept_screening.kept_per_version

    def recording(key, build):
        def recorded():
            built.append(build())
            return built[-1]

        return keep(key, recorded)

    monkeypatch.setattr(kept_screening, "kept_per_version", recording)
    return built


def token(page, name):
    return html.unescape(re.search(rf'name="{name}" value="([^"]+)"', page).group(1))


def without_tokens(page):
    return " ".join(TOKENS.sub(r"\1…\2", page).split())


def rendered_for_its_request(response):
    """The screening page as the template renders it, field by field, for the same request."""
    page = response.content.decode()
    # The page's own context: the kept markup, when built during this request, was rendered
    # from another (with its openings), which the test client records too.
    rendered = next(
        context
        for context in response.context
        if "page_html" in context or "unsent_form_html" in context
    )
    context = {
        name: rendered[name]
        for name in (
            "routine",
            "retake",
            "already_answered",
            "person_notes",
            "retention_days",
            "standing_valid_hours",
        )
    }
    form = ScreeningForm(
        routine=context["routine"], contraindications=rendered["form"].contraindications
    )
    return render_to_string(
        "stretches/screening_form.html",
        {**context, "form": form, "form_token": token(page, "form_token")},
        request=response.wsgi_request,
    )


def stop_twice(client, routine):
    for step in ("1", "2"):
        client.post(url("routine_stop", routine), {"step": step})


def test_the_kept_markup_holds_no_token_and_nothing_of_the_persons(client, routine, kept):
    screen(client, routine)
    stop_twice(client, routine)
    Client().get(url("screening", routine))

    page = client.get(url("screening", routine)).content.decode()

    assert len(kept) == 1
    text = "".join(kept[0][0::2])
    assert kept[0][1::2] == ("messages_html", "person_notes", "csrf_token", "form_token")
    assert token(page, "csrfmiddlewaretoken") not in text
    assert token(page, "form_token") not in text
    assert "You have stopped because it hurt 2 times" in page
    assert "You have stopped because it hurt" not in text
    assert "checked" not in text


def test_two_browsers_get_the_same_page_with_their_own_tokens(routine, kept):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = [browser.get(url("screening", routine)).content.decode() for browser in (first, second)]

    assert len(kept) == 1
    assert without_tokens(pages[0]) == without_tokens(pages[1])
    for name in ("csrfmiddlewaretoken", "form_token"):
        assert token(pages[0], name) != token(pages[1], name)
    for browser, page in zip((first, second), pages, strict=True):
        answers = answers_for(routine) | {
            "form_token": token(page, "form_token"),
            "csrfmiddlewaretoken": token(page, "csrfmiddlewaretoken"),
        }
        response = browser.post(url("screening", routine), answers)
        assert response.url == url("routine_steps", routine)
    assert Screening.objects.count() == 2


def first_visit(client, routine):
    return client.get(url("screening", routine))


def retake(client, routine):
    screen(client, routine)
    return client.get(url("screening", routine) + "?retake=1")


def second_start(client, routine):
    screen(client, routine)
    return client.get(url("screening", routine))


def after_two_pain_stops(client, routine):
    screen(client, routine)
    stop_twice(client, routine)
    return client.get(url("screening", routine))


def signed_in(client, routine):
    client.force_login(UserFactory(email="pat@example.com"))
    screen(client, routine)
    return client.get(url("screening", routine))


@pytest.mark.parametrize(
    "visit", [first_visit, retake, second_start, after_two_pain_stops, signed_in]
)
def test_the_page_is_the_form_as_rendered_for_its_request(client, routine, visit):
    # Kept by another browser first, so this page is filled in from the kept markup.
    Client().get(url("screening", routine))
    Client().get(url("screening", routine) + "?retake=1")

    response = visit(client, routine)

    assert response.status_code == 200
    assert without_tokens(response.content.decode()) == without_tokens(
        rendered_for_its_request(response)
    )


def test_retaking_and_a_second_start_each_say_so(client, routine):
    Client().get(url("screening", routine))
    screen(client, routine)

    again = client.get(url("screening", routine)).content.decode()
    retaking = client.get(url("screening", routine) + "?retake=1").content.decode()

    assert "Your recent answers to 3 questions still count, so there is 1 to answer now." in again
    assert "Answer every question again; your newest answers decide." in retaking
    assert 'action="/routines/chair-twist/screening/?retake=1"' in retaking
    assert "A few questions to check" not in again + retaking


def questions_on(page):
    return re.findall(r'<input[^>]+type="radio" name="(question-[\w-]+)" id="[^"]+_0"', page)


def test_as_many_answers_to_other_questions_ask_each_person_their_own(routine, conditions):
    # Two routines, each sharing one of chair twist's conditions: both people have two standing
    # answers that still count for chair twist, but not the same two.
    answered_osteopenia, answered_osteoarthritis = Client(), Client()
    screen(answered_osteopenia, routine_with_steps(contraindications=[conditions["osteopenia"]]))
    screen(
        answered_osteoarthritis,
        routine_with_steps(contraindications=[conditions["osteoarthritis"]]),
    )

    pages = [
        browser.get(url("screening", routine)).content.decode()
        for browser in (answered_osteopenia, answered_osteoarthritis)
    ]

    assert questions_on(pages[0]) == ["question-pain-right-now", "question-osteoarthritis"]
    assert questions_on(pages[1]) == ["question-pain-right-now", "question-osteopenia"]


def reword_a_question(routine, conditions):
    conditions["osteopenia"].question = "Has a doctor said your bones are thin?"
    conditions["osteopenia"].save()
    return "Has a doctor said your bones are thin?"


def explain_a_question_again(routine, conditions):
    conditions["osteopenia"].explanation = "Thin bones can break when twisted."
    conditions["osteopenia"].save()
    return "Thin bones can break when twisted."


def add_a_contraindication(routine, conditions):
    routine.contraindications.add(
        ContraindicationFactory(slug="feet", question="Do your feet go numb when you sit?")
    )
    return "Do your feet go numb when you sit?"


def retitle_the_routine(routine, conditions):
    routine.title = "Seated twist"
    routine.save()
    return "Before you start: Seated twist"


@pytest.mark.parametrize(
    "change",
    [reword_a_question, explain_a_question_again, add_a_contraindication, retitle_the_routine],
)
def test_a_content_change_shows_on_the_next_page(client, routine, conditions, change):
    client.get(url("screening", routine))

    shown = change(routine, conditions)

    assert shown in html.unescape(client.get(url("screening", routine)).content.decode())


def test_an_unpublished_routine_is_404_at_once(client, routine):
    client.get(url("screening", routine))

    routine.status = Routine.Status.UNPUBLISHED
    routine.save()

    assert client.get(url("screening", routine)).status_code == 404


def test_a_form_sent_with_errors_shows_its_own_answers_and_leaves_the_kept_form_unsent(
    client, routine
):
    client.get(url("screening", routine))
    answers = answers_for(routine, {"osteopenia": "not_sure"})
    del answers["question-osteoarthritis"]

    sent = client.post(url("screening", routine), answers).content.decode()
    unsent = Client().get(url("screening", routine)).content.decode()

    assert 'value="not_sure" checked' in sent
    assert "Please answer this question: Yes, No or Not sure." in sent
    assert "checked" not in unsent
    assert "Please check your answers" not in unsent


def test_an_unsent_form_is_shown_without_building_the_form(client, routine, monkeypatch):
    client.get(url("screening", routine))
    built = []
    monkeypatch.setattr(ScreeningForm, "__init__", lambda *args, **kwargs: built.append(args))

    response = client.get(url("screening", routine))

    assert response.status_code == 200
    assert 'name="question-osteopenia"' in response.content.decode()
    assert built == []


def test_a_signed_in_persons_own_navigation_is_never_kept(client, routine, kept):
    Client().get(url("screening", routine))
    client.force_login(UserFactory(email="pat@example.com"))

    visitor = Client().get(url("screening", routine)).content.decode()
    person = client.get(url("screening", routine)).content.decode()

    assert "pat@example.com" in person
    assert "Sign out" in person
    assert "Sign in" not in person
    assert "Sign in" in visitor
    assert "pat@example.com" not in visitor
    assert all("pat@example.com" not in "".join(markup[0::2]) for markup in kept)


def test_a_message_is_shown_once_and_never_kept(client, routine, kept):
    Client().get(url("screening", routine))
    redirected = client.get(url("routine_steps", routine))

    page = client.get(redirected.url).content.decode()
    again = client.get(redirected.url).content.decode()

    message = "Before you start, please answer a few safety questions."
    assert message in page
    assert message not in again
    assert all(message not in "".join(markup[0::2]) for markup in kept)


@pytest.mark.parametrize("visit", [first_visit, signed_in])
def test_the_kept_page_is_never_cached_and_needs_no_inline_script_or_style(client, routine, visit):
    Client().get(url("screening", routine))

    response = visit(client, routine)

    page = response.content.decode()
    policy = response.headers["Content-Security-Policy"]
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    scripts = re.findall(r"<script[^>]*>", page)
    assert len(scripts) == 2
    assert all(' src="/static/' in script for script in scripts)
    assert " style=" not in page


def test_a_deploy_with_new_static_files_gets_a_page_naming_them(routine, kept, monkeypatch):
    monkeypatch.setattr(openings, "staticfiles_storage", SimpleNamespace(manifest_hash="a"))
    Client().get(url("screening", routine))
    Client().get(url("screening", routine))
    monkeypatch.setattr(openings, "staticfiles_storage", SimpleNamespace(manifest_hash="b"))

    Client().get(url("screening", routine))

    assert len(kept) == 2
