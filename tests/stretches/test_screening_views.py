import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from stretches.models import PainReport, Routine, Screening, ScreeningAnswer
from tests.factories import (
    ContraindicationFactory,
    RoutineFactory,
    routine_with_steps,
)
from tests.helpers import answers_for, fresh_form_token, screen, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine(conditions):
    return routine_with_steps(
        step_count=3,
        title="Chair twist",
        slug="chair-twist",
        contraindications=[conditions["osteopenia"], conditions["osteoarthritis"]],
    )


def asked_questions(response):
    return [name for name in response.context["form"].fields if name.startswith("question-")]


def shows_instructions(client, routine):
    response = client.get(url("routine_steps", routine))
    return response.status_code == 200 and b"Do movement" in response.content


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_steps_without_a_screening_redirect_to_the_screening_with_a_message(client, routine):
    response = client.get(url("routine_steps", routine))

    assert response.status_code == 302
    assert response.url == url("screening", routine)
    assert messages_of(response) == ["Before you start, please answer a few safety questions."]


def test_screening_asks_the_general_red_flags_and_the_routines_own(client, routine):
    response = client.get(url("screening", routine))

    assert response.status_code == 200
    assert asked_questions(response) == [
        "question-pain-right-now",
        "question-back-pain-lasting-weeks",
        "question-osteoarthritis",
        "question-osteopenia",
    ]
    assert b"What we store, and why" in response.content
    assert b"checked" not in response.content


def test_all_no_clears_and_shows_the_steps(client, routine):
    response = screen(client, routine)

    assert response.status_code == 302
    assert response.url == url("routine_steps", routine)
    assert shows_instructions(client, routine)
    screening = Screening.objects.get()
    assert screening.outcome == Screening.Outcome.CLEARED
    assert screening.answers.count() == 4
    assert set(screening.answers.values_list("answer", flat=True)) == {"no"}


def test_answers_are_stored_with_the_question_as_asked(client, routine, conditions):
    screen(client, routine, {"osteopenia": "yes"})

    answer = ScreeningAnswer.objects.get(contraindication=conditions["osteopenia"])
    assert answer.question_text == conditions["osteopenia"].question
    assert answer.condition_name == "Osteopenia"
    assert answer.answer == "yes"


@pytest.mark.parametrize("answer", ["yes", "not_sure"])
def test_osteopenia_answer_blocks_the_routine_with_reason_and_guidance(client, routine, answer):
    response = screen(client, routine, {"osteopenia": answer})

    assert response.url == url("screening_blocked", routine)
    blocked = client.get(response.url)
    content = blocked.content.decode()
    assert "Chair twist is not safe for you right now" in content
    assert "Osteopenia" in content
    assert "Avoid cracking your back at all if you have osteopenia." in content
    assert "Check with a physical therapist" in content
    assert [r.contraindication.slug for r in blocked.context["reasons"]] == ["osteopenia"]
    assert Screening.objects.get().outcome == Screening.Outcome.BLOCKED


def test_typing_the_steps_url_after_a_block_shows_no_instructions(client, routine):
    screen(client, routine, {"osteopenia": "yes"})

    response = client.get(url("routine_steps", routine))

    assert response.status_code == 302
    assert response.url == url("screening_blocked", routine)
    assert not shows_instructions(client, routine)


def test_blocked_reasons_are_ordered_by_urgency(client, routine):
    screen(client, routine, {"osteopenia": "yes", "pain-right-now": "yes"})

    blocked = client.get(url("screening_blocked", routine))

    assert [r.contraindication.slug for r in blocked.context["reasons"]] == [
        "pain-right-now",
        "osteopenia",
    ]
    content = blocked.content.decode()
    assert content.index("See a doctor before stretching") < content.index(
        "Check with a physical therapist"
    )


def test_blocked_page_lists_routines_the_answers_do_not_touch(client, routine, conditions):
    safe = RoutineFactory(title="Neck flexion", contraindications=[conditions["osteoarthritis"]])
    RoutineFactory(title="Also osteopenia", contraindications=[conditions["osteopenia"]])
    RoutineFactory(title="A draft", status=Routine.Status.DRAFT)
    screen(client, routine, {"osteopenia": "yes"})

    blocked = client.get(url("screening_blocked", routine))

    assert list(blocked.context["alternatives"]) == [safe]


def test_a_general_red_flag_leaves_no_alternatives_and_says_so(client, routine):
    RoutineFactory(title="Neck flexion")
    screen(client, routine, {"pain-right-now": "yes"})

    blocked = client.get(url("screening_blocked", routine))

    assert list(blocked.context["alternatives"]) == []
    assert b"There are no routines on Limber that your answers leave safe" in blocked.content


def test_printable_summary_shows_questions_answers_date_and_reasons(client, routine, conditions):
    screen(client, routine, {"osteopenia": "not_sure"})

    response = client.get(url("screening_summary", routine))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Take this to your doctor or physical therapist" in content
    assert conditions["osteopenia"].question in content
    assert "<td>Not sure</td>" in content
    assert Screening.objects.get().created_at.strftime("%Y") in content
    assert "not cleared" in content
    assert 'src="/static/js/print.js"' in content


def test_summary_without_answers_redirects_to_the_screening(client, routine):
    response = client.get(url("screening_summary", routine))

    assert response.url == url("screening", routine)


def test_an_expired_screening_asks_again(client, routine, settings):
    screen(client, routine)
    Screening.objects.update(
        created_at=Screening.objects.get().created_at - settings.SCREENING_VALID_FOR
    )

    response = client.get(url("routine_steps", routine))

    assert response.url == url("screening", routine)


def test_standing_answers_inside_the_window_still_count_but_right_now_is_asked_again(
    client, routine, settings
):
    screen(client, routine)
    Screening.objects.update(
        created_at=Screening.objects.get().created_at
        - settings.SCREENING_VALID_FOR
        + timedelta(minutes=5)
    )

    response = client.get(url("routine_steps", routine))
    assert response.url == url("screening", routine)
    assert asked_questions(client.get(response.url)) == ["question-pain-right-now"]
    client.post(
        url("screening", routine),
        answers_for(routine, questions=routine.relevant_contraindications().filter(right_now=True)),
    )
    assert shows_instructions(client, routine)


def test_a_newly_added_contraindication_asks_only_that_question_and_right_now(
    client, routine, conditions
):
    screen(client, routine)
    added = ContraindicationFactory(name="Neurological issues", slug="neurological-issues")
    routine.contraindications.add(added)

    response = client.get(url("routine_steps", routine))
    assert response.url == url("screening", routine)
    form_page = client.get(response.url)
    assert asked_questions(form_page) == [
        "question-pain-right-now",
        "question-neurological-issues",
    ]

    client.post(
        url("screening", routine),
        answers_for(routine, questions=[conditions["pain"], added]),
    )
    assert shows_instructions(client, routine)


def test_a_second_routine_asks_only_unanswered_questions_plus_every_right_now_one(
    client, routine, conditions
):
    screen(client, routine)
    second = routine_with_steps(
        title="Floor twist",
        contraindications=[conditions["osteopenia"], ContraindicationFactory(slug="feet")],
    )

    form_page = client.get(url("screening", second))

    assert asked_questions(form_page) == ["question-pain-right-now", "question-feet"]
    client.post(
        url("screening", second),
        answers_for(
            second, questions=[conditions["pain"], *second.contraindications.filter(slug="feet")]
        ),
    )
    assert shows_instructions(client, second)


def test_a_block_carries_over_to_another_routine_with_the_same_condition(
    client, routine, conditions
):
    screen(client, routine, {"osteopenia": "yes"})
    second = routine_with_steps(contraindications=[conditions["osteopenia"]])

    response = client.get(url("routine_steps", second))

    assert response.url == url("screening_blocked", second)


def test_retaking_the_screening_lets_the_newest_answers_decide(client, routine):
    screen(client, routine, {"osteopenia": "yes"})
    retake_form = client.get(url("screening", routine) + "?retake=1")
    assert len(asked_questions(retake_form)) == 4

    response = screen(client, routine, retake=True)

    assert response.url == url("routine_steps", routine)
    assert shows_instructions(client, routine)
    assert list(Screening.objects.values_list("outcome", flat=True)) == ["cleared", "blocked"]


def test_starting_again_while_cleared_asks_only_the_right_now_questions(client, routine):
    screen(client, routine)

    response = client.get(url("screening", routine))

    assert response.status_code == 200
    assert asked_questions(response) == ["question-pain-right-now"]


def test_with_nothing_right_now_to_ask_a_cleared_start_goes_straight_to_the_steps(
    client, routine, conditions
):
    conditions["pain"].delete()
    screen(client, routine)

    response = client.get(url("screening", routine))

    assert response.url == url("routine_steps", routine)


def test_stop_this_hurts_records_a_pain_report_and_blocks_until_a_new_screening(client, routine):
    screen(client, routine)
    assert b"Stop \xe2\x80\x94 this hurts" in client.get(url("routine_steps", routine)).content

    response = client.post(url("routine_stop", routine), {"step": "2"})

    assert response.url == url("routine_stopped", routine)
    report = PainReport.objects.get()
    assert (report.routine, report.step.position, report.step_position) == (routine, 2, 2)
    advice = client.get(response.url).content.decode()
    assert "consult a healthcare professional" in advice
    assert "Back pain that persists beyond a few weeks should be evaluated by a doctor." in advice

    steps = client.get(url("routine_steps", routine))
    assert steps.url == url("screening", routine)
    assert messages_of(steps) == [
        "You stopped this routine because it hurt. Please answer the safety questions again "
        "before you go on."
    ]
    assert len(asked_questions(client.get(url("screening", routine)))) == 4

    screen(client, routine)
    assert shows_instructions(client, routine)


def test_a_pain_stop_voids_right_now_everywhere_and_blocks_its_own_routine(
    client, routine, conditions
):
    # The leak as found: clear two routines, stop the first, and the second showed at once.
    other = routine_with_steps(contraindications=[conditions["osteopenia"]])
    screen(client, routine)
    screen(client, other, retake=True)
    assert shows_instructions(client, other)

    client.post(url("routine_stop", routine), {"step": "1"})

    assert not shows_instructions(client, other)
    assert asked_questions(client.get(url("screening", other))) == ["question-pain-right-now"]
    assert not shows_instructions(client, routine)
    assert len(asked_questions(client.get(url("screening", routine)))) == 4


def csrf_tokens_of(page):
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)


def test_each_steps_stop_form_carries_this_browsers_own_working_csrf_token(routine):
    browser = Client(enforce_csrf_checks=True)
    screening = browser.get(url("screening", routine)).content.decode()
    answers = answers_for(routine) | {"csrfmiddlewaretoken": csrf_tokens_of(screening)[0]}
    browser.post(url("screening", routine), answers)
    other = Client()
    screen(other, routine)
    other.get(url("routine_steps", routine))

    page = browser.get(url("routine_steps", routine)).content.decode()
    stop_forms = re.findall(r'<form[^>]+class="stop-form">(.*?)</form>', page, re.DOTALL)
    tokens = [csrf_tokens_of(form) for form in stop_forms]
    response = browser.post(
        url("routine_stop", routine), {"step": "2", "csrfmiddlewaretoken": tokens[1][0]}
    )

    assert len(stop_forms) == 3
    assert all(len(found) == 1 for found in tokens)
    assert response.url == url("routine_stopped", routine)
    assert PainReport.objects.get().step_position == 2


def test_the_steps_page_shows_a_step_edited_since_it_was_last_shown(client, routine):
    screen(client, routine)
    client.get(url("routine_steps", routine))
    step = routine.steps.get(position=2)
    step.instruction = "Turn slowly, then breathe out."
    step.save()

    assert b"Turn slowly, then breathe out." in client.get(url("routine_steps", routine)).content


@pytest.mark.parametrize("step", ["", "abc", "-1", "99"])
def test_stop_always_works_even_with_an_odd_step(client, routine, step):
    response = client.post(url("routine_stop", routine), {"step": step})

    assert response.status_code == 302
    assert PainReport.objects.get().step is None


def test_stop_is_post_only(client, routine):
    assert client.get(url("routine_stop", routine)).status_code == 405
    assert PainReport.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {"question-osteopenia": None},
        {"question-osteopenia": "maybe"},
        {"question-gout": "no"},
        {"routine": "another-routine"},
    ],
)
def test_invalid_submissions_get_a_clear_error_and_store_nothing(client, routine, data):
    posted = answers_for(routine)
    for key, value in data.items():
        if value is None:
            posted.pop(key)
        else:
            posted[key] = value

    response = client.post(url("screening", routine), posted)

    assert response.status_code == 400
    assert b"Please check your answers" in response.content
    assert Screening.objects.count() == 0
    assert ScreeningAnswer.objects.count() == 0


def test_replaying_a_sent_form_is_refused_and_stores_nothing(client, routine):
    blocked_answers = answers_for(routine, {"osteopenia": "yes"})
    cleared_answers = answers_for(routine)
    retake_url = url("screening", routine) + "?retake=1"
    client.post(retake_url, cleared_answers)
    client.post(retake_url, blocked_answers)

    replay = client.post(retake_url, cleared_answers)

    assert replay.status_code == 400
    assert b"These answers were already sent." in replay.content
    assert Screening.objects.count() == 2
    assert client.get(url("routine_steps", routine)).url == url("screening_blocked", routine)


def test_a_token_another_screening_already_used_is_refused_by_the_database(client, routine):
    # The form checks only the token's signature and age; being single-use is the unique
    # constraint's, so a replay costs no query before it is refused.
    Screening.objects.create(
        session_token="someone",
        routine=routine,
        routine_title="x",
        outcome="cleared",
        form_token="used-nonce",
    )
    posted = answers_for(routine) | {"form_token": fresh_form_token("used-nonce")}

    response = client.post(url("screening", routine), posted)

    assert response.status_code == 400
    assert b"These answers were already sent." in response.content
    assert Screening.objects.count() == 1
    assert ScreeningAnswer.objects.count() == 0


@pytest.mark.parametrize("token", ["", "forged", "expired"])
def test_a_missing_forged_or_expired_form_token_is_refused(client, routine, settings, token):
    if token == "expired":
        settings.SCREENING_FORM_MAX_AGE = -1
        token = fresh_form_token()

    response = client.post(url("screening", routine), answers_for(routine) | {"form_token": token})

    assert response.status_code == 400
    assert Screening.objects.count() == 0


def test_a_missing_csrf_token_is_refused_and_stores_nothing(routine):
    client = Client(enforce_csrf_checks=True)

    response = client.post(url("screening", routine), answers_for(routine))

    assert response.status_code == 403
    assert b"This form has expired" in response.content
    assert Screening.objects.count() == 0


def test_answers_in_the_query_string_are_never_stored(client, routine):
    response = client.get(url("screening", routine), answers_for(routine))

    assert response.status_code == 200
    assert Screening.objects.count() == 0


@pytest.mark.parametrize(
    "name", ["screening", "screening_blocked", "screening_summary", "routine_steps"]
)
def test_unpublished_or_unknown_routines_are_404(client, routine, name):
    routine.status = Routine.Status.DRAFT
    routine.save()

    assert client.get(url(name, routine)).status_code == 404
    assert client.get(reverse(f"stretches:{name}", kwargs={"slug": "gone"})).status_code == 404


def test_posting_to_an_unpublished_routine_is_404_and_stores_nothing(client, routine):
    routine.status = Routine.Status.DRAFT
    routine.save()

    assert screen(client, routine).status_code == 404
    assert client.post(url("routine_stop", routine)).status_code == 404
    assert (Screening.objects.count(), PainReport.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    "name", ["screening", "screening_blocked", "screening_summary", "routine_steps"]
)
def test_health_pages_are_never_cached(client, routine, name):
    screen(client, routine, {"osteopenia": "yes"})

    response = client.get(url(name, routine), follow=True)

    assert "no-store" in response.headers["Cache-Control"]


def test_screening_post_is_hidden_from_error_reports(client, routine):
    response = screen(client, routine)

    assert response.wsgi_request.sensitive_post_parameters == "__ALL__"


def test_another_browser_sees_none_of_the_answers(client, routine):
    screen(client, routine, {"osteopenia": "yes"})
    stranger = Client()

    assert stranger.get(url("screening_blocked", routine)).url == url("routine_steps", routine)
    assert stranger.get(url("screening_summary", routine)).url == url("screening", routine)
    assert stranger.get(url("routine_steps", routine)).url == url("screening", routine)


def test_a_signed_in_persons_screening_belongs_to_their_account(client, routine, django_user_model):
    person = django_user_model.objects.create_user(
        "sam", "sam@example.com", "a long passphrase here"
    )
    client.force_login(person)

    screen(client, routine)

    screening = Screening.objects.get()
    assert (screening.user, screening.session_token) == (person, "")


def test_an_anonymous_screening_belongs_to_the_browser_session(client, routine):
    screen(client, routine)

    screening = Screening.objects.get()
    assert screening.user is None
    assert screening.session_token == client.session["screening_owner_token"]


def make_catalogue(count, conditions):
    extra = ContraindicationFactory.create_batch(count // 10 + 1)
    for _ in range(count):
        routine_with_steps(step_count=2, contraindications=[conditions["osteopenia"], *extra])


@pytest.mark.parametrize("count", [5, 200])
def test_screening_and_steps_query_counts_stay_flat(
    client, routine, conditions, django_assert_max_num_queries, count
):
    make_catalogue(count, conditions)

    with django_assert_max_num_queries(6):
        assert client.get(url("screening", routine)).status_code == 200
    screen(client, routine)
    with django_assert_max_num_queries(7):
        assert client.get(url("routine_steps", routine)).status_code == 200


@pytest.mark.parametrize("count", [5, 200])
def test_blocked_page_query_count_stays_flat(
    client, routine, conditions, django_assert_max_num_queries, count
):
    make_catalogue(count, conditions)
    screen(client, routine, {"osteopenia": "yes"})

    with django_assert_max_num_queries(7):
        assert client.get(url("screening_blocked", routine)).status_code == 200


def test_a_pain_stop_is_lifted_only_by_a_new_screening_for_that_routine(
    client, routine, conditions
):
    other = routine_with_steps(contraindications=[conditions["osteopenia"]])
    screen(client, routine)
    client.post(url("routine_stop", routine), {"step": "1"})

    screen(client, other, retake=True)

    assert client.get(url("routine_steps", routine)).url == url("screening", routine)
    screen(client, routine, retake=True)
    assert shows_instructions(client, routine)


def test_an_answer_to_a_question_since_reworded_no_longer_counts(client, routine, conditions):
    screen(client, routine)
    osteopenia = conditions["osteopenia"]
    osteopenia.question = "Has a doctor ever said your bones are thin or weak?"
    osteopenia.save()

    response = client.get(url("routine_steps", routine))

    assert response.url == url("screening", routine)
    assert asked_questions(client.get(response.url)) == [
        "question-pain-right-now",
        "question-osteopenia",
    ]
