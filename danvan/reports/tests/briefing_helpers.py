"""The briefing report taken to its number the way an office does it: the issue button makes its draft in the
documents app, an officer chooses the signer, the signer issues it."""

from danvan.documents.tests.factories import issue_generated
from danvan.reports.briefing import briefing_draft


def briefing_issue(*, actor, unit, form, period, today):
    draft = briefing_draft(actor=actor, unit=unit, form=form, period=period, today=today)
    return issue_generated(draft, chooser=actor, today=today)
