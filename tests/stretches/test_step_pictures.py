"""Every published step has a drawing with a description, shown with the steps and nowhere else."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from stretches.drawings import DRAWINGS, svg
from stretches.management.commands.draw_step_pictures import DRAWINGS_DIR
from stretches.models import Routine, Step
from stretches.routine_file import RoutineFileError, load_routine_data
from tests.helpers import screen, url

pytestmark = pytest.mark.django_db

UNSAFE_IN_SVG = re.compile(r"<script|<style|<foreignObject|\son[a-z]+=|style=|href=", re.IGNORECASE)


@pytest.fixture
def seeded(db):
    call_command("load_routines", verbosity=0)


def test_every_step_of_every_published_routine_has_a_drawing_and_a_description(seeded):
    steps = Step.objects.filter(routine__status=Routine.Status.PUBLISHED)

    assert steps.count() == 32
    assert [step for step in steps if not (step.picture and step.picture_alt.strip())] == []
    assert {step.picture for step in steps} == {f"stretches/steps/{name}.svg" for name in DRAWINGS}


@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_each_shipped_drawing_is_what_the_drawing_code_draws_and_carries_no_script(name):
    shipped = (DRAWINGS_DIR / f"{name}.svg").read_text(encoding="utf-8")

    assert shipped == svg(DRAWINGS[name]), "run `manage.py draw_step_pictures`"
    assert UNSAFE_IN_SVG.search(shipped) is None


def test_the_steps_page_shows_each_steps_picture_with_its_description(client, seeded):
    routine = Routine.objects.get(slug="chair-twist")
    screen(client, routine)

    html = client.get(url("routine_steps", routine)).content.decode()

    for step in routine.steps.all():
        assert f'src="/static/{step.picture}" alt="{step.picture_alt}"' in html


def test_an_uploaded_picture_is_offered_as_webp_and_in_two_widths(
    client, seeded, settings, tmp_path
):

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 750), "white").save(buffer, format="JPEG")
    routine = Routine.objects.get(slug="neck-flexion")
    step = routine.steps.get(position=1)
    step.picture_upload.save("hands.jpg", ContentFile(buffer.getvalue()))
    screen(client, routine)

    html = client.get(url("routine_steps", routine)).content.decode()

    assert '<source type="image/webp" srcset="/media/CACHE/images/steps/hands' in html
    assert re.search(r'srcset="/media/CACHE/images/steps/hands/\w+\.jpg 360w', html)
    assert f'alt="{step.picture_alt}"' in html


def test_a_routine_file_naming_a_drawing_that_does_not_ship_is_refused(seeded):
    data = {
        "routines": {
            "chair-twist": {
                "title": "Chair twist",
                "about": "A twist.",
                "position": "chair",
                "body_area": "whole_back",
                "estimated_minutes": 3,
                "steps": [
                    {
                        "instruction": "Sit.",
                        "picture": "stretches/steps/no-such-drawing.svg",
                        "picture_alt": "Sitting.",
                    }
                ],
            }
        }
    }

    with pytest.raises(RoutineFileError, match="There is no drawing at stretches/steps/no-such"):
        load_routine_data(data)


def test_a_routine_file_picture_without_a_description_is_refused(seeded):
    data = {
        "routines": {
            "chair-twist": {
                "title": "Chair twist",
                "about": "A twist.",
                "position": "chair",
                "body_area": "whole_back",
                "estimated_minutes": 3,
                "steps": [{"instruction": "Sit.", "picture": "stretches/steps/chair-twist-1.svg"}],
            }
        }
    }

    with pytest.raises(RoutineFileError, match="A picture needs a description"):
        load_routine_data(data)


def test_loading_the_file_puts_the_drawing_back_in_place_of_an_upload(seeded, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (600, 450), "white").save(buffer, format="PNG")
    step = Step.objects.get(routine__slug="neck-flexion", position=1)
    step.picture_upload.save("hands.png", ContentFile(buffer.getvalue()))
    step.picture_alt = "An editor's own description."
    step.save()

    call_command("load_routines", verbosity=0)

    step.refresh_from_db()
    assert not step.picture_upload
    assert step.picture == "stretches/steps/neck-flexion-1.svg"
    assert step.picture_alt == "Standing with both hands on the back of the head."
