from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "danvan.meetings"
    label = "meetings"
    verbose_name = "Meetings"
