from django.apps import AppConfig


class SituationConfig(AppConfig):
    name = "danvan.situation"
    label = "situation"
    verbose_name = "Situation"
