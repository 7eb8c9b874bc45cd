from django.apps import AppConfig


class FaithsConfig(AppConfig):
    name = "danvan.faiths"
    label = "faiths"
    verbose_name = "Ethnic and religious work"
