from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "danvan.democracy"
    label = "democracy"
    verbose_name = "Grassroots democracy"
