from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemocracyConfig(AppConfig):
    name = "danvan.democracy"
    label = "democracy"
    verbose_name = "Grassroots democracy"

    def ready(self):
        # The QCDC indicators of the periodic reports are filled from these records (issue 10 "Reports").
        from danvan.democracy import selectors
        from danvan.reports.sources import Source, source_register

        for key, label, compute in (
            (
                "democracy.disclosures",
                _("Documents disclosed (công khai) in the period"),
                selectors.disclosures_between,
            ),
            (
                "democracy.infrastructure_meetings",
                _("Matters on infrastructure and residents' contributions decided in the period"),
                selectors.infrastructure_votes_between,
            ),
            (
                "democracy.convention_meetings",
                _("Matters on hương ước, quy ước decided in the period"),
                selectors.convention_votes_between,
            ),
            (
                "democracy.consultations",
                _("Drafts put out for residents' comments in the period"),
                selectors.consultations_between,
            ),
            ("democracy.works_supervised", _("Works and matters supervised by the boards"), selectors.findings_between),
            (
                "democracy.recommendations",
                _("Recommendations of the boards to the commune"),
                selectors.recommendations_between,
            ),
            (
                "democracy.recommendations_resolved",
                _("Recommendations of the boards resolved"),
                selectors.recommendations_resolved_between,
            ),
            ("democracy.ttnd_boards", _("People's Inspection Boards in office"), selectors.inspection_boards_at),
            (
                "democracy.gsdtcd_boards",
                _("Community investment supervision boards in office"),
                selectors.investment_boards_at,
            ),
            (
                "democracy.ttnd_members",
                _("Members of the People's Inspection Boards in office"),
                selectors.inspection_board_members_at,
            ),
            (
                "democracy.gsdtcd_members",
                _("Members of the community investment supervision boards in office"),
                selectors.investment_board_members_at,
            ),
            (
                "democracy.friendly_recognised",
                _("Communes recognised as friendly government in the period"),
                selectors.friendly_recognised_between,
            ),
        ):
            source_register(Source(key, label, compute))
