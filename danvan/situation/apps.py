from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    name = "danvan.situation"
    label = "situation"
    verbose_name = "Situation"

    def ready(self):
        # The periodic reports fill these figures from the records (issue 11: "filled from these records").
        from danvan.reports.sources import Source, source_register
        from danvan.situation import selectors

        source_register(
            Source("situation.reports_sent", _("Situation reports sent in the period"), selectors.reports_sent_between)
        )
        source_register(
            Source("situation.hotspots_raised", _("Hotspots recorded in the period"), selectors.hotspots_raised_between)
        )
        source_register(
            Source(
                "situation.hotspots_resolved",
                _("Hotspots resolved in the period"),
                selectors.hotspots_resolved_between,
            )
        )
