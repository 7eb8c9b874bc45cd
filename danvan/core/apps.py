from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from danvan.core.choices import install_choice_labels
        from danvan.core.forms import install_text_cleaning

        # Every form's text fields lose bidirectional control characters (see core.forms).
        install_text_cleaning()
        # A choice's label from a dict made once per field, not one rebuilt on every call (see core.choices).
        install_choice_labels()
