"""Check-ins around a routine: the rules, the pain-of-7 stop, and the privacy of health data."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.services import personal_data
from stretches.models import CheckIn
from tests.factories import PASSWORD, UserFactory, routine_with_steps
from tests.helpers import answers_for, screen, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine(conditions, general_red_flag):
    return routine_with_steps(title="Chair twist", contraindications=[conditions["osteopenia"]])


@pytest.fixture
def screened(client, routine):
    """A visitor cleared for the routine, on its steps."""
    screen(client, routine)
    return client


def before(client, routine, pain):
    return client.post(url("check_in_before", routine), {"pain": pain})


def after(client, routine, **data):
    return client.post(url("check_in_after", routine), data)


def test_one_tap_before_saves_the_pain_and_goes_back_to_the_steps(screened, routine):
    response = before(screened, routine, "3")

    assert response.url == url("routine_steps", routine)
    check_in = CheckIn.objects.get()
    assert (check_in.pain_before, check_in.pain_after, check_in.user) == (3, None, None)
    assert check_in.session_token == screened.session["screening_owner_token"]
    steps = screened.get(response.url).content.decode()
    assert "Before you started, you rated your pain 3 out of 10." in steps
    assert 'name="pain"' not in steps


def test_the_steps_page_offers_the_eleven_numbers(screened, routine):
    content = screened.get(url("routine_steps", routine)).content.decode()

    assert [f'name="pain" value="{n}"' in content for n in range(11)] == [True] * 11
    assert 'value="11"' not in content


def test_a_before_check_in_needs_the_screening_like_the_steps_do(client, routine):
    response = before(client, routine, "3")

    assert response.url == url("screening", routine)
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("pain", ["11", "-1", "abc", "3.5", ""])
def test_a_bad_pain_number_is_refused_and_stores_nothing(screened, routine, pain):
    response = before(screened, routine, pain)

    assert response.status_code == 400
    assert "Choose a number from 0 to 10." in response.content.decode()
    assert not CheckIn.objects.exists()


def test_pain_of_7_stops_the_person_until_they_have_read_the_guidance(screened, routine):
    response = before(screened, routine, "7")
    guidance_url = url("check_in_high_pain", routine)

    assert response.url == guidance_url
    # Typing the steps' address does not get round it.
    assert screened.get(url("routine_steps", routine)).url == guidance_url
    page = screened.get(guidance_url).content.decode()
    assert "Your pain is 7 out of 10 right now" in page
    assert "Back pain that persists beyond a few weeks should be evaluated by a doctor." in page

    assert screened.post(guidance_url).url == url("routine_steps", routine)
    assert screened.get(url("routine_steps", routine)).status_code == 200
    assert CheckIn.objects.get().high_pain_guidance_read_at is not None


def test_pain_of_6_goes_straight_to_the_steps(screened, routine):
    assert before(screened, routine, "6").url == url("routine_steps", routine)
    assert screened.get(url("check_in_high_pain", routine)).url == url("routine_steps", routine)


def test_the_guidance_page_is_behind_the_screening_too(client, routine):
    assert client.get(url("check_in_high_pain", routine)).url == url("screening", routine)


def test_after_fills_the_same_check_in_with_two_taps(screened, routine):
    before(screened, routine, "5")

    response = after(screened, routine, pain="2", compared="better")

    assert response.url == url("routine_done", routine)
    check_in = CheckIn.objects.get()
    assert (check_in.pain_before, check_in.pain_after, check_in.compared) == (5, 2, "better")
    done = screened.get(response.url).content.decode()
    assert "Pain before: 5 out of 10." in done
    assert "Pain after: 2 out of 10." in done
    assert "Compared with last time: better." in done
    assert 'action="' + url("check_in_after", routine) not in done


def test_after_alone_makes_its_own_check_in(screened, routine):
    after(screened, routine, compared="worse")
    after(screened, routine, pain="4")

    assert list(CheckIn.objects.values_list("pain_before", "pain_after", "compared")) == [
        (None, 4, ""),
        (None, None, "worse"),
    ]


def test_a_before_from_an_earlier_go_is_not_filled_by_today_s_after(screened, routine):
    before(screened, routine, "5")
    CheckIn.objects.update(created_at=timezone.now() - timedelta(hours=4))

    after(screened, routine, pain="1")

    assert list(CheckIn.objects.order_by("id").values_list("pain_before", "pain_after")) == [
        (5, None),
        (None, 1),
    ]


@pytest.mark.parametrize(
    "data",
    [{}, {"pain": "11"}, {"compared": "meh"}, {"pain": "x", "compared": "better"}],
    ids=["nothing", "pain-11", "unknown-comparison", "pain-not-a-number"],
)
def test_a_bad_after_check_in_is_refused_and_stores_nothing(screened, routine, data):
    response = after(screened, routine, **data)

    assert response.status_code == 400
    assert "Your check-in was not saved" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_the_done_page_offers_the_after_form_to_a_new_visitor(routine):
    content = Client().get(url("routine_done", routine)).content.decode()

    assert 'action="' + url("check_in_after", routine) in content
    assert [f'value="{choice}"' in content for choice in ("better", "same", "worse")] == [True] * 3


def test_one_persons_check_in_is_never_shown_to_another(screened, routine):
    before(screened, routine, "5")
    after(screened, routine, pain="2", compared="better")

    other = Client()
    screen(other, routine)
    done = other.get(url("routine_done", routine))
    steps = other.get(url("routine_steps", routine))

    for response in (done, steps):
        assert "rated your pain 5" not in response.content.decode()
        assert "Pain before: 5" not in response.content.decode()
        assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize("name", ["check_in_before", "check_in_after"])
def test_check_ins_are_sent_by_post_only_and_never_put_in_an_address(screened, routine, name):
    assert screened.get(url(name, routine)).status_code == 405

    response = screened.post(url(name, routine), {"pain": "4"})

    assert response.url in (url("routine_steps", routine), url("routine_done", routine))
    assert "no-store" in response.headers["Cache-Control"]


def test_check_ins_made_before_sign_in_move_into_the_account(client, screened, routine):
    before(screened, routine, "5")
    user = UserFactory()

    screened.force_login(user)

    assert list(CheckIn.objects.values_list("user", "session_token")) == [(user.pk, "")]


def test_someone_else_s_session_check_ins_stay_theirs(screened, routine):
    before(screened, routine, "5")
    other = Client()

    other.force_login(UserFactory())

    assert CheckIn.objects.get().user is None


def test_check_ins_are_in_the_export_and_go_with_the_account(client, routine):
    user = UserFactory()
    client.force_login(user)
    screen(client, routine)
    before(client, routine, "5")
    after(client, routine, pain="3", compared="same")

    exported = personal_data(user)["check_ins"]

    assert [
        (c["pain_before"], c["pain_after"], c["compared_with_last_time"]) for c in exported
    ] == [(5, 3, "The same")]


def test_deleting_the_account_deletes_its_check_ins(client, routine):
    user = UserFactory()
    client.force_login(user)
    screen(client, routine)
    before(client, routine, "5")
    anonymous = Client()
    screen(anonymous, routine)
    before(anonymous, routine, "2")

    client.post(reverse("accounts:delete_account"), {"password": PASSWORD})

    assert list(CheckIn.objects.values_list("pain_before", flat=True)) == [2]


def test_old_session_only_check_ins_are_purged_and_accounts_ones_kept(screened, routine, settings):
    before(screened, routine, "5")
    CheckIn.objects.create(user=UserFactory(), routine=routine, pain_before=1)
    CheckIn.objects.update(
        created_at=timezone.now() - timedelta(days=settings.SCREENING_RETENTION_DAYS + 1)
    )

    call_command("purge_screenings", verbosity=0)

    assert list(CheckIn.objects.values_list("pain_before", flat=True)) == [1]


def test_check_ins_are_staff_only_with_the_health_data_permission(editor, superuser):
    changelist = reverse("admin:stretches_checkin_changelist")
    editors_browser, superusers_browser = Client(), Client()
    editors_browser.force_login(editor)
    superusers_browser.force_login(superuser)

    assert editors_browser.get(changelist).status_code == 403
    assert superusers_browser.get(changelist).status_code == 200


def test_one_persons_rating_never_shows_on_anothers_steps_page(screened, routine):
    before(screened, routine, "3")
    assert "you rated your pain 3" in screened.get(url("routine_steps", routine)).content.decode()
    other = Client()
    screen(other, routine)

    page = other.get(url("routine_steps", routine)).content.decode()

    assert "you rated your pain" not in page
    assert 'name="pain" value="3"' in page


def test_the_before_and_finish_forms_carry_this_browsers_own_working_csrf_token(routine):
    browser = Client(enforce_csrf_checks=True)
    screening = browser.get(url("screening", routine)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', screening)[1]
    browser.post(url("screening", routine), answers_for(routine) | {"csrfmiddlewaretoken": token})
    other = Client()
    screen(other, routine)
    other.get(url("routine_steps", routine))

    page = browser.get(url("routine_steps", routine)).content.decode()
    check_in_form = re.search(r'<section class="card check-in.*?</section>', page, re.DOTALL)[0]
    finish_form = re.search(r"<form[^>]+data-guided-finish>.*?</form>", page, re.DOTALL)[0]
    tokens = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
        for form in (check_in_form, finish_form)
    ]

    rated = browser.post(
        url("check_in_before", routine), {"pain": "2", "csrfmiddlewaretoken": tokens[0]}
    )
    finished = browser.post(url("routine_complete", routine), {"csrfmiddlewaretoken": tokens[1]})

    assert rated.url == url("routine_steps", routine)
    assert CheckIn.objects.get().pain_before == 2
    assert finished.url == url("routine_done", routine)


def test_the_kept_steps_markup_holds_no_token_and_no_rating(screened, routine, settings):
    before(screened, routine, "3")
    other = Client()
    screen(other, routine)
    pages = [
        browser.get(url("routine_steps", routine)).content.decode() for browser in (screened, other)
    ]

    kept = [
        cache.get(f"limber:routine-steps-page:{routine.slug}"),
        cache.get(f"limber:check-in-before-form:{routine.slug}"),
    ]

    assert None not in kept
    markup = "".join("".join(pieces) for _, pieces in kept)
    secrets = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1] for page in pages]
    secrets += [browser.cookies[settings.CSRF_COOKIE_NAME].value for browser in (screened, other)]
    assert not [secret for secret in secrets if secret in markup]
    assert "you rated your pain" not in markup
    assert "you rated your pain 3" in pages[0]
