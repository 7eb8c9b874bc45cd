from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "danvan.contests"
    label = "contests"
