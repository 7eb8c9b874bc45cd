from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = "Petitions"

    def ready(self):
        # The report form “Kết quả tiếp công dân, xử lý đơn thư” fills itself from this module (issue 14).
        from danvan.petitions.report_sources import register_sources

        register_sources()
