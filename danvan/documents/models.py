"""The Ban's own documents: types, drafts with versions and comments, recipients, incoming documents.

Numbers come from the register (`PartyTerm`, `DocumentRegister`, `IssuedDocument`, decision 0025; moved here from
`reports` by decision 0059, their tables keep their `reports_` names): a document issued here links to its
IssuedDocument, so the numbers of briefing reports and conclusion notices run on.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.Model):
    """A Party document type of Hướng dẫn 36-HD/VPTW with its abbreviation (NQ, QĐ, KH, …). Data, not code."""

    code = models.CharField(max_length=8, unique=True)  # the abbreviation printed in "Số 12-KH/BDVTU"
    name = models.CharField(max_length=100)  # "Kế hoạch"
    active = models.BooleanField(default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class PartyTerm(models.Model):
    """A Party committee term (nhiệm kỳ). Party document numbers restart at 01 with each term (HD 36-HD/VPTW).

    Congress dates differ by province and level [unconfirmed]: the boundaries are data, editable by admins.
    """

    label = models.CharField(max_length=16, unique=True)  # "2025-2030"
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "reports_partyterm"  # the table kept its name when the model moved here (decision 0059)
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.label


class DocumentRegister(models.Model):
    """The running number of one document type for one issuing body in one term."""

    issuer = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    doc_type = models.CharField(max_length=8)  # "BC" báo cáo, "TB" thông báo, "KH" kế hoạch…
    term = models.ForeignKey(PartyTerm, on_delete=models.PROTECT, related_name="+")
    symbol = models.CharField(max_length=32)  # the issuer's abbreviation, e.g. "BTGDVTU"
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "reports_documentregister"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "doc_type", "term"], name="documentregister_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.doc_type}/{self.symbol} {self.term}: {self.last_number}"


class IssuedDocument(models.Model):
    """A numbered document as it was issued. The file is kept in the database: no local file is the only copy."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    register = models.ForeignKey(DocumentRegister, on_delete=models.PROTECT, related_name="documents")
    number = models.PositiveIntegerField()
    reference = models.CharField(max_length=64)  # "Số 12-BC/BTGDVTU"
    title = models.CharField(max_length=255)
    issued_on = models.DateField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    # What the document is (documents.numbering.document_issue's key) and the page it is issued from, where a
    # replacement is issued after a revocation.
    key = models.CharField(max_length=200, blank=True)
    source_url = models.CharField(max_length=300, blank=True)
    # A number is never reused: a wrong document is revoked (with the reason) and a replacement gets a new number.
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoke_reason = models.TextField(blank=True)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")

    class Meta:
        db_table = "reports_issueddocument"
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["register", "number"], name="issueddocument_number_unique")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class Document(models.Model):
    """An outgoing document (văn bản đi), from its first draft to its issue."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("With the head of division")
        SIGNING = "signing", _("With the signer")
        ISSUED = "issued", _("Issued")

    class Capacity(models.TextChoices):
        # How the signature block reads (HD 36): on behalf of the collective, as deputy, or acting.
        ON_BEHALF = "T/M", _("T/M (on behalf of the collective)")
        DEPUTY = "K/T", _("K/T (deputy signing for the head)")
        ACTING = "Q.", _("Q. (acting head)")
        NONE = "", _("The head signs in person")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    doc_type = models.ForeignKey(DocumentType, on_delete=models.PROTECT, related_name="+")
    template = models.CharField(max_length=20, blank=True)  # a key of documents.drafting.TEMPLATES, or ""
    title = models.CharField(max_length=255)  # trích yếu
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    drafter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signer_title = models.CharField(max_length=120, blank=True)  # "Trưởng ban", "Phó Trưởng ban"
    capacity = models.CharField(max_length=4, choices=Capacity, default=Capacity.ON_BEHALF, blank=True)
    # Who it goes to, as chosen: {"units": [codes], "communes_of": code, "organisations_level": "commune"}; expanded
    # into DocumentRecipient rows when issued.
    recipients_spec = models.JSONField(default=dict, blank=True)
    # Plan tasks (one a line: "unit code | task | dd/mm/yyyy"), turned into workplans tasks when issued.
    tasks = models.TextField(blank=True)
    issued = models.OneToOneField(IssuedDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="draft")
    pdf = models.BinaryField(null=True, blank=True)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    # fold(title + summary + the latest text): the diacritic-free search column.
    search_text = models.TextField(blank=True)
    # A document danvan generates (briefing report, conclusion notice, contest decision, assessment report): the
    # register key of what it is ("meeting:<uuid>", "briefing:<unit>:<form>:<period>"), so that the issue button
    # of the same source reuses its draft; "" for a document drafted by hand.
    source_key = models.CharField(max_length=200, blank=True)
    source_url = models.CharField(max_length=255, blank=True)
    # On the citizens' portal (/cong-dan/van-ban/) since when, by whom; None: not published. Only an issued,
    # unrevoked document is shown there.
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The portal's list: published documents, newest first.
            models.Index(
                fields=["-published_at"], condition=models.Q(published_at__isnull=False), name="document_published"
            ),
            # The issuer's document list, newest first.
            models.Index(fields=["issuer", "-created_at"], name="document_issuer_created"),
            # Everyone's list when the scope is wide (the centre): newest first, read until the page is full.
            models.Index(fields=["-created_at", "-id"], name="document_created"),
            # "Waiting for me": the few drafts on the route (with the head of division or the signer), not the
            # million issued ones.
            models.Index(
                fields=["status"], condition=models.Q(status__in=["review", "signing"]), name="document_on_route"
            ),
            # The issue button of a meeting, briefing, contest or assessment finds its draft.
            models.Index(fields=["source_key"], name="document_source_key"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        return self.issued.reference if self.issued_id else ""

    @property
    def latest(self):
        return self.versions.order_by("-number").first()

    @property
    def generated(self) -> bool:
        return bool(self.source_key)


class DocumentVersion(models.Model):
    """One save or upload of a draft: its text, the file when one was uploaded, who and when."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    # The sections filled from the template, {"key": "text"}; empty for an upload.
    fields = models.JSONField(default=dict, blank=True)
    text = models.TextField(blank=True)
    file = models.ForeignKey("core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="documentversion_unique")]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"


class DocumentComment(models.Model):
    """A reviewer's comment on a draft (on its version at the time)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="comments")
    version_number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class DocumentRecipient(models.Model):
    """A unit an issued document was sent to, and when (and by whom) it acknowledged receipt."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="recipients")
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The document's issue date, copied here when it is issued (documents 0008 filled the rows written before):
    # a unit's incoming register of a year is then one range on (unit, issued_on) instead of joining every
    # document the unit ever received to its issue date. An issued document's date never changes.
    issued_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "unit"], name="documentrecipient_unique")]
        indexes = [
            # A unit's inbox: what it has not acknowledged yet.
            models.Index(fields=["unit", "acknowledged_at"], name="docrecipient_unit_ack"),
            # A unit's received documents, newest first (rows are written when the document is issued, so the id
            # is the order of arrival); on PostgreSQL covering (INCLUDE acknowledged_at, document: migration 0007),
            # so that the page's 50 rows are found without the table.
            models.Index(fields=["unit", "-id"], name="docrecipient_unit_new"),
            # A unit's incoming register of a year, in the order of the documents' dates.
            models.Index(fields=["unit", "issued_on"], name="docrecipient_unit_issued"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} → {self.unit_id}"


class IncomingDocument(models.Model):
    """A document that arrived from outside danvan (văn bản đến), registered by the receiving unit."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    arrival_year = models.PositiveSmallIntegerField()
    arrival_number = models.PositiveIntegerField()  # số đến, running per unit and year
    arrived_on = models.DateField()
    reference = models.CharField(max_length=64)  # the sender's "Số 123/BNV-CQĐP"
    dated = models.DateField()
    issuing_body = models.CharField(max_length=255)
    summary = models.TextField()
    file = models.ForeignKey("core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    instruction = models.TextField(blank=True)  # bút phê of the leader
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(null=True, blank=True)
    tasks = models.ManyToManyField("workplans.Task", blank=True, related_name="+")
    search_text = models.TextField(blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-arrival_year", "-arrival_number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "arrival_year", "arrival_number"], name="incoming_number_unique")
        ]
        indexes = [models.Index(fields=["unit", "-arrived_on"], name="incoming_unit_arrived")]

    def __str__(self) -> str:
        return f"{self.arrival_number}/{self.arrival_year} {self.reference}"


class Delegation(models.Model):
    """A leader lets another person issue (take the number of) the documents the leader is to sign, for the
    issuing body and a period (ủy quyền ban hành). Ended early by setting `ended_at`; never deleted."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    delegator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    delegate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [
            # can_issue: is there a running delegation from this signer to this person for this body?
            models.Index(fields=["delegate", "delegator", "unit"], name="delegation_lookup"),
        ]

    def __str__(self) -> str:
        return f"{self.delegator_id} → {self.delegate_id} ({self.starts_on}–{self.ends_on})"

    def active_on(self, day) -> bool:
        return self.ended_at is None and self.starts_on <= day <= self.ends_on
