from django.apps import AppConfig


class MovementsConfig(AppConfig):
    name = "danvan.movements"
    label = "movements"
