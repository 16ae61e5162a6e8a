"""The admin's picture upload: refused with its reason unless it is a PNG, JPEG or WebP of sensible size.

An upload is checked before anything is stored: its size, that it is not SVG, that Pillow reads it
as one of the accepted formats, and its dimensions. SVG is refused outright rather than sanitised:
an SVG is a document that can carry script, and one opened in its own tab runs it on our origin.
"""

from django import forms
from django.core.exceptions import ValidationError

from stretches.models.pictures import (
    MAX_SIDE_PIXELS,
    MIN_SIDE_PIXELS,
    UPLOAD_FORMATS,
    validate_upload_size,
)


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
