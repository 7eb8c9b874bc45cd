from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "danvan.members"
    label = "members"
    verbose_name = "Members"
