"""Writes of the petitions app, split by noun. Each is one transaction with one audit event; rule violations
raise ApplicationError. Callers import from here."""

from danvan.petitions.services.attachments import (  # noqa: F401
    petition_attachment_add,
    petition_attachment_open,
)
from danvan.petitions.services.cases import (  # noqa: F401
    case_add_event,
    case_add_member,
    case_add_petition,
    case_open,
)
from danvan.petitions.services.corrections import petition_correct  # noqa: F401
from danvan.petitions.services.dialogues import (  # noqa: F401
    commitment_update,
    dialogue_correct,
    dialogue_record,
)
from danvan.petitions.services.handling import (  # noqa: F401
    confidential_identity_reveal,
    petition_handler_approve,
    petition_handler_assign,
    petition_link_repeat,
    petition_transfer,
    petitions_export,
    transfer_track,
)
from danvan.petitions.services.intake import (  # noqa: F401
    CLOSE_FROM,
    PUBLIC_FIELDS,
    petition_accept,
    petition_close,
    petition_decide,
    petition_enforce,
    petition_extend,
    petition_process,
    petition_receive,
    petition_receive_public,
    petition_start_resolving,
    petition_withdraw,
)
from danvan.petitions.services.people import (  # noqa: F401
    PERSON_KEYS,
    clean_cccd,
    clean_phone,
)
from danvan.petitions.services.reception import (  # noqa: F401
    reception_duty_set,
    reception_session_correct,
    reception_session_record,
)
from danvan.petitions.services.rules import (  # noqa: F401
    RULE_FIELDS,
    deadline_rule_create,
    deadline_rule_end,
    holiday_remove,
    holiday_set,
)
