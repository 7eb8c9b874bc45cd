from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "danvan.organisations"
    label = "organisations"
    verbose_name = "Organisations"
