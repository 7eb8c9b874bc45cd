from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    """Every kind of write danvan records. One grep here finds them all."""

    LOGIN = "auth.login", _("Logged in")
    LOGIN_FAILED = "auth.login_failed", _("Failed login")
    LOGOUT = "auth.logout", _("Logged out")
    PASSWORD_CHANGED = "auth.password_changed", _("Changed password")
    USER_CREATED = "user.created", _("Created an account")
    USER_UPDATED = "user.updated", _("Updated an account")
    USER_DEACTIVATED = "user.deactivated", _("Deactivated an account")
    USER_ACTIVATED = "user.activated", _("Reactivated an account")
    USER_PASSWORD_RESET = "user.password_reset", _("Reset a password")
    ROLE_GRANTED = "role.granted", _("Granted a role")
    ROLE_REVOKED = "role.revoked", _("Revoked a role")
    ORGUNIT_CREATED = "orgunit.created", _("Created a unit")
    ORGUNIT_UPDATED = "orgunit.updated", _("Updated a unit")
    ORGUNIT_MOVED = "orgunit.moved", _("Moved a unit in the tree")
    ORGUNITS_IMPORTED = "orgunit.imported", _("Imported units")
    POSITION_ASSIGNED = "position.assigned", _("Assigned a position")
    POSITION_ENDED = "position.ended", _("Ended a position")
    ADMIN_UNITS_LOADED = "adminunits.loaded", _("Loaded administrative units")
    ORG_TREE_BUILT = "orgtree.built", _("Built the organisation tree")
    DEMO_DATA_LOADED = "demo.loaded", _("Loaded demo data")
    AUDIT_EXPORTED = "audit.exported", _("Exported the audit log")
    INBOX_READ = "inbox.read", _("Marked notices read")
    REPORT_SAVED = "report.saved", _("Saved a report")
    REPORT_SUBMITTED = "report.submitted", _("Submitted a report")
    REPORT_APPROVED = "report.approved", _("Approved a report")
    REPORT_RETURNED = "report.returned", _("Returned a report")
    REPORT_REMINDED = "report.reminded", _("Sent report reminders")
    DOCUMENT_ISSUED = "document.issued", _("Issued a numbered document")
    DOCUMENT_REVOKED = "document.revoked", _("Revoked a numbered document")
    INDICATOR_CREATED = "indicator.created", _("Defined an indicator")
    REPORT_FORM_CREATED = "reportform.created", _("Defined a report form")
    WORKPLAN_CREATED = "workplan.created", _("Created a work plan")
    TASK_ASSIGNED = "task.assigned", _("Assigned a task")
    TASK_UPDATED = "task.updated", _("Updated a task's progress")
    TASK_REVISED = "task.revised", _("Corrected a task")
    TASK_CANCELLED = "task.cancelled", _("Cancelled a task")
    MEETING_SCHEDULED = "meeting.scheduled", _("Scheduled a meeting")
    MEETING_RECORDED = "meeting.recorded", _("Recorded a meeting's outcome")
    INGEST_DOCUMENT_CREATED = "ingest.document_created", _("Read a document into a proposed record")
    INGEST_RECORD_CONFIRMED = "ingest.record_confirmed", _("Confirmed an ingested record")
    DEADLINE_RULE_CREATED = "petitions.rule_created", _("Added a deadline rule")
    DEADLINE_RULE_ENDED = "petitions.rule_ended", _("Ended a deadline rule")
    HOLIDAY_SET = "petitions.holiday_set", _("Set a holiday")
    HOLIDAY_REMOVED = "petitions.holiday_removed", _("Removed a holiday")
    PETITION_RECEIVED = "petition.received", _("Received a petition")
    PETITION_STATUS_CHANGED = "petition.status_changed", _("Moved a petition to its next step")
    PETITION_EXTENDED = "petition.extended", _("Extended a petition's deadline")
    PETITION_CLOSED = "petition.closed", _("Closed a petition")
    PETITION_WITHDRAWN = "petition.withdrawn", _("Recorded a petition's withdrawal")
    PETITION_TRANSFERRED = "petition.transferred", _("Transferred a petition")
    PETITION_TRANSFER_TRACKED = "petition.transfer_tracked", _("Updated a transfer's tracking")
    PETITION_HANDLER_ASSIGNED = "petition.handler_assigned", _("Assigned a petition handler")
    PETITION_HANDLER_PROPOSED = "petition.handler_proposed", _("Proposed a handler for a denunciation")
    PETITION_HANDLER_APPROVED = "petition.handler_approved", _("Approved a proposed denunciation handler")
    PETITION_IDENTITY_VIEWED = "petition.identity_viewed", _("Viewed a denouncer's identity")
    PETITION_REPEAT_LINKED = "petition.repeat_linked", _("Linked a petition to an earlier one")
    PETITION_REPEAT_CLEARED = "petition.repeat_cleared", _("Confirmed a petition is new")
    PETITIONS_EXPORTED = "petition.exported", _("Exported petitions")
    RECEPTION_DUTY_SET = "reception.duty_set", _("Set a leader's reception duty")
    RECEPTION_SESSION_RECORDED = "reception.session_recorded", _("Recorded a citizen reception session")
    CASE_OPENED = "case.opened", _("Opened a prolonged complex case")
    CASE_UPDATED = "case.updated", _("Updated a prolonged complex case")
    DIALOGUE_RECORDED = "dialogue.recorded", _("Recorded a dialogue with citizens")
    COMMITMENT_UPDATED = "dialogue.commitment_updated", _("Updated a dialogue commitment")
    PETITION_ATTACHMENT_ADDED = "petition.attachment_added", _("Attached a file to a petition")
    INITIATIVE_REGISTERED = "initiative.registered", _("Registered a model initiative")
    INITIATIVE_APPROVED = "initiative.approved", _("Approved a model initiative")
    INITIATIVE_REJECTED = "initiative.rejected", _("Rejected a model initiative")
    INITIATIVE_UPDATE_ADDED = "initiative.update_added", _("Reported progress on a model initiative")
    INITIATIVE_EVALUATED = "initiative.evaluated", _("Evaluated a model initiative")
    INITIATIVE_RECOGNISED = "initiative.recognised", _("Recognised a model initiative")
    INITIATIVE_COMMENDED = "initiative.commended", _("Recorded a commendation")
    INITIATIVE_REPLICATED = "initiative.replicated", _("Replicated a model initiative")
    INITIATIVE_PHOTO_ADDED = "initiative.photo_added", _("Added a photo to a model update")
    EVALUATION_SCHEME_CREATED = "initiative.scheme_created", _("Set up evaluation criteria")
    # movements (emulation movements and campaigns): add below this line
    MOVEMENT_CREATED = "movement.created", _("Created an emulation movement")
    MOVEMENT_UPDATED = "movement.updated", _("Updated an emulation movement")
    MOVEMENT_TARGET_ADDED = "movement.target_added", _("Added a movement target")
    MOVEMENT_CHECKPOINT_ADDED = "movement.checkpoint_added", _("Added a movement reporting round")
    MOVEMENT_LAUNCHED = "movement.launched", _("Launched an emulation movement")
    MOVEMENT_CLOSED = "movement.closed", _("Closed an emulation movement")
    MOVEMENT_REGISTERED = "movement.registered", _("Registered a unit for a movement")
    MOVEMENT_REGISTERED_BULK = "movement.registered_bulk", _("Registered units for a movement in bulk")
    MOVEMENT_REPORTED = "movement.reported", _("Reported movement results")
    MOVEMENT_ACTIVITY_ADDED = "movement.activity_added", _("Added a movement activity")
    MOVEMENT_AWARDED = "movement.awarded", _("Recorded a movement award")
    # contests (Hội thi Dân vận khéo): add below this line
    CONTEST_CREATED = "contest.created", _("Created a contest")
    CONTEST_UPDATED = "contest.updated", _("Updated a contest")
    CONTEST_STATUS_CHANGED = "contest.status_changed", _("Started or finished a contest")
    CONTEST_ROUND_CREATED = "contest.round_created", _("Added a contest round")
    CONTEST_ROUND_TEAMS_SET = "contest.round_teams_set", _("Set the teams of a contest round")
    CONTEST_PART_CREATED = "contest.part_created", _("Added a contest part")
    CONTEST_PART_REMOVED = "contest.part_removed", _("Removed a contest part")
    CONTEST_TEAM_ADDED = "contest.team_added", _("Added a contest team")
    CONTEST_TEAM_UPDATED = "contest.team_updated", _("Updated a contest team")
    CONTEST_TEAMS_IMPORTED = "contest.teams_imported", _("Imported contest teams")
    CONTEST_JUDGE_ADDED = "contest.judge_added", _("Added a contest judge")
    CONTEST_JUDGE_REMOVED = "contest.judge_removed", _("Removed a contest judge")
    CONTEST_SCORES_ENTERED = "contest.scores_entered", _("Entered contest scores")
    CONTEST_PRIZES_AWARDED = "contest.prizes_awarded", _("Awarded contest prizes")
    # democracy (dân chủ ở cơ sở) and portal: add below this line
    DEMOCRACY_BASE_REGISTERED = "democracy.base_registered", _("Registered a grassroots base")
    DISCLOSURE_ITEM_UPDATED = "democracy.item_updated", _("Corrected a disclosure catalogue item")
    DISCLOSURE_POSTED = "democracy.disclosure_posted", _("Posted a disclosure")
    DISCLOSURE_UPDATED = "democracy.disclosure_updated", _("Corrected a disclosure")
    DISCLOSURE_PUBLISHED = "democracy.disclosure_published", _("Published a disclosure on the portal")
    DISCLOSURE_WITHDRAWN = "democracy.disclosure_withdrawn", _("Withdrew a disclosure from the portal")
    CONSULTATION_OPENED = "democracy.consultation_opened", _("Opened a consultation")
    CONSULTATION_SUMMARISED = "democracy.consultation_summarised", _("Summarised a consultation's comments")
    CONSULTATION_COMMENT_ADDED = "democracy.comment_added", _("Recorded a comment on a consultation")
    CONSULTATION_COMMENT_MODERATED = "democracy.comment_moderated", _("Moderated a citizen's comment")
    CONSULTATION_COMMENT_ANSWERED = "democracy.comment_answered", _("Answered a comment on a consultation")
    MATTER_CREATED = "democracy.matter_created", _("Put a matter to residents' decision")
    MATTER_VOTE_RECORDED = "democracy.vote_recorded", _("Recorded a household vote")
    MATTER_PUBLISHED = "democracy.matter_published", _("Published a decision on the portal")
    MATTER_WITHDRAWN = "democracy.matter_withdrawn", _("Withdrew a decision from the portal")
    MATTER_RECOGNISED = "democracy.matter_recognised", _("Recognised the result of a residents' vote")
    BOARD_CREATED = "democracy.board_created", _("Set up a people's inspection or community supervision board")
    BOARD_MEMBER_ADDED = "democracy.board_member_added", _("Added a board member")
    BOARD_MEMBER_ENDED = "democracy.board_member_ended", _("Ended a board member's term")
    FINDING_RECORDED = "democracy.finding_recorded", _("Recorded a supervision finding")
    FINDING_ANSWERED = "democracy.finding_answered", _("Recorded the answer to a board's recommendation")
    INSPECTION_PLANNED = "democracy.inspection_planned", _("Planned an inspection of grassroots democracy")
    INSPECTION_RESULT_RECORDED = "democracy.inspection_result", _("Recorded an inspection's findings at a base")
    CONSULTATION_PUBLISHED = "democracy.consultation_published", _("Published a consultation on the portal")
    CONSULTATION_WITHDRAWN = "democracy.consultation_withdrawn", _("Withdrew a consultation from the portal")
    PORTAL_COMMENT_RECEIVED = "portal.comment_received", _("Received a comment through the portal")
    PORTAL_ANSWER_PUBLISHED = "portal.answer_published", _("Published an answer to a citizen on the portal")
    SITUATION_REPORT_SAVED = "situation.report_saved", _("Saved a situation report")
    SITUATION_REPORT_SUBMITTED = "situation.report_submitted", _("Submitted a situation report")
    HOTSPOT_RAISED = "situation.hotspot_raised", _("Raised a hotspot")
    HOTSPOT_UPDATED = "situation.hotspot_updated", _("Updated a hotspot")
    HOTSPOT_ALERTED = "situation.hotspot_alerted", _("Alerted the level above of a hotspot")
    HOTSPOT_ACKNOWLEDGED = "situation.hotspot_acknowledged", _("Acknowledged a hotspot")
    HOTSPOT_ESCALATED = "situation.hotspot_escalated", _("Escalated an unacknowledged hotspot")
    SITUATION_RESTRICTED_VIEWED = "situation.restricted_viewed", _("Viewed a restricted situation record")
    # api (tokens for other systems): add below this line
    API_TOKEN_CREATED = "api_token.created", _("Created an API token")
    API_TOKEN_REVOKED = "api_token.revoked", _("Revoked an API token")
    # members (members counted once): add below this line
    MEMBER_ORGANISATION_ADDED = "member.organisation_added", _("Added a member association")
    MEMBER_BRANCH_CREATED = "member.branch_created", _("Opened a member branch")
    MEMBER_ADDED = "member.added", _("Added a member")
    MEMBER_LEFT = "member.left", _("Recorded a member leaving")
    MEMBER_CORRECTED = "member.corrected", _("Corrected a member's record")
    MEMBERS_IMPORTED = "member.imported", _("Imported a member list")
    MEMBERS_EXPORTED = "member.exported", _("Exported a member list")
    MEMBERS_RECOUNTED = "member.recounted", _("Recounted the member statistics")
    MEMBER_POPULATION_SET = "member.population_set", _("Entered a commune's population of age")
    # committees (steering committees and working groups): add below this line
    COMMITTEE_ESTABLISHED = "committee.established", _("Set up a steering committee or working group")
    COMMITTEE_CORRECTED = "committee.corrected", _("Corrected a steering committee")
    COMMITTEE_REORGANISED = "committee.reorganised", _("Reorganised a steering committee under a new decision")
    COMMITTEE_COMPOSITION_CORRECTED = "committee.composition_corrected", _("Corrected a committee's membership")
    COMMITTEE_TASK_ASSIGNED = "committee.task_assigned", _("Gave a task in a committee's name")
    COMMITTEE_MEETING_LINKED = "committee.meeting_linked", _("Listed a meeting among a committee's meetings")
    COMMITTEE_MEETING_UNLINKED = "committee.meeting_unlinked", _("Took a meeting off a committee's list")


class AuditEvent(models.Model):
    """Append-only: database triggers (migration 0002) refuse UPDATE and DELETE."""

    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Kept as text too, so the row reads the same after a rename; "hệ thống: …" for system jobs.
    actor_label = models.CharField(max_length=150)
    unit = models.ForeignKey("organisations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # No `choices` at the database level: apps add actions to `Action` without a migration here.
    action = models.CharField(max_length=40)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=255, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            # The audit page filters by one of these and sorts by time.
            models.Index(fields=["unit", "at"], name="auditevent_unit_at_idx"),
            models.Index(fields=["actor", "at"], name="auditevent_actor_at_idx"),
            models.Index(fields=["action", "at"], name="auditevent_action_at_idx"),
            models.Index(fields=["at"], name="auditevent_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"

    def get_action_display(self) -> str:
        try:
            return str(Action(self.action).label)
        except ValueError:
            return self.action
