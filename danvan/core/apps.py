from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from danvan.core.forms import install_text_cleaning

        # Every form's text fields lose bidirectional control characters (see core.forms).
        install_text_cleaning()
