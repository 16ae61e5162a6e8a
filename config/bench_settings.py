"""Production settings plus a bare view, for `make bench` only: the floor each page is held to."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "config.bench_urls"
