from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "danvan.oversight"
    label = "oversight"
    verbose_name = "Social supervision and critique"

    def ready(self):
        # The periodic reports' counts of supervisions and recommendations come from these records (issue 11).
        from danvan.oversight import selectors
        from danvan.reports.sources import Source, source_register

        source_register(
            Source("oversight.supervisions", _("Supervisions begun in the period"), selectors.supervisions_between)
        )
        source_register(
            Source(
                "oversight.recommendations",
                _("Supervision recommendations made in the period"),
                selectors.recommendations_between,
            )
        )
        source_register(
            Source(
                "oversight.recommendations_answered",
                _("Supervision recommendations answered in the period"),
                selectors.recommendations_answered_between,
            )
        )
        source_register(
            Source("oversight.critiques", _("Draft policies critiqued in the period"), selectors.critiques_between)
        )
        source_register(
            Source(
                "oversight.critique_conferences",
                _("Critique conferences held in the period"),
                selectors.critique_conferences_between,
            )
        )
