from django.shortcuts import get_object_or_404

from stretches.models import Routine


def published_routine_or_404(slug, *, routines=None):
    """The one way to fetch a routine for the public: a draft or an unknown slug is a 404.

    `routines` narrows or annotates the queryset (a page that needs the step count, say); only its
    published routines are ever found.
    """
    routines = Routine.objects.all() if routines is None else routines
    return get_object_or_404(routines.published(), slug=slug)
