from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaithsConfig(AppConfig):
    name = "danvan.faiths"
    label = "faiths"
    verbose_name = "Ethnic and religious work"

    def ready(self):
        # The periodic reports' "ethnic and religious work" section, filled from the records.
        from danvan.faiths import selectors
        from danvan.reports.sources import Source, source_register

        source_register(
            Source(
                "faiths.visits_done",
                _("Holiday visits to religious and ethnic communities"),
                selectors.visits_done_between,
            )
        )
        source_register(
            Source(
                "faiths.commendations",
                _("Commendations of dignitaries and followers (sống tốt đời đẹp đạo)"),
                selectors.commendations_between,
            )
        )
