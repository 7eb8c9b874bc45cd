from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "danvan.assessments"
    label = "assessments"
