from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "danvan.workplans"
    label = "workplans"
    verbose_name = "Workplans"
