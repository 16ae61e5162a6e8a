from django.apps import AppConfig


class StretchesConfig(AppConfig):
    name = "stretches"

    def ready(self):
        # Connects the receivers that keep cached public pages in step with the content.
        from stretches import caching  # noqa: F401
