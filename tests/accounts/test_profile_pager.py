"""The person's page counts its screenings with the rest of its rows, and shows what Django's own
pager over the ORM showed: the same HTML, the same pages."""

import re

import pytest
from django.core.paginator import Paginator
from django.urls import reverse
from django.views.generic import ListView

from accounts.paginator import CountedPaginator
from accounts.views import ProfileView
from stretches.models import Screening
from stretches.personal_data import screening_history
from stretches.progress.course import course_of
from tests.factories import UserFactory, routine_with_steps
from tests.helpers import screen

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine(conditions):
    return routine_with_steps(title="Chair twist", contraindications=[conditions["osteopenia"]])


@pytest.fixture
def person(client):
    user = UserFactory(email="kim@example.com", username="kim@example.com")
    client.force_login(user)
    return user


def without_csrf_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def page_as_django_paged_it(client, monkeypatch, **query):
    """The page with the stock pager: its own COUNT, over the ORM's queryset."""
    with monkeypatch.context() as patch:
        patch.setattr(ProfileView, "get_paginator", ListView.get_paginator)
        patch.setattr(
            ProfileView, "get_queryset", lambda view: screening_history(view.request.user)
        )
        return client.get(reverse("accounts:profile"), query)


# `page_number`, not `page`: a parameter named after Playwright's `page` fixture would make these
# browser tests, ordered before the database tests (whose groups a browser test's flush removes).
@pytest.mark.parametrize(("screenings", "page_number"), [(0, 1), (1, 1), (10, 1), (12, 1), (12, 2)])
def test_the_page_is_the_same_as_with_djangos_pager(
    client, monkeypatch, person, routine, screenings, page_number
):
    for n in range(screenings):
        screen(client, routine, {"osteopenia": "yes"} if n == 0 else None, retake=n > 0)
    assert Screening.objects.filter(user=person).count() == screenings
    client.get(reverse("stretches:home"))  # shows the screenings' messages, once

    ours = client.get(reverse("accounts:profile"), {"page": page_number})
    django = page_as_django_paged_it(client, monkeypatch, page=page_number)

    assert ours.status_code == django.status_code == 200
    assert without_csrf_tokens(ours.content.decode()) == without_csrf_tokens(
        django.content.decode()
    )
    assert ours.context["paginator"].count == screenings


def test_a_page_past_the_last_is_a_404_as_before(client, monkeypatch, person, routine):
    screen(client, routine, retake=True)

    assert client.get(reverse("accounts:profile"), {"page": 3}).status_code == 404
    assert page_as_django_paged_it(client, monkeypatch, page=3).status_code == 404


def test_the_statement_counts_the_persons_own_screenings_as_the_orm_does(client, person, routine):
    stranger = UserFactory()
    screen(client, routine, {"osteopenia": "yes"})
    screen(client, routine, retake=True)
    Screening.objects.create(
        user=stranger, routine=routine, routine_title=routine.title, outcome="cleared"
    )
    Screening.objects.create(
        session_token="someone-signed-out",
        routine=routine,
        routine_title=routine.title,
        outcome="cleared",
    )

    for user in (person, stranger, UserFactory()):
        assert course_of(user).screening_count == Screening.objects.filter(user=user).count()
    assert course_of(person).screening_count == 2


def test_someone_with_nothing_recorded_costs_the_person_and_one_statement(
    client, person, django_assert_num_queries
):
    # The person (the session comes from the cache), then recent_rows.py's one statement: no
    # COUNT and no page of screenings.
    with django_assert_num_queries(2):
        assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_known_count_is_not_counted_again(django_assert_num_queries):
    pager = CountedPaginator(Screening.objects.order_by("pk"), 10, count=0)

    with django_assert_num_queries(0):
        page = pager.page(1)
        assert list(page) == []
        assert (pager.count, pager.num_pages, page.has_other_pages()) == (0, 1, False)


def test_a_known_count_pages_as_djangos_pager_does():
    items = list(range(23))
    ours, django = CountedPaginator(items, 10, count=23), Paginator(items, 10)

    assert [list(page) for page in ours] == [list(page) for page in django]
    assert ours.num_pages == django.num_pages == 3
