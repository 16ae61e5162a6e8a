import pytest
from django.urls import reverse

from stretches.models import Routine
from tests.factories import ContraindicationFactory, RoutineFactory, routine_with_steps

pytestmark = pytest.mark.django_db

LIST_URL = reverse("stretches:routine_list")


def listed_titles(response):
    # The page holds its routines' ids (RoutineIdPaginator); their cards are the markup.
    ids = response.context["routines"]
    routines = Routine.objects.in_bulk(ids)
    return [routines[pk].title for pk in ids]


def test_home_page_shows_the_general_safety_notice(client):
    response = client.get(reverse("stretches:home"))

    assert response.status_code == 200
    assert b"If you feel pain or discomfort, stop immediately" in response.content
    assert reverse("stretches:safety").encode() in response.content


def test_safety_page_covers_when_to_stop_and_when_to_see_a_doctor(client):
    response = client.get(reverse("stretches:safety"))

    assert response.status_code == 200
    for text in (
        b"Back pain that persists beyond a few weeks should be evaluated by a doctor",
        b"avoid forcing your back to crack excessively",
        b"the other person cannot gauge your comfort level",
        b"osteopenia",
    ):
        assert text in response.content


def test_list_shows_published_routines_with_their_details(client):
    routine_with_steps(step_count=4, title="Chair twist", estimated_minutes=3)
    RoutineFactory(title="Secret draft", status=Routine.Status.DRAFT)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert listed_titles(response) == ["Chair twist"]
    assert b"Sitting on a chair" in response.content
    assert b"About 3 minutes" in response.content
    assert b"4 steps" in response.content
    assert b"Secret draft" not in response.content


def test_list_filters_combine_and_stay_in_the_form(client):
    RoutineFactory(title="Neck on chair", body_area="neck", position="chair", equipment="chair")
    RoutineFactory(title="Neck standing", body_area="neck", position="standing", equipment="none")
    RoutineFactory(title="Back on chair", body_area="lower_back", position="chair")

    response = client.get(LIST_URL, {"body_area": "neck", "position": "chair"})

    assert listed_titles(response) == ["Neck on chair"]
    assert response.context["filters"]["body_area"] == "neck"
    assert b'<option value="neck" selected>' in response.content


def test_list_filters_by_equipment(client):
    RoutineFactory(title="With roller", equipment="foam_roller")
    RoutineFactory(title="With chair", equipment="chair")

    response = client.get(LIST_URL, {"equipment": "foam_roller"})

    assert listed_titles(response) == ["With roller"]


def test_text_search_matches_title_and_summary(client):
    RoutineFactory(title="Chair twist", about="Sit.")
    RoutineFactory(title="Lean", about="Lean back and twist a little.")
    RoutineFactory(title="Ball", about="Lie down.")

    response = client.get(LIST_URL, {"q": "twist"})

    assert listed_titles(response) == ["Chair twist", "Lean"]


@pytest.mark.parametrize(
    "query",
    [
        {"body_area": "knees"},
        {"position": "upside-down", "equipment": "<script>"},
        {"body_area": ""},
        {"q": "x" * 500},
        {"page": "not-a-number"},
    ],
)
def test_unknown_filter_values_are_ignored_not_an_error(client, query):
    RoutineFactory(title="Anything", body_area="neck")

    response = client.get(LIST_URL, query)

    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert listed_titles(response) == ["Anything"]


def test_a_page_number_past_the_end_is_a_friendly_404(client):
    response = client.get(LIST_URL, {"page": "99"})

    assert response.status_code == 404
    assert b"We can't find that page" in response.content


def test_empty_result_says_so_and_offers_all_routines(client):
    RoutineFactory(body_area="neck")

    response = client.get(LIST_URL, {"body_area": "lower_back"})

    assert b"No routine matches these filters." in response.content


def test_pagination_keeps_the_filters(client):
    for _ in range(30):
        RoutineFactory(body_area="neck")

    response = client.get(LIST_URL, {"body_area": "neck"})

    assert len(response.context["routines"]) == 24
    assert b"?body_area=neck&amp;page=2" in response.content


def test_detail_shows_facts_contraindications_and_a_start_button_to_the_screening(client):
    general = ContraindicationFactory(name="Pain right now", applies_to_all_routines=True)
    listed = ContraindicationFactory(name="Osteopenia", explanation="Bones weaker than usual.")
    routine = routine_with_steps(
        step_count=3,
        title="Chair twist",
        caution_notes="Stop if it hurts.\nDon't force it.",
        contraindications=[listed],
    )

    response = client.get(routine.get_absolute_url())

    assert response.status_code == 200
    assert list(response.context["contraindications"]) == [general, listed]
    content = response.content.decode()
    assert "Not for you if…" in content
    assert "<strong>Osteopenia</strong>: Bones weaker than usual." in content
    # Cautions describe the movement, so they wait behind the screening with the steps.
    assert "Stop if it hurts." not in content
    assert '<dt class="col-sm-3">Steps</dt><dd class="col-sm-9">3</dd>' in content
    assert reverse("stretches:screening", args=[routine.slug]) in content
    assert reverse("stretches:routine_steps", args=[routine.slug]) not in content


def test_draft_detail_and_steps_are_404_for_the_public(client):
    draft = routine_with_steps(status=Routine.Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("stretches:routine_steps", args=[draft.slug])).status_code == 404


def test_unknown_routine_is_a_friendly_404(client):
    response = client.get("/routines/no-such-routine/")

    assert response.status_code == 404
    assert b"Browse routines" in response.content


@pytest.mark.parametrize(
    "view_name", ["stretches:home", "stretches:safety", "stretches:routine_list"]
)
def test_pages_carry_a_strict_content_security_policy(client, view_name):
    response = client.get(reverse(view_name))

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    assert "unsafe-inline" not in policy


def make_routines(count):
    contraindications = ContraindicationFactory.create_batch(3)
    for _ in range(count):
        routine_with_steps(step_count=2, contraindications=contraindications)


@pytest.mark.parametrize("count", [5, 200])
def test_list_query_count_does_not_grow_with_routines(client, django_assert_max_num_queries, count):
    make_routines(count)

    with django_assert_max_num_queries(3):
        response = client.get(LIST_URL)

    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 200])
def test_detail_query_count_does_not_grow_with_routines(
    client, django_assert_max_num_queries, count
):
    make_routines(count)
    routine = Routine.objects.first()

    with django_assert_max_num_queries(2):
        assert client.get(routine.get_absolute_url()).status_code == 200
