"""What citizens send through the portal: a comment on an open consultation, or a recommendation that goes into
the petitions intake. Nothing of it is public until an official moderates it.

Scripted sending is stopped without any outside service: a honeypot field, a minimum time on the form (a signed
timestamp), and a rate limit per address and per phone/e-mail counted in the database (so it holds across
processes and machines)."""

import datetime as dt
import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.democracy.models import Comment, Consultation
from danvan.portal.models import Submission, Tracking

MAX_TEXT = 2000
MAX_NAME = 100
MIN_SECONDS = 4
MAX_FORM_AGE = dt.timedelta(hours=6)
RATE_WINDOW = dt.timedelta(hours=1)
RATE_PER_ADDRESS = 5
RATE_PER_CONTACT = 3
_SALT = "danvan.portal.form-started"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript:|&#", re.IGNORECASE)
NEUTRAL = "Hệ thống chưa nhận được nội dung. Hãy đợi giây lát rồi gửi lại."


def form_started_token(now=None) -> str:
    """A signed timestamp put in the form when it is shown."""
    return signing.dumps((now or timezone.now()).timestamp(), salt=_SALT)


def _hash(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def _clean_text(text: str, *, field: str, label: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ApplicationError(f"{label}: bắt buộc, hãy viết nội dung.", field=field)
    if len(text) > MAX_TEXT:
        raise ApplicationError(f"{label}: tối đa {MAX_TEXT} ký tự (hiện có {len(text)}).", field=field)
    if _MARKUP.search(text):
        raise ApplicationError(f"{label}: không nhận mã HTML hay đoạn mã; hãy viết chữ thường.", field=field)
    return text


def clean_sender(*, name: str, contact: str) -> tuple[str, str, str]:
    """(name, phone, email) of the sender, or an error naming the field."""
    from danvan.petitions.services import clean_phone

    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError("Họ và tên: bắt buộc (không hiển thị công khai).", field="name")
    if len(name) > MAX_NAME or _MARKUP.search(name):
        raise ApplicationError(f"Họ và tên: tối đa {MAX_NAME} ký tự, chỉ gồm chữ.", field="name")
    contact = (contact or "").strip()
    if not contact:
        raise ApplicationError(
            "Số điện thoại hoặc thư điện tử: bắt buộc để cơ quan liên hệ lại (không hiển thị công khai).",
            field="contact",
        )
    if "@" in contact:
        if not _EMAIL.match(contact) or len(contact) > 128:
            raise ApplicationError("Thư điện tử: chưa đúng dạng, ví dụ ten@example.vn.", field="contact")
        return name, "", contact.lower()
    return name, clean_phone(contact, field="contact"), ""


def _check_human(*, honeypot: str, started: str, now) -> None:
    if honeypot:
        raise ApplicationError(NEUTRAL, code="spam")
    try:
        started_at = signing.loads(started or "", salt=_SALT)
    except signing.BadSignature:
        raise ApplicationError("Biểu mẫu đã cũ; hãy tải lại trang rồi gửi lại.", code="stale") from None
    elapsed = now.timestamp() - float(started_at)
    if elapsed < MIN_SECONDS:
        raise ApplicationError(NEUTRAL, code="too_fast")
    if elapsed > MAX_FORM_AGE.total_seconds():
        raise ApplicationError("Biểu mẫu đã mở quá lâu; hãy tải lại trang rồi gửi lại.", code="stale")


def _check_rate(*, address: str, contact: str, kind: str, now) -> tuple[str, str]:
    address_hash, contact_hash = _hash(f"ip:{address}"), _hash(f"contact:{contact.lower()}")
    since = now - RATE_WINDOW
    recent = Submission.objects.filter(at__gte=since)
    if (
        recent.filter(address_hash=address_hash).count() >= RATE_PER_ADDRESS
        or recent.filter(contact_hash=contact_hash).count() >= RATE_PER_CONTACT
    ):
        raise ApplicationError(
            "Đã nhận nhiều nội dung từ địa chỉ hoặc số liên hệ này trong một giờ qua; hãy gửi lại sau một giờ.",
            code="rate_limited",
        )
    return address_hash, contact_hash


def portal_comment_submit(
    *,
    consultation: Consultation,
    name: str,
    contact: str,
    text: str,
    address: str,
    honeypot: str = "",
    started: str = "",
    now=None,
) -> Comment:
    """A citizen's comment on an open, published consultation; awaits moderation before it is shown."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not consultation.is_published or not consultation.is_open(today):
        raise ApplicationError("Dự thảo này không còn nhận góp ý.", code="closed")
    # The fields first: a person who pressed "Gửi" quickly on an empty form is told which field is missing, not
    # the neutral message meant for scripts.
    name, phone, email = clean_sender(name=name, contact=contact)
    text = _clean_text(text, field="text", label="Nội dung góp ý")
    _check_human(honeypot=honeypot, started=started, now=now)
    with transaction.atomic():
        address_hash, contact_hash = _check_rate(address=address, contact=phone or email, kind="comment", now=now)
        Submission.objects.create(kind=Submission.Kind.COMMENT, address_hash=address_hash, contact_hash=contact_hash)
        comment = Comment.objects.create(
            consultation=consultation,
            channel=Comment.Channel.PORTAL,
            author_name=name,
            contact=phone or email,
            text=text,
            moderation=Comment.Moderation.PENDING,
        )
        audit_record(
            actor=None,
            system_label="cổng thông tin công dân",
            action=Action.PORTAL_COMMENT_RECEIVED,
            unit=consultation.base.unit,
            target=consultation,
            details={"comment": str(comment.public_id)},
        )
    return comment


def _new_tracking_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"KN-{raw[:5]}-{raw[5:]}"


def portal_petition_submit(
    *,
    receiving_unit,
    field,
    name: str,
    contact: str,
    text: str,
    address: str,
    honeypot: str = "",
    started: str = "",
    now=None,
) -> Tracking:
    """A citizen's recommendation (kiến nghị, phản ánh): received into the petitions intake of the commune's
    People's Committee; returns the tracking the citizen follows it with."""
    from danvan.petitions.services import petition_receive_public

    now = now or timezone.now()
    # The fields first (named), then the checks against scripts (one neutral message).
    name, phone, email = clean_sender(name=name, contact=contact)
    text = _clean_text(text, field="text", label="Nội dung kiến nghị, phản ánh")
    _check_human(honeypot=honeypot, started=started, now=now)
    with transaction.atomic():
        address_hash, contact_hash = _check_rate(address=address, contact=phone or email, kind="petition", now=now)
        Submission.objects.create(kind=Submission.Kind.PETITION, address_hash=address_hash, contact_hash=contact_hash)
        petition = petition_receive_public(
            unit=receiving_unit,
            field=field,
            content=text,
            full_name=name,
            phone=phone,
            # Petitioner has no e-mail column: the address line carries it, seen only by the handlers.
            address=f"Thư điện tử: {email}" if email else "",
        )
        tracking = Tracking.objects.create(code=_new_tracking_code(), petition=petition)
    return tracking


def tracking_answer_publish(*, actor, tracking: Tracking, answer: str) -> Tracking:
    """Publish (or, with an empty text, take down) the answer a citizen sees on the status page."""
    from danvan.petitions.permissions import can_act_on_petition

    if not can_act_on_petition(actor, tracking.petition):
        raise ApplicationError("Đồng chí không có quyền trả lời kiến nghị này.", code="forbidden")
    answer = (answer or "").strip()
    if len(answer) > 4000:
        raise ApplicationError("Nội dung trả lời: tối đa 4000 ký tự.", field="answer")
    with transaction.atomic():
        row = Tracking.objects.select_for_update().get(pk=tracking.pk)
        before = row.answer
        row.answer = answer
        row.answer_published_at = timezone.now() if answer else None
        row.answer_published_by = actor if answer else None
        row.save(update_fields=["answer", "answer_published_at", "answer_published_by"])
        audit_record(
            actor=actor,
            action=Action.PORTAL_ANSWER_PUBLISHED,
            unit=row.petition.unit,
            target=row.petition,
            before={"answer": before},
            after={"answer": answer},
        )
    return row
