from datetime import time

import pytest
from django.urls import reverse

from stretches.models import ReminderPlan
from stretches.progress.reminder_forms import ReminderPlanForm
from tests.progress.reminder_helpers import make_person, make_plan

pytestmark = pytest.mark.django_db

SETTINGS_URL = reverse("stretches:reminder_settings")
GOOD_POST = {
    "weekdays": ["0", "3"],
    "time": "07:30",
    "time_zone": "America/New_York",
    "email_reminders": "on",
}


@pytest.fixture
def person(django_user_model):
    return make_person(django_user_model)


@pytest.fixture
def signed_in(client, person):
    client.force_login(person)
    return client


def test_form_stores_chosen_days_as_sorted_weekday_numbers(person):
    form = ReminderPlanForm(
        {**GOOD_POST, "weekdays": ["4", "0", "4"]}, instance=ReminderPlan(user=person)
    )

    assert form.is_valid(), form.errors
    plan = form.save()
    assert plan.weekdays == "0,4"
    assert plan.weekday_numbers == [0, 4]


def test_form_refuses_no_days_an_unknown_day_a_bad_time_and_an_unknown_zone(person):
    form = ReminderPlanForm(
        {"weekdays": ["7"], "time": "25:99", "time_zone": "Mars/Olympus_Mons"},
        instance=ReminderPlan(user=person),
    )

    assert not form.is_valid()
    assert form.errors == {
        "weekdays": ["Pick days from the list."],
        "time": ["Enter a time such as 07:30."],
        "time_zone": ["Pick a time zone from the list."],
    }
    assert ReminderPlanForm({}, instance=ReminderPlan(user=person)).errors["weekdays"] == [
        "Pick at least one day."
    ]


def test_form_drops_seconds_from_the_time(person):
    form = ReminderPlanForm({**GOOD_POST, "time": "07:30:59"}, instance=ReminderPlan(user=person))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["time"] == time(7, 30)


def test_new_form_offers_the_sites_time_zone_and_an_existing_plan_shows_its_days(person, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    assert ReminderPlanForm(instance=ReminderPlan(user=person)).initial["time_zone"] == (
        "Europe/Berlin"
    )
    plan = make_plan(person, weekdays="1,5")
    assert ReminderPlanForm(instance=plan).initial["weekdays"] == [1, 5]


def test_settings_page_asks_a_signed_out_visitor_to_sign_in(client):
    response = client.get(SETTINGS_URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={SETTINGS_URL}"
    assert client.post(SETTINGS_URL, GOOD_POST).status_code == 302
    assert ReminderPlan.objects.count() == 0


@pytest.mark.parametrize(
    "name", ["reminder_new_address", "reminder_stop"], ids=["new address", "stop"]
)
def test_plan_actions_need_signing_in_and_post(client, person, name):
    plan = make_plan(person)
    url = reverse(f"stretches:{name}")

    assert client.post(url).status_code == 302
    client.force_login(person)
    assert client.get(url).status_code == 405
    assert ReminderPlan.objects.get().feed_token == plan.feed_token


def test_saving_the_form_makes_the_plan_and_shows_the_calendar_address(signed_in, person):
    response = signed_in.post(SETTINGS_URL, GOOD_POST)

    assert response.status_code == 302
    assert response["Location"] == SETTINGS_URL
    plan = ReminderPlan.objects.get(user=person)
    assert (plan.weekdays, plan.time, plan.time_zone, plan.email_reminders) == (
        "0,3",
        time(7, 30),
        "America/New_York",
        True,
    )
    page = signed_in.get(SETTINGS_URL)
    assert page.status_code == 200
    assert f"http://testserver/calendar/{plan.feed_token}.ics" in page.content.decode()
    assert f"webcal://testserver/calendar/{plan.feed_token}.ics" in page.content.decode()
    assert "Your reminders are saved." in page.content.decode()


def test_settings_page_is_never_cached(signed_in):
    response = signed_in.get(SETTINGS_URL)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_bad_input_is_a_400_with_errors_and_changes_nothing(signed_in, person):
    plan = make_plan(person)
    before = ReminderPlan.objects.values().get()

    response = signed_in.post(
        SETTINGS_URL, {"weekdays": [], "time": "soon", "time_zone": "Nowhere/Special"}
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was saved." in body
    assert "Pick at least one day." in body
    assert "Enter a time such as 07:30." in body
    assert "Pick a time zone from the list." in body
    assert ReminderPlan.objects.values().get() == before
    # The calendar section shows the stored plan, not the refused input.
    assert plan.feed_token in body


def test_an_empty_post_is_a_400_not_an_unbound_form(signed_in):
    response = signed_in.post(SETTINGS_URL, {})

    assert response.status_code == 400
    assert ReminderPlan.objects.count() == 0


def test_each_person_sees_and_changes_only_their_own_plan(client, person, django_user_model):
    other = make_person(django_user_model, "lee@example.com")
    others_plan = make_plan(other, weekdays="6", time=time(21, 0))
    client.force_login(person)

    page = client.get(SETTINGS_URL).content.decode()
    assert others_plan.feed_token not in page
    client.post(SETTINGS_URL, GOOD_POST)
    client.post(reverse("stretches:reminder_new_address"))
    client.post(reverse("stretches:reminder_stop"))

    others_plan.refresh_from_db()
    assert (others_plan.weekdays, others_plan.time) == ("6", time(21, 0))
    assert ReminderPlan.objects.filter(feed_token=others_plan.feed_token).exists()
    assert not ReminderPlan.objects.filter(user=person).exists()


def test_a_new_address_ends_the_old_one(signed_in, person):
    plan = make_plan(person)
    old_feed = reverse("stretches:reminder_feed", kwargs={"token": plan.feed_token})

    response = signed_in.post(reverse("stretches:reminder_new_address"))

    assert response.status_code == 302
    plan.refresh_from_db()
    assert signed_in.get(old_feed).status_code == 404
    new_feed = reverse("stretches:reminder_feed", kwargs={"token": plan.feed_token})
    assert signed_in.get(new_feed).status_code == 200


def test_stopping_reminders_deletes_the_plan_and_its_feed(signed_in, person):
    plan = make_plan(person)

    response = signed_in.post(reverse("stretches:reminder_stop"))

    assert response.status_code == 302
    assert not ReminderPlan.objects.exists()
    feed = reverse("stretches:reminder_feed", kwargs={"token": plan.feed_token})
    assert signed_in.get(feed).status_code == 404


def test_navbar_links_a_signed_in_person_to_their_reminders(signed_in):
    body = signed_in.get(reverse("accounts:profile")).content.decode()

    assert f'href="{SETTINGS_URL}"' in body
