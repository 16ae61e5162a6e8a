"""Step pictures: the drawings shipped with Limber and the pictures editors upload instead.

An upload is checked before anything is stored: its size, that Pillow reads it as PNG, JPEG or
WebP, and its dimensions. SVG is refused outright rather than sanitised: an SVG is a document that
can carry script, and an image opened in its own tab runs it on our origin.
"""

import re

from django import forms
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MIN_SIDE_PIXELS = 300
MAX_SIDE_PIXELS = 4000
UPLOAD_FORMATS = {"PNG", "JPEG", "WEBP"}
UPLOAD_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
DRAWING_PATH = re.compile(r"stretches/steps/[a-z0-9-]+\.svg")


def validate_drawing_path(path):
    """A drawing is named by its static path, and the file must ship with Limber."""
    if not DRAWING_PATH.fullmatch(path):
        raise ValidationError(
            "Name a drawing as stretches/steps/name.svg (lower-case letters, digits and dashes).",
            code="drawing_path",
        )
    if finders.find(path) is None:
        raise ValidationError(
            "There is no drawing at %(path)s.", code="drawing_missing", params={"path": path}
        )


def validate_upload_size(upload):
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This picture is %(size)s; the most a picture may be is %(limit)s.",
            code="picture_too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_UPLOAD_BYTES),
            },
        )


# The model keeps the cheap checks, so the shell and any other form obey them too; the form field
# below adds the ones that need the image opened.
UPLOAD_VALIDATORS = [
    FileExtensionValidator(UPLOAD_EXTENSIONS, message="Upload a PNG, JPEG or WebP picture."),
    validate_upload_size,
]


def looks_like_svg(upload):
    if upload.name.lower().endswith((".svg", ".svgz")):
        return True
    upload.seek(0)
    start = upload.read(1024).lstrip().lower()
    upload.seek(0)
    return start.startswith(b"<?xml") or (start.startswith(b"<") and b"<svg" in start)


class PictureUploadField(forms.ImageField):
    """An upload that is a PNG, JPEG or WebP of sensible size; anything else says why it is not."""

    default_validators = []  # the model field's validators run as well, once the form is valid

    def to_python(self, data):
        if data in self.empty_values:
            return None
        validate_upload_size(data)
        if looks_like_svg(data):
            raise ValidationError(
                "SVG files cannot be uploaded, because they can carry script. Upload a PNG, JPEG "
                "or WebP picture.",
                code="svg_refused",
            )
        upload = super().to_python(data)
        image = upload.image
        if image.format not in UPLOAD_FORMATS:
            raise ValidationError(
                "This picture is a %(format)s file; upload a PNG, JPEG or WebP picture.",
                code="picture_format",
                params={"format": image.format},
            )
        width, height = image.size
        if not (min(width, height) >= MIN_SIDE_PIXELS and max(width, height) <= MAX_SIDE_PIXELS):
            raise ValidationError(
                "This picture is %(width)s by %(height)s pixels; each side must be from %(min)s to "
                "%(max)s pixels.",
                code="picture_dimensions",
                params={
                    "width": width,
                    "height": height,
                    "min": MIN_SIDE_PIXELS,
                    "max": MAX_SIDE_PIXELS,
                },
            )
        return upload


def picture_spec(width, image_format=None):
    """A copy of the upload at most `width` pixels wide; without a format, the upload's own."""
    return ImageSpecField(
        source="picture_upload",
        processors=[ResizeToFit(width=width, upscale=False)],
        format=image_format,
        options={"quality": 80},
    )
