import pytest
from django.db import connection

from stretches.models import Routine
from tests.factories import RoutineFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/routines/"


@pytest.mark.parametrize(
    "text",
    ['"unclosed', "-", "or", "twist -", "!!!", "&|:*", "' OR 1=1 --", "a\x00b", "ünïcödé"],
)
def test_any_search_text_gives_a_page_never_an_error(client, text):
    RoutineFactory(title="Chair twist")

    response = client.get(LIST_URL, {"q": text})

    assert response.status_code == 200


def test_search_finds_words_of_the_title_and_the_summary_whatever_their_case():
    title = RoutineFactory(title="Seated Twist", summary="Sit tall.")
    summary = RoutineFactory(title="Lean", summary="Then TWIST gently.")
    RoutineFactory(title="Ball", summary="Lie down.")

    assert set(Routine.objects.search("twist")) == {title, summary}


def test_search_index_exists_exactly_where_the_database_searches_by_words():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Routine._meta.db_table)

    assert ("routine_search_gin" in constraints) == (connection.vendor == "postgresql")


def test_postgresql_search_can_use_the_gin_index():
    if connection.vendor != "postgresql":
        # SQLite searches by substring, with no index to use; the test above checks there is none.
        assert "LIKE" in str(Routine.objects.search("twist").query)
        return
    queryset = Routine.objects.search("twist")
    with connection.cursor() as cursor:
        # With so few rows the planner would rightly scan the table; forbid that to see the choice.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset.explain()

    assert "routine_search_gin" in plan
