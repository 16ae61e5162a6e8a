import pytest
from django.db import connection

from stretches.models import Routine
from tests.factories import RoutineFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/routines/"


@pytest.mark.parametrize(
    "text",
    ['"unclosed', "-", "or", "twist -", "!!!", "&|:*", "' OR 1=1 --", "ünïcödé"],
)
def test_any_search_text_gives_a_page_never_an_error(client, text):
    RoutineFactory(title="Chair twist")

    response = client.get(LIST_URL, {"q": text})

    assert response.status_code == 200


def test_a_nul_byte_in_the_search_is_a_clear_400_never_an_error_page(client):
    response = client.get(LIST_URL, {"q": "a\x00b"})

    assert response.status_code == 400
    assert b"A NUL character is not allowed" in response.content


def test_search_finds_words_of_the_title_and_the_about_text_whatever_their_case():
    title = RoutineFactory(title="Seated Twist", about="Sit tall.")
    summary = RoutineFactory(title="Lean", about="Then TWIST gently.")
    RoutineFactory(title="Ball", about="Lie down.")

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
