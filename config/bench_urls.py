from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as limber_urlpatterns


def bare(request):
    """Django's floor on this machine: the whole middleware stack and nothing else."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *limber_urlpatterns]
