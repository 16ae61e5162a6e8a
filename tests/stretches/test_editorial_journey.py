"""The issue's "done when", as a new editor and reviewer would go through it in the admin."""

import pytest
from django.test import Client
from django.urls import reverse

from stretches.models import Routine
from tests.factories import ContraindicationFactory

pytestmark = pytest.mark.django_db


def test_editor_drafts_and_submits_reviewer_previews_and_publishes(editor, reviewer):
    condition = ContraindicationFactory(name="Osteopenia")
    edith, rita, public = Client(), Client(), Client()
    edith.force_login(editor)
    rita.force_login(reviewer)
    steps = ["Sit tall on a firm chair.", "Turn slowly to the left.", "Come back to the middle."]
    form = {
        "title": "Gentle chair twist",
        "slug": "gentle-chair-twist",
        "about": "A slow seated twist.",
        "sources": "",
        "position": "chair",
        "body_area": "whole_back",
        "equipment": "chair",
        "estimated_minutes": 3,
        "caution_notes": "Stop if it hurts.",
        "contraindications": [condition.pk],
        "steps-TOTAL_FORMS": 3,
        "steps-INITIAL_FORMS": 0,
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
    }
    for index, instruction in enumerate(steps):
        form |= {
            f"steps-{index}-position": index + 1,
            f"steps-{index}-instruction": instruction,
            f"steps-{index}-side": "n/a",
        }

    assert edith.post(reverse("admin:stretches_routine_add"), form).status_code == 302
    routine = Routine.objects.get(slug="gentle-chair-twist")
    assert routine.status == Routine.Status.DRAFT
    edith.post(
        reverse("admin:stretches_routine_transition", args=[routine.pk, "submit_for_review"])
    )

    assert Routine.objects.get(pk=routine.pk).status == Routine.Status.IN_REVIEW
    assert public.get(routine.get_absolute_url()).status_code == 404
    assert b"Gentle chair twist" not in public.get(reverse("stretches:routine_list")).content

    waiting = rita.get(reverse("admin:stretches_routine_changelist"), {"review": "waiting"})
    assert [r.title for r in waiting.context["cl"].result_list] == ["Gentle chair twist"]
    preview = rita.get(reverse("stretches:routine_preview", args=[routine.slug]))
    assert b"Preview \xe2\x80\x94 not published." in preview.content
    assert b"Turn slowly to the left." in preview.content
    rita.post(reverse("admin:stretches_routine_transition", args=[routine.pk, "publish"]))

    assert b"Gentle chair twist" in public.get(reverse("stretches:routine_list")).content
    assert public.get(routine.get_absolute_url()).status_code == 200
    history = rita.get(reverse("admin:stretches_routine_history", args=[routine.pk]))
    entries = history.context["entries"]
    assert {entry.who for entry in entries} == {editor, reviewer}
    assert [e.reason for e in entries if e.who == reviewer] == ["Reviewed and published"]
    assert [e.subject for e in entries if e.who == editor and e.action == "Created"] == [
        "Step 3",
        "Step 2",
        "Step 1",
        "Routine",
    ]
