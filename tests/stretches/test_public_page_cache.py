"""Anonymous public pages come from the cache; every content change path makes them fresh."""

import pytest
import yaml
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse

from stretches.caching import cache_public_page
from stretches.models import Routine
from stretches.revisions import revert_routine, routine_history
from stretches.routine_file import DEFAULT_ROUTINE_FILE
from tests.factories import PASSWORD, ContraindicationFactory, UserFactory, routine_with_steps
from tests.helpers import screen, url
from tests.stretches.test_editorial_admin import change_form_data, change_url, transition_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("general_red_flag")]

Status = Routine.Status
LIST_URL = reverse("stretches:routine_list")
PUBLIC_PAGES = ["/", "/safety/", LIST_URL, "/routines/?q=twist&body_area=neck"]


@pytest.fixture(autouse=True, params=["in-process cache", "Redis"])
def shared_cache(request):
    """Every test twice: on development's in-process cache, and on production's Redis, where
    each process follows the content version instead of reading it (config.followed)."""
    if request.param == "Redis":
        request.getfixturevalue("redis_cache")


@pytest.fixture
def visitor():
    """An anonymous browser of its own, apart from any signed-in `client`."""
    return Client()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    visitor, django_assert_num_queries, path
):
    routine_with_steps(title="Chair twist", body_area="neck")
    first = visitor.get(path)

    with django_assert_num_queries(0):
        second = Client().get(path)

    assert second.status_code == 200
    assert second.content == first.content
    assert first.templates
    assert second.templates == []  # nothing rendered: the stored page was sent


def test_the_detail_page_is_served_from_the_cache(visitor, django_assert_num_queries):
    routine = routine_with_steps(title="Chair twist")
    first = visitor.get(routine.get_absolute_url())

    with django_assert_num_queries(0):
        assert Client().get(routine.get_absolute_url()).content == first.content


def test_admin_edit_of_a_published_routine_is_seen_at_once(reviewer_client, visitor):
    routine = routine_with_steps(title="Chair twist")
    assert b"Chair twist" in visitor.get(routine.get_absolute_url()).content
    assert b"Chair twist" in visitor.get(LIST_URL).content

    response = reviewer_client.post(
        change_url(routine), change_form_data(routine, title="Chair turn")
    )

    assert response.status_code == 302
    assert b"Chair turn" in visitor.get(routine.get_absolute_url()).content
    assert b"Chair turn" in visitor.get(LIST_URL).content


def test_admin_edit_of_a_step_changes_the_step_count_shown(reviewer_client, visitor):
    routine = routine_with_steps(step_count=2, title="Chair twist")
    assert b"2 steps" in visitor.get(LIST_URL).content
    first, second = routine.steps.all()
    data = change_form_data(routine, steps=[(first, 1), (second, 2), (None, 3)])

    assert reviewer_client.post(change_url(routine), data).status_code == 302

    assert routine.steps.count() == 3
    assert b"3 steps" in visitor.get(LIST_URL).content


def test_editing_a_condition_changes_the_detail_pages_that_list_it(visitor):
    condition = ContraindicationFactory(name="Osteopenia", explanation="Thin bones.")
    routine = routine_with_steps(contraindications=[condition])
    assert b"Thin bones." in visitor.get(routine.get_absolute_url()).content

    condition.explanation = "Bones thinner than usual."
    condition.save()

    assert b"Bones thinner than usual." in visitor.get(routine.get_absolute_url()).content


def test_publish_and_unpublish_transitions_are_seen_at_once(reviewer_client, visitor):
    routine = routine_with_steps(title="Chair twist", status=Status.IN_REVIEW)
    assert b"Chair twist" not in visitor.get(LIST_URL).content

    reviewer_client.post(transition_url(routine, "publish"))

    assert b"Chair twist" in visitor.get(LIST_URL).content
    assert visitor.get(routine.get_absolute_url()).status_code == 200

    reviewer_client.post(transition_url(routine, "unpublish"))

    assert b"Chair twist" not in visitor.get(LIST_URL).content
    assert visitor.get(routine.get_absolute_url()).status_code == 404


def test_a_revert_is_seen_at_once(reviewer, visitor):
    routine = routine_with_steps(title="Original")
    version = routine_history(routine)[0].when
    routine.title = "Rewritten"
    routine.save()
    assert b"Rewritten" in visitor.get(routine.get_absolute_url()).content

    revert_routine(routine, to=version, by=reviewer)

    page = visitor.get(routine.get_absolute_url()).content
    assert b"Original" in page
    assert b"Rewritten" not in page


def test_load_routines_is_seen_at_once(visitor, tmp_path):
    call_command("load_routines", verbosity=0)
    routine = Routine.objects.published().first()
    assert routine.title.encode() in visitor.get(LIST_URL).content
    data = yaml.safe_load(DEFAULT_ROUTINE_FILE.read_text())
    data["routines"][routine.slug]["title"] = "A title from the new file"
    changed = tmp_path / "routines.yaml"
    changed.write_text(yaml.safe_dump(data))

    call_command("load_routines", str(changed), verbosity=0)

    assert b"A title from the new file" in visitor.get(LIST_URL).content


def test_a_signed_in_persons_page_is_neither_cached_nor_shared(client, visitor):
    routine_with_steps(title="Chair twist")
    person = UserFactory(email="kim@example.com")
    client.force_login(person)

    assert b"kim@example.com" in client.get(LIST_URL).content
    assert b"kim@example.com" not in visitor.get(LIST_URL).content
    # And the other way: the anonymous page now cached is not what the person gets.
    assert b"kim@example.com" in client.get(LIST_URL).content


def test_a_waiting_message_reaches_only_its_person(client, visitor):
    person = UserFactory(email="kim@example.com")
    visitor.get("/")  # the anonymous home page is now cached
    client.force_login(person)

    client.post(reverse("accounts:delete_account"), {"password": PASSWORD})
    mine = client.get("/").content

    assert b"Your account and all your data have been deleted." in mine
    assert b"Your account and all your data have been deleted." not in visitor.get("/").content
    assert b"Your account and all your data have been deleted." not in Client().get("/").content


def test_a_screened_visitors_answers_and_form_stay_theirs(visitor, conditions):
    routine = routine_with_steps(title="Chair twist", contraindications=[conditions["osteopenia"]])
    visitor.get(routine.get_absolute_url())
    screen(visitor, routine, {"osteopenia": "yes"})

    blocked = visitor.get(url("screening_blocked", routine))
    stranger = Client()

    assert b"Osteopenia" in blocked.content
    assert stranger.get(url("screening_blocked", routine)).status_code != 200
    assert stranger.get(url("routine_steps", routine)).status_code == 302
    # The screening form carries a token per rendering: never one page for two people.
    forms = [Client().get(url("screening", routine)).content for _ in range(2)]
    assert forms[0] != forms[1]
    assert visitor.get(routine.get_absolute_url()).content == (
        Client().get(routine.get_absolute_url()).content
    )


def test_a_page_that_hands_out_a_csrf_token_is_not_kept():
    calls = []

    @cache_public_page
    def page_with_a_form(request):
        calls.append(request)
        return HttpResponse(get_token(request))

    factory = RequestFactory()
    for _ in range(2):
        request = factory.get("/with-a-form/")
        request.user = AnonymousUser()
        page_with_a_form(request)

    assert len(calls) == 2
