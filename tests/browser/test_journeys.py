import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import User
from stretches.models import PainReport, Screening
from tests.browser.journeys import answer_screening, expect_path, open_path, sign_up, start_routine
from tests.factories import ContraindicationFactory, RoutineFactory, StepFactory


def test_browse_from_home_to_a_filtered_list_and_a_routines_details(site, seeded):
    open_path(site, "/")
    site.get_by_role("link", name="Browse routines").first.click()
    expect(site.locator(".routine-card")).to_have_count(9)

    site.get_by_label("Body area").select_option(label="Neck")
    site.get_by_role("button", name="Filter").click()

    expect_path(site, r"/routines/\?.*body_area=neck")
    expect(site.locator(".routine-card")).to_have_count(1)
    site.get_by_role("link", name="Neck flexion with hands behind your head").click()
    expect(site.get_by_role("heading", name="Not for you if…")).to_be_visible()
    expect(site.get_by_text("Osteopenia", exact=False).first).to_be_visible()
    expect(site.get_by_role("link", name="Start routine")).to_be_visible()


def test_osteopenia_yes_blocks_with_the_reason_and_a_printable_summary(site, seeded):
    start_routine(site, "chair-twist")

    answer_screening(site, {"osteopenia": "Yes"})

    expect_path(site, "/routines/chair-twist/screening/blocked/")
    expect(site.get_by_role("heading", level=1)).to_have_text(
        "Chair twist is not safe for you right now"
    )
    reason = site.locator(".reason")
    expect(reason).to_have_count(1)
    expect(reason).to_contain_text("Osteopenia")
    expect(reason).to_contain_text("Avoid cracking your back at all if you have osteopenia.")
    # Every seed routine lists osteopenia, so the page says honestly that none is left.
    expect(
        site.get_by_text("There are no routines on Limber that your answers leave safe")
    ).to_be_visible()

    site.get_by_role("link", name="Printable summary for your doctor or physical therapist").click()
    expect(site.get_by_role("heading", level=1)).to_have_text(
        "Take this to your doctor or physical therapist"
    )
    expect(site.locator("table")).to_contain_text("Have you been told you have osteopenia")

    open_path(site, "/routines/chair-twist/steps/")
    expect_path(site, "/routines/chair-twist/screening/blocked/")


def test_an_urgent_sign_says_get_medical_help_now_first_and_blocks_every_routine(site, seeded):
    start_routine(site, "chair-twist")

    answer_screening(site, {"high temperature": "Not sure"})

    expect_path(site, "/routines/chair-twist/screening/blocked/")
    urgent = site.locator(".urgent-help")
    expect(urgent.get_by_role("heading", name="Get medical help now")).to_be_visible()
    expect(urgent).to_contain_text("Call your local emergency number.")
    expect(site.get_by_role("heading", name="Routines your answers don't rule out")).to_have_count(
        0
    )
    site.get_by_role("link", name="Printable summary for your doctor or physical therapist").click()
    expect(site.locator(".urgent-help")).to_be_visible()

    open_path(site, "/routines/neck-flexion/steps/")
    expect_path(site, "/routines/neck-flexion/screening/blocked/")


@pytest.fixture
def timed_routine(seeded):
    routine = RoutineFactory(
        title="Timed test stretch",
        slug="timed-test-stretch",
        contraindications=[ContraindicationFactory(name="Osteopenia test")],
    )
    StepFactory(routine=routine, position=1, instruction="Sit tall.")
    StepFactory(
        routine=routine,
        position=2,
        instruction="Lean gently.",
        hold_seconds=2,
        caution="Go slowly.",
    )
    StepFactory(routine=routine, position=3, instruction="Relax.")
    return routine


def test_all_no_leads_to_guided_steps_a_timer_and_the_finish(site, timed_routine):
    start_routine(site, timed_routine.slug)
    answer_screening(site)

    expect_path(site, "/routines/timed-test-stretch/steps/")
    expect(site.get_by_text("Step 1 of 3").first).to_be_visible()
    expect(site.locator("[data-step]:visible")).to_have_count(1)
    expect(site.get_by_role("button", name="Stop — this hurts")).to_be_visible()

    site.get_by_role("button", name="Next step").click()
    step = site.locator("#step-2")
    expect(step).to_be_visible()
    expect(step.get_by_text("Caution: Go slowly.")).to_be_visible()
    expect(step.get_by_role("button", name="Stop — this hurts")).to_be_visible()
    step.get_by_role("button", name="Start timer").click()
    expect(step.get_by_role("timer")).to_have_text("0s", timeout=5000)
    expect(step.locator("[data-timer-announcer]")).to_have_text(
        "Time is up. You can release the stretch."
    )

    site.get_by_role("button", name="Next step").click()
    expect(site.get_by_role("button", name="Next step")).to_be_hidden()
    site.get_by_role("button", name="I've finished").click()

    expect_path(site, "/routines/timed-test-stretch/done/")
    expect(site.get_by_role("heading", level=1)).to_have_text(
        "Well done: you finished Timed test stretch"
    )


def test_stop_this_hurts_ends_the_routine_and_blocks_it_until_a_new_screening(site, timed_routine):
    start_routine(site, timed_routine.slug)
    answer_screening(site)
    site.get_by_role("button", name="Next step").click()

    site.locator("#step-2").get_by_role("button", name="Stop — this hurts").click()

    expect(site.get_by_role("alert")).to_contain_text(
        "stop immediately and consult a healthcare professional"
    )
    assert PainReport.objects.get().step_position == 2
    open_path(site, "/routines/timed-test-stretch/steps/")
    expect_path(site, "/routines/timed-test-stretch/screening/")
    expect(site.get_by_text("You stopped this routine because it hurt.")).to_be_visible()


def test_the_screening_can_be_completed_with_the_keyboard_alone(site, seeded):
    start_routine(site, "neck-flexion")
    questions = site.locator("fieldset.screening-question")
    count = questions.count()

    site.locator("input[type=radio]").first.focus()
    for _ in range(count):
        site.keyboard.press("ArrowRight")  # from "Yes" to "No": arrow keys select within a group
        site.keyboard.press("Tab")
    expect(site.get_by_role("button", name="Send my answers")).to_be_focused()
    site.keyboard.press("Enter")

    expect_path(site, "/routines/neck-flexion/steps/")
    assert list(Screening.objects.values_list("outcome", flat=True)) == ["cleared"]


def test_guided_steps_and_the_timer_work_with_the_keyboard(site, timed_routine):
    start_routine(site, timed_routine.slug)
    answer_screening(site)

    next_step = site.get_by_role("button", name="Next step")
    expect(next_step).to_be_visible()  # the guided view exists once its script has run
    next_step.focus()
    site.keyboard.press("Enter")
    expect(site.locator("#step-2 .step-heading")).to_be_focused()
    site.locator("#step-2").get_by_role("button", name="Start timer").focus()
    site.keyboard.press("Enter")
    expect(site.locator("#step-2").get_by_role("button", name="Pause")).to_be_focused()
    site.keyboard.press("Enter")
    expect(site.locator("#step-2 [data-timer-announcer]")).to_contain_text("Timer paused")


def test_without_javascript_every_step_shows_with_its_hold_time(
    browser, live_server, timed_routine
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/routines/{timed_routine.slug}/screening/")
    answer_screening(page)

    expect(page.locator("[data-step]:visible")).to_have_count(3)
    expect(page.get_by_text("Hold for 2 seconds.")).to_be_visible()
    expect(page.get_by_role("button", name="I've finished")).to_be_visible()
    # The guided controls need JavaScript, so without it they must not show at all.
    expect(page.get_by_role("button", name="Next step")).to_be_hidden()
    expect(page.get_by_text("Hold timer")).to_be_hidden()
    context.close()


def test_screening_errors_are_announced_focused_and_linked_to_their_fields(site, seeded):
    site.problems.expect_status(400)
    start_routine(site, "neck-flexion")
    site.locator("fieldset.screening-question").first.get_by_label("No", exact=True).check()

    site.get_by_role("button", name="Send my answers").click()

    summary = site.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Please answer this question: Yes, No or Not sure.")
    summary.get_by_role("link").first.click()
    expect(site.locator("input[aria-invalid=true]").first).to_be_focused()
    assert Screening.objects.count() == 0


def test_account_sign_up_history_download_and_delete(site, seeded):
    sign_up(site, email="kim@example.com")
    expect(site.get_by_role("navigation", name="Main")).to_contain_text("kim@example.com")
    start_routine(site, "chair-twist")
    answer_screening(site, {"osteopenia": "Yes"})

    site.get_by_role("link", name="Your page").click()
    row = site.locator("tbody tr").first
    expect(row).to_contain_text("Chair twist")
    expect(row).to_contain_text("Blocked")
    expect(row).to_contain_text("Osteopenia (Yes)")

    with site.expect_download() as download_info:
        site.get_by_role("link", name="Download my data").click()
    data = json.loads(Path(download_info.value.path()).read_text())
    assert data["account"]["email"] == "kim@example.com"
    assert [s["outcome"] for s in data["screenings"]] == ["blocked"]

    site.get_by_role("link", name="Delete my account").click()
    site.locator("#id_password").fill("a calm walk by the river at dawn")
    site.get_by_role("button", name="Delete my account and data").click()
    expect(site.get_by_text("Your account and all your data have been deleted.")).to_be_visible()
    assert not User.objects.exists()
    assert not Screening.objects.exists()

    open_path(site, "/account/signin/")
    site.locator("#id_username").fill("kim@example.com")
    site.locator("#id_password").fill("a calm walk by the river at dawn")
    site.get_by_role("button", name="Sign in").click()
    expect(site.get_by_text("That email and password don't match an account.")).to_be_visible()


def test_the_steps_print_as_a_clean_handout(site, timed_routine):
    start_routine(site, timed_routine.slug)
    answer_screening(site)
    expect(site.locator("[data-step]:visible")).to_have_count(1)

    site.emulate_media(media="print")

    expect(site.locator("[data-step]:visible")).to_have_count(3)
    expect(site.get_by_text("Do not do this routine if you have:")).to_be_visible()
    expect(site.get_by_text("Osteopenia test")).to_be_visible()
    expect(site.get_by_text("Hold for 2 seconds.")).to_be_visible()
    expect(site.get_by_text("Caution: Go slowly.")).to_be_visible()
    expect(site.get_by_role("button")).to_have_count(0)
    expect(site.get_by_role("navigation", name="Main")).to_be_hidden()


def test_the_blocked_summary_prints_as_the_sheet_for_a_professional(site, seeded):
    start_routine(site, "chair-twist")
    answer_screening(site, {"osteopenia": "Yes"})
    site.get_by_role("link", name="Printable summary for your doctor or physical therapist").click()

    site.emulate_media(media="print")

    expect(site.get_by_role("heading", level=1)).to_have_text(
        "Take this to your doctor or physical therapist"
    )
    expect(site.locator("table")).to_be_visible()
    expect(site.get_by_role("button", name="Print this summary")).to_be_hidden()
