from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "danvan.initiatives"
    label = "initiatives"
    verbose_name = "Initiatives"

    def ready(self):
        # The reports module fills these indicators from the models registry (issue 5: "figures feed the
        # periodic reports").
        from danvan.initiatives import selectors
        from danvan.reports.sources import Source, source_register

        source_register(
            Source(
                "initiatives.registered",
                _("“Dân vận khéo” models registered in the period"),
                selectors.initiatives_registered_between,
            )
        )
        source_register(
            Source(
                "initiatives.recognised",
                _("“Dân vận khéo” models first recognised in the period"),
                selectors.initiatives_recognised_between,
            )
        )
        source_register(
            Source(
                "initiatives.replicated",
                _("“Dân vận khéo” models replicated from another unit in the period"),
                selectors.initiatives_replicated_between,
            )
        )
