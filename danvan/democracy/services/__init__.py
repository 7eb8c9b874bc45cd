"""Every write of grassroots democracy: one transaction and one audit event each, split by noun.

`from danvan.democracy import services` then `services.<entity>_<verb>` keeps working: each module's services are
re-exported here."""

from danvan.democracy.services.bases import base_for_commune, base_register
from danvan.democracy.services.boards import (
    board_create,
    board_member_add,
    board_member_end,
    finding_answer,
    finding_record,
)
from danvan.democracy.services.common import (
    CONSULTATION_MIN_DAYS,
    MAX_FILES,
    TTND_MIN_MEMBERS,
    VOTE_QUORUM,
    VOTE_THRESHOLD,
    commune_head_unit,
    locked_edit,
    rule_value,
)
from danvan.democracy.services.compliance import compliance_export_start
from danvan.democracy.services.consultations import (
    MAX_COMMENT,
    comment_answer,
    comment_moderate,
    comment_record,
    consultation_open,
    consultation_publish,
    consultation_summarise,
)
from danvan.democracy.services.disclosures import (
    DISCLOSURE_FIELDS,
    disclosure_item_update,
    disclosure_post,
    disclosure_publish,
    disclosure_update,
)
from danvan.democracy.services.friendly import (
    EXAMPLE_CRITERIA,
    EXAMPLE_PASS_SCORE,
    friendly_assessment_start,
    friendly_committee_score,
    friendly_decide,
    friendly_scheme_set,
    friendly_self_score,
    friendly_submit,
)
from danvan.democracy.services.inspections import inspection_plan, inspection_reinspect, inspection_result_record
from danvan.democracy.services.matters import (
    VOTE_FIELDS,
    matter_create,
    matter_publish,
    matter_recognise,
    matter_vote_record,
    vote_result,
)
from danvan.democracy.services.projects import (
    contact_update,
    household_add,
    household_contact,
    household_update,
    project_create,
    project_dialogues_set,
    project_publish,
    project_update,
)
from danvan.democracy.services.supervision import (
    PlanRow,
    supervision_overdue_remind,
    supervision_plan_create,
    supervision_plan_update,
    supervision_result_record,
)

__all__ = [
    "compliance_export_start",
    "EXAMPLE_CRITERIA",
    "EXAMPLE_PASS_SCORE",
    "contact_update",
    "friendly_assessment_start",
    "friendly_committee_score",
    "friendly_decide",
    "friendly_scheme_set",
    "friendly_self_score",
    "friendly_submit",
    "household_add",
    "household_contact",
    "household_update",
    "project_create",
    "project_dialogues_set",
    "project_publish",
    "project_update",
    "CONSULTATION_MIN_DAYS",
    "DISCLOSURE_FIELDS",
    "MAX_COMMENT",
    "MAX_FILES",
    "TTND_MIN_MEMBERS",
    "VOTE_FIELDS",
    "VOTE_QUORUM",
    "VOTE_THRESHOLD",
    "base_for_commune",
    "base_register",
    "board_create",
    "board_member_add",
    "board_member_end",
    "comment_answer",
    "comment_moderate",
    "comment_record",
    "commune_head_unit",
    "consultation_open",
    "consultation_publish",
    "consultation_summarise",
    "disclosure_item_update",
    "disclosure_post",
    "disclosure_publish",
    "disclosure_update",
    "finding_answer",
    "finding_record",
    "inspection_plan",
    "inspection_reinspect",
    "inspection_result_record",
    "locked_edit",
    "matter_create",
    "matter_publish",
    "matter_recognise",
    "matter_vote_record",
    "rule_value",
    "PlanRow",
    "supervision_overdue_remind",
    "supervision_plan_create",
    "supervision_plan_update",
    "supervision_result_record",
    "vote_result",
]
