"""The list, search and filters made per request (a signed-in person's, never the page cache).

Their count, each page's routine ids, the cards and the filter selects are kept between
requests; every content change must show on the very next request, and nothing kept may carry
one person's page to another.
"""

import re

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

from stretches.caching import content
from stretches.forms import filter_selects
from stretches.models import Routine
from stretches.routine_file import DEFAULT_ROUTINE_FILE
from tests.factories import RoutineFactory, StepFactory, UserFactory, routine_with_steps
from tests.stretches.test_editorial_admin import change_form_data, change_url, transition_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("general_red_flag")]

Status = Routine.Status
LIST_URL = reverse("stretches:routine_list")
SEARCH = {"q": "twist"}
FILTERS = {"body_area": "neck", "position": "chair"}
PAGES = [{}, SEARCH, FILTERS, {**SEARCH, **FILTERS}]


@pytest.fixture
def person(client):
    """A signed-in person: every list page they ask for is made for them."""
    client.force_login(UserFactory(email="kim@example.com"))
    return client


def listed(client, query):
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    assert response.templates  # made, not sent from the page cache
    return response.content.decode()


def titles(client, query):
    """The titles on the page's cards, in order."""
    return re.findall(r'class="stretched-link">([^<]*)</a>', listed(client, query))


def chair_twist(**fields):
    return routine_with_steps(
        title="Chair twist", about="A gentle twist.", body_area="neck", position="chair", **fields
    )


def test_a_repeated_page_runs_no_routine_query(person, django_assert_num_queries):
    for _ in range(30):
        RoutineFactory(title="Neck twist", body_area="neck", position="chair")
    for query in PAGES:
        listed(person, query)
        listed(person, {**query, "page": 2})

    for query in PAGES:
        # The person, read by the middleware for every signed-in page (the session is read from
        # the cache: config.sessions).
        with django_assert_num_queries(1):
            assert "Neck twist" in listed(person, query)
        with django_assert_num_queries(1):
            assert "Neck twist" in listed(person, {**query, "page": 2})


def test_a_repeated_page_reuses_its_cards_markup_and_a_new_page_makes_its_own(person, monkeypatch):
    for number in range(30):
        RoutineFactory(title=f"Neck twist {number:02}", body_area="neck", position="chair")
    first = titles(person, {})

    def made_again(ids):
        raise AssertionError("a kept page's cards were looked up again")

    with monkeypatch.context() as patched:
        patched.setattr(content, "_published_routine_cards", made_again)
        assert titles(person, {"any": "other query"}) == first

    second = titles(person, {"page": 2})
    assert second
    assert not set(second) & set(first)


def test_card_lists_are_kept_apart_from_the_small_content(person):
    """A worker keeps at most 256 of them (20-30 KB each), whatever pages visitors walk."""
    RoutineFactory(title="Neck twist", body_area="neck", position="chair")
    titles(person, {"q": "neck twist"})

    def card_lists(kept):
        return [key for key in kept.entries if key.startswith("limber:routine-cards-html:")]

    assert card_lists(content._card_lists)
    assert not card_lists(content._process_content)
    assert content._card_lists.size == 256


@pytest.mark.parametrize("query", PAGES)
def test_an_admin_edit_shows_on_the_next_request(reviewer_client, query):
    routine = chair_twist()
    assert titles(reviewer_client, query) == ["Chair twist"]

    reviewer_client.post(change_url(routine), change_form_data(routine, title="Chair turn twist"))

    assert titles(reviewer_client, query) == ["Chair turn twist"]


@pytest.mark.parametrize("query", PAGES)
def test_publish_and_unpublish_show_on_the_next_request(reviewer_client, query):
    routine = chair_twist(status=Status.IN_REVIEW)
    assert titles(reviewer_client, query) == []

    reviewer_client.post(transition_url(routine, "publish"))

    assert titles(reviewer_client, query) == ["Chair twist"]
    assert "1 routine found" in listed(reviewer_client, query)

    reviewer_client.post(transition_url(routine, "unpublish"))

    assert titles(reviewer_client, query) == []
    assert "0 routines found" in listed(reviewer_client, query)


@pytest.mark.parametrize("query", PAGES)
def test_a_routine_taking_anothers_place_shows_though_the_count_is_the_same(reviewer_client, query):
    old = chair_twist()
    new = routine_with_steps(
        title="Chair neck twist", body_area="neck", position="chair", status=Status.IN_REVIEW
    )
    assert titles(reviewer_client, query) == ["Chair twist"]

    reviewer_client.post(transition_url(old, "unpublish"))
    reviewer_client.post(transition_url(new, "publish"))

    assert titles(reviewer_client, query) == ["Chair neck twist"]


def test_a_retitled_routine_moves_to_its_place_in_the_order(person):
    first = chair_twist()
    routine_with_steps(title="Desk twist", body_area="neck", position="chair")
    assert titles(person, SEARCH) == ["Chair twist", "Desk twist"]

    first.title = "Wall twist"
    first.save()

    assert titles(person, SEARCH) == ["Desk twist", "Wall twist"]


def test_an_edit_that_stops_a_search_matching_shows_on_the_next_request(person):
    routine = chair_twist()
    assert titles(person, SEARCH) == ["Chair twist"]

    routine.title, routine.about = "Chair turn", "A gentle turn."
    routine.save()

    assert titles(person, SEARCH) == []
    assert titles(person, {}) == ["Chair turn"]


def test_a_new_routine_moves_the_later_ones_to_the_next_page(person):
    for number in range(24):
        RoutineFactory(title=f"Routine {number:02}")
    assert titles(person, {})[-1] == "Routine 23"
    assert "Page 1 of 2" not in listed(person, {})

    RoutineFactory(title="A first routine")

    assert titles(person, {})[:2] == ["A first routine", "Routine 00"]
    assert titles(person, {})[-1] == "Routine 22"
    assert "Page 1 of 2" in listed(person, {})
    assert titles(person, {"page": 2}) == ["Routine 23"]


def test_a_step_added_changes_the_step_count_on_the_next_request(person):
    routine = chair_twist(step_count=2)
    assert "2 steps" in listed(person, FILTERS)

    StepFactory(routine=routine, position=3)

    assert "3 steps" in listed(person, FILTERS)


def test_load_routines_shows_on_the_next_request(person, tmp_path):
    call_command("load_routines", verbosity=0)
    routine = Routine.objects.published().order_by("title").first()
    assert routine.title in listed(person, {})
    data = yaml.safe_load(DEFAULT_ROUTINE_FILE.read_text())
    data["routines"][routine.slug]["title"] = "A title from the new file"
    changed = tmp_path / "routines.yaml"
    changed.write_text(yaml.safe_dump(data))

    call_command("load_routines", str(changed), verbosity=0)

    shown = titles(person, {})
    assert "A title from the new file" in shown
    assert routine.title not in shown


@pytest.mark.parametrize("query", PAGES)
def test_one_persons_page_never_reaches_another(client, query):
    chair_twist()
    client.force_login(UserFactory(email="kim@example.com"))
    assert "kim@example.com" in listed(client, query)

    client.force_login(UserFactory(email="sam@example.com"))
    page = listed(client, query)

    assert "sam@example.com" in page
    assert "kim@example.com" not in page


def test_the_filter_selects_show_the_chosen_values_only():
    html = filter_selects({"q": "", "body_area": "neck", "position": "", "equipment": "chair"})

    assert html.count(" selected>") == 3
    assert '<option value="neck" selected>' in html
    assert '<option value="" selected>Any position</option>' in html
    assert '<option value="chair" selected>Chair</option>' in html


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"page": "abc"}, 404),
        ({"page": "99999"}, 404),
        ({"page": "0"}, 404),
        ({"page": "last"}, 200),
        ({"body_area": "knees", "position": "<script>"}, 200),
        ({"q": "x" * 500, "page": "1"}, 200),
    ],
)
def test_bad_input_is_a_page_or_a_404_never_an_error_even_when_kept(person, query, status):
    chair_twist()

    first = person.get(LIST_URL, query)
    second = person.get(LIST_URL, query)  # with what the first kept

    assert first.status_code == second.status_code == status
    if status == 200:
        assert "Chair twist" in second.content.decode()
