"""Public pages describe a routine, never teach it: the method shows only behind the screening."""

import re
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse

from stretches.models import Routine
from tests.helpers import screen, url

pytestmark = pytest.mark.django_db

RUN = 6
WORD = re.compile(r"[a-z0-9']+")


def words(text):
    return WORD.findall(unescape(text).lower().replace("\u2019", "'"))  # a typographic apostrophe


def runs(text):
    found = words(text)
    return {" ".join(found[i : i + RUN]) for i in range(len(found) - RUN + 1)}


def visible_text(html):
    """The page's words, as a person reads them (tags dropped)."""
    return " ".join(words(re.sub(r"<[^>]+>", " ", html)))


def method_runs(routine):
    """Every run of six words from the routine's step instructions.

    A step's caution is left out: cautions are safety sentences ("If you feel pain or discomfort,
    stop") that public pages rightly repeat.
    """
    return set().union(*(runs(step.instruction) for step in routine.steps.all()))


def public_pages(routine):
    """Every page anyone can see before a screening clears them for the routine."""
    search_terms = {"pop", "crack", "lean", "twist", "hands", "chin", *words(routine.title)}
    return [
        reverse("stretches:home"),
        reverse("stretches:safety"),
        reverse("stretches:routine_list"),
        *(f"{reverse('stretches:routine_list')}?q={term}" for term in sorted(search_terms)),
        routine.get_absolute_url(),
        url("screening", routine),
        url("routine_done", routine),
        url("routine_stopped", routine),
    ]


@pytest.fixture
def seeded(db):
    call_command("load_routines", verbosity=0)
    return list(Routine.objects.published().prefetch_related("steps"))


def test_no_public_page_carries_six_words_in_a_row_from_any_routines_steps(client, seeded):
    leaks = {}
    for routine in seeded:
        method = method_runs(routine)
        assert method, routine.slug
        for page in public_pages(routine):
            response = client.get(page)
            assert response.status_code == 200, page
            shown = runs(visible_text(response.content.decode()))
            if shown & method:
                leaks[(routine.slug, page)] = sorted(shown & method)

    assert leaks == {}, "\n".join(f"{k}: {v}" for k, v in leaks.items())


@pytest.mark.parametrize(
    ("slug", "method"),
    [
        ("chair-twist", "twist your torso towards the crossed leg until you feel a stretch"),
        ("neck-flexion", "push your head forward, so that your chin goes in the direction"),
        ("standing-lean-hands-on-spine", "keep going until you hear and feel a slight pop"),
    ],
)
def test_the_three_leaking_summaries_no_longer_teach_the_movement(client, seeded, slug, method):
    routine = Routine.objects.get(slug=slug)

    detail = visible_text(client.get(routine.get_absolute_url()).content.decode())
    listing = visible_text(client.get(reverse("stretches:routine_list")).content.decode())

    assert not runs(method) & runs(detail)
    assert not runs(method) & runs(listing)


def test_searching_for_the_movement_finds_nothing_that_teaches_it(client, seeded):
    response = client.get(reverse("stretches:routine_list") + "?q=pop")

    page = visible_text(response.content.decode())
    assert "until you hear and feel a slight pop" not in page
    assert "lean backward" not in page


IMG_SOURCE = re.compile(r"""<(?:img|source)\b[^>]*\b(?:src|srcset)=["']([^"']+)""", re.IGNORECASE)


def pictures_in(html):
    """Every address an <img> or <source> on the page loads."""
    return IMG_SOURCE.findall(html)


def test_no_public_page_shows_a_step_picture_or_its_description(client, seeded):
    shown = {}
    for routine in seeded:
        steps = list(routine.steps.all())
        assert all(step.picture and step.picture_alt for step in steps), routine.slug
        for page in public_pages(routine):
            html = client.get(page).content.decode()
            found = [src for src in pictures_in(html) if "steps/" in src or "/media/" in src]
            found += [step.picture_alt for step in steps if step.picture_alt in unescape(html)]
            if found:
                shown[(routine.slug, page)] = found

    assert shown == {}, "\n".join(f"{k}: {v}" for k, v in shown.items())


def test_the_picture_check_sees_a_picture_when_a_page_has_one(client, seeded):
    routine = Routine.objects.get(slug="chair-twist")
    screen(client, routine)

    html = client.get(url("routine_steps", routine)).content.decode()

    assert "/static/stretches/steps/chair-twist-1.svg" in pictures_in(html)


def test_the_method_does_show_once_the_screening_clears(client, seeded):
    routine = Routine.objects.get(slug="chair-twist")
    screen(client, routine)

    steps_page = runs(visible_text(client.get(url("routine_steps", routine)).content.decode()))

    assert method_runs(routine) <= steps_page


def test_the_run_check_catches_a_leak_when_there_is_one(client, seeded):
    routine = Routine.objects.get(slug="chair-twist")
    routine.about = routine.steps.get(position=4).instruction
    routine.save()

    shown = runs(visible_text(client.get(routine.get_absolute_url()).content.decode()))

    assert shown & method_runs(routine)


def test_the_detail_page_names_its_sources_and_says_no_clinician_has_signed_it_off(client, seeded):
    routine = Routine.objects.get(slug="chair-twist")

    page = client.get(routine.get_absolute_url()).content.decode()

    assert "Where this comes from" in page
    assert "Source document 000, method 2: Chair Stretch" in page
    assert "Karen Litzy, PT, DPT, expert interview, 27 August 2020" in page
    assert "Not yet reviewed by a clinician in Limber." in page


def test_after_a_review_the_page_shows_when_it_was_reviewed_and_when_it_is_due(
    client, seeded, reviewer
):
    routine = Routine.objects.get(slug="chair-twist")
    routine.confirm_review(by=reviewer)

    page = client.get(routine.get_absolute_url()).content.decode()

    assert f"Last reviewed {routine.reviewed_at:%-d %B %Y} by a clinical reviewer." in page
    assert f"Next review due {routine.review_due:%-d %B %Y}." in page
    assert "Not yet reviewed by a clinician in Limber." not in page


def test_the_partner_assisted_entry_is_not_public(client, seeded):
    partner = Routine.objects.get(slug="partner-assisted-back-crack")

    assert client.get(partner.get_absolute_url()).status_code == 404
    safety = client.get(reverse("stretches:safety")).content.decode()
    assert "the other person cannot gauge your comfort level" in safety
