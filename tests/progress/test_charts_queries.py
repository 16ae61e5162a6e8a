"""The person's page and the report run the same queries for 3 check-ins as for 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stretches.models import CheckIn, PainReport, RoutineCompletion, Screening
from tests.factories import RoutineFactory, UserFactory
from tests.progress.records import days_ago

pytestmark = pytest.mark.django_db


def add_records(user, routine, count):
    """`count` check-ins, finished routines, pain stops and screenings over the last 60 days."""
    CheckIn.objects.bulk_create(
        CheckIn(
            user=user,
            routine=routine,
            pain_before=n % 11,
            pain_after=(n + 3) % 11,
            created_at=days_ago(n % 60),
        )
        for n in range(count)
    )
    RoutineCompletion.objects.bulk_create(
        RoutineCompletion(user=user, routine=routine, completed_at=days_ago(n % 60))
        for n in range(count)
    )
    PainReport.objects.bulk_create(
        PainReport(user=user, routine=routine, created_at=days_ago(n % 60)) for n in range(count)
    )
    Screening.objects.bulk_create(
        Screening(
            user=user,
            routine=routine,
            routine_title=routine.title,
            outcome=Screening.Outcome.CLEARED,
            created_at=days_ago(n % 60),
        )
        for n in range(count)
    )


@pytest.mark.parametrize(
    "address", [reverse("accounts:profile"), reverse("stretches:progress_report")]
)
def test_the_query_count_does_not_grow_with_the_records(client, django_assert_num_queries, address):
    user, routine = UserFactory(), RoutineFactory()
    client.force_login(user)
    add_records(user, routine, 3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(address).status_code == 200

    add_records(user, routine, 197)
    assert CheckIn.objects.filter(user=user).count() == 200

    with django_assert_num_queries(len(few)):
        response = client.get(address)
    assert response.status_code == 200
