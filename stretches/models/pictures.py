"""Step pictures as the model keeps them: a shipped drawing by path, or an upload and its copies.

The checks that need the upload opened (that it is an image, not an SVG, of sensible dimensions)
are the admin's form field's, in stretches/admin/picture_upload.py.
"""

import re

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


# The cheap checks, so the shell and any form obey them too.
UPLOAD_VALIDATORS = [
    FileExtensionValidator(UPLOAD_EXTENSIONS, message="Upload a PNG, JPEG or WebP picture."),
    validate_upload_size,
]


def picture_spec(width, image_format=None):
    """A copy of the upload at most `width` pixels wide; without a format, the upload's own."""
    return ImageSpecField(
        source="picture_upload",
        processors=[ResizeToFit(width=width, upscale=False)],
        format=image_format,
        options={"quality": 80},
    )
