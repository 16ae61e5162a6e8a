"""Editors replace a step's picture in the admin: a good upload is kept and resized, a bad one says why."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from stretches.models import Step
from tests.factories import routine_with_steps

pytestmark = pytest.mark.django_db

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">'
    b"<script>alert(document.cookie)</script><circle cx='5' cy='5' r='5'/></svg>"
)


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(width=800, height=600, *, noise=False):
    if noise:
        image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    else:
        image = Image.new("RGB", (width, height), "white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def post_step(client, routine, *, upload, alt="Sitting on a chair, both feet on the floor."):
    step = routine.steps.get()
    data = {
        "title": routine.title,
        "slug": routine.slug,
        "about": routine.about,
        "status": routine.status,
        "sources": "",
        "position": routine.position,
        "body_area": routine.body_area,
        "equipment": routine.equipment,
        "estimated_minutes": routine.estimated_minutes,
        "caution_notes": "",
        "steps-TOTAL_FORMS": 1,
        "steps-INITIAL_FORMS": 1,
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
        "steps-0-id": step.pk,
        "steps-0-routine": routine.pk,
        "steps-0-position": 1,
        "steps-0-instruction": step.instruction,
        "steps-0-side": step.side,
        "steps-0-picture_alt": alt,
        "steps-0-picture_upload": upload,
    }
    return client.post(reverse("admin:stretches_routine_change", args=[routine.pk]), data)


@pytest.fixture
def routine():
    return routine_with_steps(step_count=1)


def test_a_valid_picture_is_kept_with_its_description_and_resized_copies(staff_client, routine):
    upload = SimpleUploadedFile("seated.png", png(1600, 1200), content_type="image/png")

    response = post_step(staff_client, routine, upload=upload)

    assert response.status_code == 302
    step = Step.objects.get(routine=routine)
    assert step.picture_upload.name.startswith("steps/seated")
    assert step.picture_alt == "Sitting on a chair, both feet on the floor."
    small = step.picture_small_webp
    assert small.url.endswith(".webp")
    assert small.storage.exists(small.name)
    assert Image.open(small.storage.open(small.name)).size == (360, 270)
    assert Image.open(step.picture_large.storage.open(step.picture_large.name)).format == "PNG"


def refused(response, routine):
    """The form came back with errors, and the step is as it was."""
    step = Step.objects.get(routine=routine)
    return response.status_code == 200 and not step.picture_upload and step.picture_alt == ""


def test_a_picture_over_two_megabytes_is_refused_with_its_size(staff_client, routine):
    content = png(1000, 1000, noise=True)
    assert len(content) > 2 * 1024 * 1024
    upload = SimpleUploadedFile("big.png", content, content_type="image/png")

    response = post_step(staff_client, routine, upload=upload)

    assert refused(response, routine)
    assert "the most a picture may be is 2.0\xa0MB" in response.content.decode()


def test_a_file_that_is_not_an_image_is_refused(staff_client, routine):
    upload = SimpleUploadedFile("notes.png", b"just some words", content_type="image/png")

    response = post_step(staff_client, routine, upload=upload)

    assert refused(response, routine)
    assert "Upload a valid image." in response.content.decode()


def test_an_svg_with_a_script_is_refused_whatever_it_is_called(staff_client, routine):
    for name in ("drawing.svg", "drawing.png"):
        upload = SimpleUploadedFile(name, SVG_WITH_SCRIPT, content_type="image/svg+xml")

        response = post_step(staff_client, routine, upload=upload)

        assert refused(response, routine)
        assert "SVG files cannot be uploaded, because they can carry script." in (
            response.content.decode()
        )


def test_a_picture_too_small_to_read_is_refused_with_its_dimensions(staff_client, routine):
    upload = SimpleUploadedFile("tiny.png", png(200, 150), content_type="image/png")

    response = post_step(staff_client, routine, upload=upload)

    assert refused(response, routine)
    assert "This picture is 200 by 150 pixels" in response.content.decode()


def test_a_picture_without_a_description_is_refused(staff_client, routine):
    upload = SimpleUploadedFile("seated.png", png(), content_type="image/png")

    response = post_step(staff_client, routine, upload=upload, alt="")

    assert refused(response, routine)
    assert "A picture needs a description of the position in words." in response.content.decode()


def test_the_step_inline_shows_the_picture_the_steps_page_shows(staff_client, routine):
    step = routine.steps.get()
    step.picture = "stretches/steps/chair-twist-1.svg"
    step.picture_alt = "Sitting upright on a firm chair."
    step.save()

    response = staff_client.get(reverse("admin:stretches_routine_change", args=[routine.pk]))

    assert (
        '<img src="/static/stretches/steps/chair-twist-1.svg" alt="Sitting upright on a firm '
        'chair." width="120" class="step-picture-preview">'
    ) in response.content.decode()
