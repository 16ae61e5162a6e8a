from django.apps import AppConfig


class StretchesConfig(AppConfig):
    name = "stretches"
