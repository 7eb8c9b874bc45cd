"""The proposed record: the fixed JSONL twelve fields and what helps the officer review them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class ExtractedRecord:
    """What the extractor proposes. The first twelve fields are the fixed JSONL format; the rest help review."""

    id: str = ""
    event_type: str = "other"
    event_date: str | None = None
    period: str | None = None
    province: str | None = None
    level: str | None = None
    organizer: str = ""
    chair: list[dict] = field(default_factory=list)
    attendees_orgs: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    title: str = ""
    place: str = ""
    # Legacy place names met in the text, for the administrative mapping: [{"level", "name", "province"}].
    places: list[dict] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    JSONL_KEYS = (
        "id",
        "event_type",
        "event_date",
        "period",
        "province",
        "level",
        "organizer",
        "chair",
        "attendees_orgs",
        "tasks",
        "models",
        "figures",
    )

    def as_jsonl(self) -> dict:
        data = asdict(self)
        return {key: data[key] for key in self.JSONL_KEYS}

    def as_dict(self) -> dict:
        return asdict(self)
