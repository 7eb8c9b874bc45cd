from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "danvan.committees"
    label = "committees"
    verbose_name = "Steering committees"
