"""Reading a news article or report about a dân vận meeting into a proposed record.

Pure functions, no database: the evaluation command runs them anywhere. Rules and small dictionaries
built from the language such reports use (meeting types, titles, period phrases, date phrases, units of
numeric facts). Everything matches on `fold()`ed text so "Uỷ"/"Ủy", capitals and typed-without-diacritics
variants all match; what is returned is cut from the original text.

Nothing here guesses silently: a date or period that cannot be resolved is left empty and flagged.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import asdict, dataclass, field

from danvan.core.text import fold

# --- Vocabulary -------------------------------------------------------------------------------------

# Meeting types, by folded keyword. The earliest keyword in the title (then the lead) decides.
EVENT_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("hoi thi", "hoi_thi"),
    ("cuoc thi", "hoi_thi"),
    ("bieu duong", "bieu_duong"),
    ("ton vinh", "bieu_duong"),
    ("tuyen duong", "bieu_duong"),
    ("vinh danh", "bieu_duong"),
    ("tong ket", "tong_ket"),
    ("so ket", "so_ket"),
    ("giao ban", "giao_ban"),
    ("trien khai ke hoach", "trien_khai"),
    ("ke hoach", "trien_khai"),
    ("trien khai", "trien_khai"),
    ("phat dong", "trien_khai"),
)
# "triển khai nhiệm vụ …" follows almost every review meeting: it does not make the meeting a triển khai.
_NOT_TRIEN_KHAI = re.compile(r"trien khai (?:cac )?(?:nhiem vu|phuong huong)")

EVENT_TYPES = ("giao_ban", "so_ket", "tong_ket", "hoi_thi", "bieu_duong", "trien_khai", "other")
LEVELS = ("trung_uong", "tinh", "huyen", "xa")

# Cities directly under the centre: their "Thành ủy" is provincial level; any other city's is district level.
CENTRAL_CITIES = ("ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue")

SURNAMES = frozenset(
    fold(s)
    for s in (
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đinh Lâm Mai Trịnh Trương "
        "Hà Lương Tạ Cao Chu Thái Lưu Tô Triệu Quách Kiều Vương Đoàn Tăng Phùng Đàm La Lục Hứa Châu Giang Khúc "
        "Nông Sầm Lò Lầu Hầu Mạc Ninh Âu Doãn Khổng Tống Văn Bế Hoàng Lữ Đồng Nghiêm Thân Diệp Quan Lại Từ Kim Y"
    ).split()
)
# Surnames that do not start a second name inside a four-word name ("Tỉnh ủy Hà Giang Nguyễn Văn A").
_MAJOR_SURNAMES = frozenset(fold(s) for s in "Nguyễn Trần Lê Phạm Huỳnh Phan Đặng Bùi Đỗ Ngô".split())

# Heads of a title phrase ("Ủy viên BTV Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy").
TITLE_HEADS = (
    "uy vien",
    "bi thu",
    "pho bi thu",
    "truong ban",
    "pho truong ban",
    "chu tich",
    "pho chu tich",
    "giam doc",
    "pho giam doc",
    "thuong truc",
    "truong khoi",
    "to truong",
    "chanh van phong",
    "tong bi thu",
    "thu tuong",
    "bo truong",
    "thu truong",
    "truong phong",
    "chanh an",
    "vien truong",
)

# Units of numeric facts, longest first when matched.
FIGURE_UNITS = sorted(
    (
        "mô hình",
        "điểm cầu",
        "đại biểu",
        "huyện",
        "xã",
        "phường",
        "thị trấn",
        "xã, phường, thị trấn",
        "cơ sở",
        "lượt",
        "lượt người",
        "người",
        "hộ",
        "hộ gia đình",
        "cuộc",
        "buổi",
        "hội nghị",
        "đơn",
        "đơn thư",
        "vụ việc",
        "vụ",
        "tỷ đồng",
        "triệu đồng",
        "nghìn đồng",
        "km",
        "ha",
        "tấn",
        "ngày công",
        "ngày đêm",
        "năm",
        "%",
        "phần trăm",
        "lớp",
        "đoàn viên",
        "hội viên",
        "cán bộ",
        "đảng viên",
        "tập thể",
        "cá nhân",
        "điển hình",
        "công trình",
        "nhà",
        "căn nhà",
        "nhà đại đoàn kết",
        "suất quà",
        "phần quà",
        "loại hình",
        "tổ chức",
        "đơn vị",
        "thôn",
        "bản",
        "tổ dân phố",
        "thôn, tổ dân phố",
        "lần",
        "tin",
        "bài",
        "tin, bài",
        "kiến nghị",
        "ý kiến",
        "trường hợp",
        "gương",
        "bằng khen",
        "giấy khen",
        "chi bộ",
        "đảng bộ",
        "văn bản",
        "kế hoạch",
        "đoàn",
        "câu lạc bộ",
        "tổ",
        "cơ quan",
        "doanh nghiệp",
        "học sinh",
        "m",
        "mét",
        "cây",
        "con",
        "ngày",
    ),
    key=len,
    reverse=True,
)

# Words that open the attending-organisations sentence.
_ATTENDEES_OPEN = re.compile(
    r"(?:^|[.;]\s*)(?:cùng\s+)?(?:tham\s+)?dự\s+(?:và\s+chỉ\s+đạo\s+)?(?:hội\s+nghị|buổi\s+giao\s+ban|hội\s+thi|lễ)?"
    r"\s*(?:còn\s+)?có\s*:?\s*",
    re.IGNORECASE,
)
_ATTENDEES_MORE = re.compile(r"^(?:đối\s+với|về\s+phía|ngoài\s+ra|cùng\s+dự)[^,]*,\s*(?:còn\s+)?(?:có\s+)?", re.I)
# Leading words naming people rather than bodies ("lãnh đạo", "đại diện", "Trưởng phòng, phó Trưởng phòng, …").
_PERSON_PREFIX = re.compile(
    r"^(?:và\s+|cùng\s+|các\s+|đồng\s+chí\s+|trong\s+|lãnh\s+đạo\s+|đại\s+diện\s+|chuyên\s+viên\s+|cán\s+bộ\s+|"
    r"(?:phó\s+)?trưởng\s+phòng\s*,?\s*|(?:phó\s+)?(?:chủ\s+tịch|bí\s+thư|giám\s+đốc)\s+|"
    r"(?:phó\s+)?trưởng\s+(?=khối|ban\s+(?:và|dân|tuyên))|ban\s+và\s+(?:các\s+)?phó\s+trưởng\s+(?=ban)|,\s*)+",
    re.IGNORECASE,
)
_ORG_HEAD = re.compile(
    r"^(?:Văn phòng|HĐND|UBND|Hội đồng|Ủy ban|Uỷ ban|Công an|Ban|Bộ|Sở|Phòng|Hội|Đoàn|Liên đoàn|MTTQ|Mặt trận|"
    r"Trung tâm|Khối|Đảng ủy|Đảng uỷ|Thường trực|Tỉnh|Huyện|Thành|Quận|Thị|Lực lượng|Công đoàn|Viện|Trường)\b"
)

# Bodies are listed with ", " or " và các "; a comma before a lower-case word continues one name ("huyện, thị, thành uỷ").
_ATTENDEE_SPLIT = re.compile(
    r",\s+(?="
    + _ORG_HEAD.pattern.lstrip("^")
    + r"|(?:Phó\s+)?Trưởng|Lãnh đạo|Đại diện|Chủ tịch|Bí thư)|\s+và\s+(?=các\s+(?![Pp]hó))|\s+và\s+(?=(?:Bí thư|Chủ tịch|Trưởng|lãnh đạo|đại diện)\b)"
)

_TASK_TRIGGER = re.compile(
    r"nhiem vu trong tam|thong nhat cac nhiem vu|phuong huong nhiem vu|\bde nghi\b|\byeu cau\b|\bnhan manh\b|"
    r"can tap trung|theo ke hoach|giai phap trong tam|nhiem vu (?:thoi gian|trong thoi gian) toi"
)
# In a trigger sentence the tasks start after the last of these (original text, case-insensitive).
_TASK_START = re.compile(
    r":\s*|cần\s+tập\s+trung\s+vào\s+việc\s+|cần\s+tập\s+trung\s+vào\s+|cần\s+tập\s+trung\s+|\bcần\s+|"
    r"trong\s+đó,?\s+|yêu\s+cầu,?\s+|đề\s+nghị,?\s+",
    re.IGNORECASE,
)
_TASK_LEADING = re.compile(r"^(?:trong đó|đồng thời|bên cạnh đó|ngoài ra|theo kế hoạch)\s*,?\s*", re.IGNORECASE)

_DATELINE = re.compile(r"(?:(\d{1,2}):(\d{2})\s*,?\s*)?(?:[A-Za-zÀ-ỹ ]+,\s*)?(\d{1,2})/(\d{1,2})/(\d{4})")
# "Sáng ngày 18-4", "Ngày 19/3", "Chiều 13-7-2021", "ngày 19 tháng 3 năm 2021", at a sentence start or after "vào".
_EVENT_DATE = re.compile(
    r"(?:^|[.!?]\s+|\n\s*|\bvào\s+|\btrong\s+|\bhôm\s+)(?:(?:sáng|chiều|tối|trưa)\s+)?(?:(?:hôm\s+)?nay\s+)?(?:\(?\s*)?"
    r"(?:ngày\s+)?(\d{1,2})\s*(?:[-/.]|\s+tháng\s+)\s*(\d{1,2})(?:\s*(?:[-/.]|\s+năm\s+)\s*(\d{4}))?(?!\d)",
    re.IGNORECASE,
)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# Period phrases, on folded text ("quý I/2021" folds to "quy i 2021").
_PERIODS = re.compile(
    r"\bquy (?P<q>iv|iii|ii|i|[1-4])\b(?: nam)?(?: (?P<qy>(?:19|20)\d\d))?"
    r"|\b(?P<h>6|sau) thang (?P<hw>dau|cuoi) nam(?: (?P<hy>(?:19|20)\d\d))?"
    r"|\b(?P<n>9|chin) thang(?: dau nam)?(?: nam)?(?: (?P<ny>(?:19|20)\d\d))?"
    r"|\b(?P<tk>nhiem ky|giai doan) (?P<t1>(?:19|20)\d\d) (?P<t2>(?:19|20)\d\d)"
    r"|\bnam (?P<y>(?:19|20)\d\d)\b"
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")

_BOILERPLATE_LINE = re.compile(
    r"^(?:tin|ảnh|tin,\s*ảnh|tin và ảnh|bài|bài và ảnh|nguồn|từ khóa|từ khoá|xem chi tiết|các tin khác|tin liên quan|"
    r"bình luận|chia sẻ|in bài|video|phóng sự ảnh|bản tin)\b",
    re.IGNORECASE,
)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


# --- The record -------------------------------------------------------------------------------------


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


# --- Text helpers -----------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """NFC, one kind of space and dash, no zero-width characters, lines trimmed."""
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    text = re.sub(r"[ \t\u00a0\u2009\u202f]+", " ", text)
    text = text.replace("“", '"').replace("”", '"').replace("„", '"')
    return "\n".join(line.strip() for line in text.split("\n"))


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _sentences(paragraph: str) -> list[str]:
    """Split at ". " (or "!", "?", "…") followed by a capital or a quote; abbreviations here have no dot."""
    parts = re.split(r"(?<=[.!?…])\s+(?=[\"'(]?[A-ZÀ-Ỹ0-9Đ])", paragraph)
    return [p.strip() for p in parts if p.strip()]


def _clauses(sentence: str) -> list[str]:
    # "; " separates tasks, except inside a list of quoted names ("Dân vận khéo"; "Dân vận khéo trong …").
    parts = re.split(r";(?!\s*[\"'])\s*", sentence)
    return [p.strip() for p in parts if p.strip()]


def _tidy(phrase: str) -> str:
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:-–")
    phrase = re.sub(r"(?:\.\.\.|…|\.)+$", "", phrase).strip(" ,;:-–")
    return phrase


@dataclass
class _Doc:
    text: str  # normalised
    title: str
    dateline: dt.date | None
    body: list[str]  # paragraphs after the title, dateline and boilerplate removed
    lead: str  # the first real sentence of the body


def _split(text: str) -> _Doc:
    lines = [line for line in text.split("\n") if line.strip()]
    title = ""
    dateline = None
    body: list[str] = []
    for line in lines:
        words = _word_count(line)
        match = _dateline(line) if words <= 14 else None
        if match and dateline is None:
            dateline = _valid_date(int(match.group(5)), int(match.group(4)), int(match.group(3)))
            continue
        if not title:
            # A section label ("Khối Đảng", "Tin tức") is not the title.
            if words > 30:
                # No title line: pasted prose starts at once. Its first sentence stands as the title.
                title = _sentences(line)[0]
                body.append(line)
            elif words >= 4 or any(keyword in fold(line) for keyword, _kind in EVENT_KEYWORDS):
                title = line
            continue
        body.append(line)
    lead = ""
    for paragraph in body:
        if _word_count(paragraph) >= 12:
            lead = _sentences(paragraph)[0]
            break
    return _Doc(text=text, title=title, dateline=dateline, body=body, lead=lead)


_DATELINE_NOISE = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2})?|\bthứ\s+(?:hai|ba|tư|năm|sáu|bảy)\b|\bchủ\s+nhật\b|\bGMT\s*[+-]\s*\d+(?::\d+)?|"
    r"\b(?:cập\s+nhật|đăng\s+ngày|ngày\s+đăng|ngày|lúc|giờ|sáng|chiều|AM|PM)\b|[\s,|()\-–:]+",
    re.IGNORECASE,
)


def _dateline(line: str) -> re.Match | None:
    """A line that holds a publication date and nothing else but times, weekdays and such."""
    match = _DATELINE.search(line)
    if match and not _DATELINE_NOISE.sub("", line[: match.start(3)] + line[match.end() :]):
        return match
    return None


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- Gazetteer (the `vietnam-provinces` package, offline) -------------------------------------------


@dataclass(frozen=True)
class _Place:
    level: str  # "province" or "district"
    name: str  # without its type word: "Bắc Giang", "Yên Thế"
    province: str  # for a district, its province's name; for a province, itself


def _strip_type(name: str) -> str:
    return re.sub(r"^(?:Tỉnh|Thành phố|Thành Phố|Huyện|Quận|Thị xã|Thị Xã)\s+", "", name).strip()


@functools.cache
def _gazetteer() -> tuple[dict[tuple[str, ...], list[_Place]], dict[str, str]]:
    """Folded token sequences of the 63 legacy provinces (and 34 current ones) and the 696 legacy districts."""
    from vietnam_provinces import Province
    from vietnam_provinces.legacy import District as LegacyDistrict
    from vietnam_provinces.legacy import Province as LegacyProvince

    index: dict[tuple[str, ...], list[_Place]] = {}
    provinces: dict[int, str] = {}
    display: dict[str, str] = {}
    legacy = list(LegacyProvince.iter_all())
    for p in legacy + list(Province.iter_all()):
        name = _strip_type(p.name)
        display.setdefault(fold(name), name)
        if p in legacy:
            provinces[p.code.value] = name
        places = index.setdefault(tuple(fold(name).split()), [])
        if not any(x.level == "province" for x in places):
            places.append(_Place("province", name, name))
    for d in LegacyDistrict.iter_all():
        name = _strip_type(d.name)
        province = provinces.get(d.province_code.value, "")
        index.setdefault(tuple(fold(name).split()), []).append(_Place("district", name, province))
    display.setdefault("ho chi minh", "Hồ Chí Minh")
    return index, display


def _province_display(name: str) -> str:
    return _gazetteer()[1].get(fold(name), name)


# --- Field extractors -------------------------------------------------------------------------------


def _event_type(doc: _Doc) -> str:
    for part in [doc.title, doc.lead, *doc.body[:2]]:
        folded = _NOT_TRIEN_KHAI.sub(" ", fold(part))
        best = None
        for keyword, kind in EVENT_KEYWORDS:
            pos = folded.find(keyword)
            if pos >= 0 and (best is None or pos < best[0]):
                best = (pos, kind)
        if best:
            return best[1]
    return "other"


def _period(doc: _Doc, record: ExtractedRecord) -> str | None:
    for part in [doc.title + ". " + doc.lead, "\n".join(doc.body)]:
        folded = fold(part)
        for match in _PERIODS.finditer(folded):
            before = folded[max(0, match.start() - 40) : match.start()]
            # "triển khai nhiệm vụ (trọng tâm) quý II" names the next period, not the one reviewed.
            if re.search(r"nhiem vu(?: trong tam)?(?: cong tac)?(?: cua cong tac dan van)? $", before):
                continue
            if match.group("tk") and not re.search(r"(?:tong ket|so ket|dai hoi)\b.{0,40}$", before):
                continue
            year = None
            tail = folded[match.end() : match.end() + 80]
            follow = _YEAR.search(tail)
            fallback = int(follow.group(1)) if follow else (doc.dateline.year if doc.dateline else None)
            if match.group("q"):
                year = int(match.group("qy")) if match.group("qy") else fallback
                suffix = f"-Q{_ROMAN[match.group('q')]}"
            elif match.group("h"):
                year = int(match.group("hy")) if match.group("hy") else fallback
                suffix = "-H1" if match.group("hw") == "dau" else "-H2"
            elif match.group("n"):
                year = int(match.group("ny")) if match.group("ny") else fallback
                suffix = "-9M"
            elif match.group("tk"):
                return f"{match.group('t1')}-{match.group('t2')}"
            else:
                return match.group("y")
            if year is None:
                record.flags.append("period_year_unresolved")
                return None
            if not (match.group("qy") or match.group("hy") or match.group("ny")):
                record.flags.append("period_year_from_context")
            return f"{year}{suffix}"
    return None


def _period_bounds(period: str | None) -> tuple[dt.date, dt.date] | None:
    if not period:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H[12]|9M))?", period)
    if not m:
        return None
    year, part = int(m.group(1)), m.group(2)
    if part is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if part.startswith("Q"):
        q = int(part[1])
        start = dt.date(year, 3 * q - 2, 1)
        end = dt.date(year + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
        return start, end
    if part == "H1":
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if part == "H2":
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 9, 30)


def _event_date(doc: _Doc, record: ExtractedRecord, source_date: dt.date | None) -> str | None:
    anchor = doc.dateline or source_date
    for paragraph in [doc.title, *doc.body[:4]]:
        for match in _EVENT_DATE.finditer(paragraph):
            before = paragraph[max(0, match.start() - 25) : match.start() + 1]
            # A document's date ("Nghị quyết số 110 ngày 11/7/2016") is not the meeting's.
            if re.search(r"(?:số\s*\S+|ban hành|ký)\s*$", before, re.IGNORECASE):
                continue
            day, month = int(match.group(1)), int(match.group(2))
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
            if match.group(3):
                date = _valid_date(int(match.group(3)), month, day)
                if date:
                    return date.isoformat()
                continue
            if anchor:
                date = _valid_date(anchor.year, month, day)
                # Reported on 2 January about 28 December: the year before the date line's.
                if date and date > anchor + dt.timedelta(days=1):
                    date = _valid_date(anchor.year - 1, month, day)
                if date:
                    record.flags.append("event_date_year_from_dateline")
                    return date.isoformat()
                continue
            bounds = _period_bounds(record.period)
            if bounds:
                start, end = bounds
                date = _valid_date(end.year, month, day)
                # A review of a period is held near or after its end: "tổng kết năm 2021" on 10/1 is in 2022.
                if date and record.event_type in ("giao_ban", "so_ket", "tong_ket"):
                    if date < end - dt.timedelta(days=60) and date < start + dt.timedelta(days=45):
                        date = _valid_date(end.year + 1, month, day)
                if date:
                    record.flags.append("event_date_year_from_period")
                    return date.isoformat()
            record.flags.append("event_date_unresolved")
            return None
    record.flags.append("event_date_unresolved")
    return None


@dataclass
class _Tokens:
    words: list[str]
    folded: list[str]
    starts: list[int]
    ends: list[int]
    # Whether only spaces separate a token from the one before it (names do not run across "–" or ",").
    joined: list[bool]


# Words repeat across articles: fold each distinct one once.
_fold_word = functools.lru_cache(maxsize=100_000)(fold)


def _tokens(text: str) -> _Tokens:
    words, folded, starts, ends, joined = [], [], [], [], []
    for m in _WORD.finditer(text):
        joined.append(bool(ends) and not text[ends[-1] : m.start()].strip())
        words.append(m.group())
        folded.append(_fold_word(m.group()))
        starts.append(m.start())
        ends.append(m.end())
    return _Tokens(words, folded, starts, ends, joined)


def _find_places(text: str) -> list[tuple[int, int, list[_Place], str]]:
    """Capitalised mentions of province or district names: (start, end, candidates, type word before)."""
    index, _ = _gazetteer()
    toks = _tokens(text)
    found = []
    i = 0
    while i < len(toks.words):
        hit = None
        for n in (4, 3, 2, 1):
            key = tuple(toks.folded[i : i + n])
            if len(key) == n and key in index and toks.words[i][0].isupper():
                hit = (n, index[key])
                break
        if hit:
            n, places = hit
            before = " ".join(toks.folded[max(0, i - 2) : i])
            found.append((toks.starts[i], toks.ends[i + n - 1], places, before))
            i += n
        else:
            i += 1
    return found


def _type_of(before: str) -> str:
    if re.search(r"(?:^| )(?:tinh|tinh uy)$", before):
        return "province"
    if re.search(r"(?:huyen|quan|thi xa|huyen uy|quan uy|thi uy)$", before):
        return "district"
    if re.search(r"(?:thanh pho|thanh uy)$", before):
        return "city"
    return ""


def _province_and_places(doc: _Doc, record: ExtractedRecord) -> None:
    text = doc.title + "\n" + "\n".join(doc.body)
    if "trung uong" in fold(record.organizer):
        record.province = "Trung ương"
    votes: dict[str, int] = {}
    districts: list[_Place] = []
    for start, _end, places, before in _find_places(text):
        kind = _type_of(before)
        provinces = [p for p in places if p.level == "province"]
        dists = [p for p in places if p.level == "district"]
        in_title = start < len(doc.title)
        # A bare name is often something else ("phong cách Hồ Chí Minh"): count it only in the title.
        if not kind and not in_title:
            continue
        weight = 3 if start < len(doc.title) + len(doc.lead) + 1 else 1
        if provinces and kind != "district":
            name = provinces[0].province
            votes[name] = votes.get(name, 0) + weight
            # A provincial city shares its province's name ("Thành ủy Bắc Kạn").
            if kind == "city" and fold(name) not in CENTRAL_CITIES:
                districts.append(_Place("district", name, name))
        elif dists and kind in ("district", "city"):
            own = {p.province for p in dists}
            if len(own) == 1:
                districts.append(dists[0])
    if record.province is None:
        organizer_places = [p for _s, _e, ps, _b in _find_places(record.organizer) for p in ps if p.level == "province"]
        if organizer_places:
            record.province = organizer_places[0].province
        elif votes:
            record.province = max(votes, key=lambda k: votes[k])
        elif districts:
            # Only a district is named ("huyện Châu Phú"): its province, when the name is unambiguous.
            record.province = districts[0].province
            record.flags.append("province_from_district")
    if record.province and record.province != "Trung ương":
        record.province = _province_display(record.province)
    seen = set()
    for place in districts:
        key = (place.name, place.province)
        if key not in seen and (record.province in (None, "Trung ương") or place.province == record.province):
            seen.add(key)
            record.places.append({"level": place.level, "name": place.name, "province": place.province})
    if record.province and record.province != "Trung ương":
        record.places.insert(0, {"level": "province", "name": record.province, "province": record.province})


_ORG_CORE = re.compile(
    r"\b(?:(?:Ban\s+(?:Tuyên\s+giáo\s+và\s+)?Dân\s+vận|Khối\s+Dân\s+vận|Ban\s+Thường\s+vụ|Thường\s+trực)\s+)?"
    r"(?:Trung\s+ương|(?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng)\s+[uủ][yỷ](?:\s+(?:xã|phường|thị\s+trấn))?)"
    r"|\bBan\s+(?:Tuyên\s+giáo\s+và\s+)?Dân\s+vận\s+(?:(?:huyện|quận|thị\s+xã|thành\s+phố|tỉnh)\b)?"
    r"|\bKhối\s+Dân\s+vận\s+(?:xã|phường|thị\s+trấn)\b"
    r"|\b(?:Ủy|Uỷ)\s+ban\s+(?:MTTQ|Mặt\s+trận\s+Tổ\s+quốc)(?:\s+Việt\s+Nam)?(?:\s+(?:tỉnh|huyện|xã|phường|thành\s+phố))?"
    r"|\b(?:Hội\s+(?:Nông\s+dân|Liên\s+hiệp\s+Phụ\s+nữ|Cựu\s+chiến\s+binh)|Đoàn\s+Thanh\s+niên|Liên\s+đoàn\s+Lao\s+động|"
    r"UBND|HĐND|(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân|Hội\s+đồng\s+nhân\s+dân)\s+(?:tỉnh|huyện|quận|thị\s+xã|thành\s+phố|xã|phường|thị\s+trấn)\b"
    r"|\b(?:Tỉnh|Huyện|Thành)\s+đoàn\b",
    re.IGNORECASE,
)
_ORG_VERB = re.compile(
    r"^(?:\s*,\s*(?:huyện|tỉnh|thành\s+phố|thị\s+xã|quận)\s+[^,.;]{2,40}?,?)?"
    r"(?:\s+phối\s+hợp\s+với\s+[^,.;]{3,80}?)?"
    r"\s*(?:đã\s+|vừa\s+|long\s+trọng\s+|phối\s+hợp\s+|cùng\s+)?(?:tổ\s+chức|họp|triển\s+khai|ban\s+hành|phát\s+động|"
    r"khai\s+mạc|sơ\s+kết|tổng\s+kết|giao\s+ban)",
    re.IGNORECASE,
)
_CANON_WORDS = {
    "ban": "Ban",
    "dan": "Dân",
    "van": "vận",
    "tinh": "Tỉnh",
    "thanh": "Thành",
    "huyen": "Huyện",
    "quan": "Quận",
    "thi": "Thị",
    "dang": "Đảng",
    "uy": "ủy",
    "trung": "Trung",
    "uong": "ương",
    "tuyen": "Tuyên",
    "giao": "giáo",
    "va": "và",
    "khoi": "Khối",
    "thuong": "Thường",
    "vu": "vụ",
    "truc": "trực",
    "xa": "xã",
    "phuong": "phường",
}


def _canonical_case(phrase: str) -> str:
    """An all-capitals heading ("BAN DÂN VẬN TỈNH UỶ") in the usual casing ("Ban Dân vận Tỉnh ủy")."""
    if phrase != phrase.upper():
        return phrase
    out = []
    for word in phrase.split():
        folded = fold(word)
        out.append(_CANON_WORDS.get(folded, word.capitalize()) if folded in _CANON_WORDS else word.capitalize())
    return " ".join(out)


def _org_with_place(text: str, match: re.Match) -> tuple[str, int]:
    end = match.end()
    rest = text[end:]
    if re.search(r"(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|tỉnh)\s*$", match.group(), re.IGNORECASE):
        # "Đảng ủy xã Tân Lập": communes are not in the gazetteer; take the capitalised words that follow.
        toks = _tokens(rest[:60])
        n = 0
        while n < 3 and n < len(toks.words) and toks.words[n][0].isupper() and (n == 0 or toks.joined[n]):
            n += 1
        if n and toks.starts[0] <= 1:
            return text[match.start() : end + toks.ends[n - 1]].strip(), end + toks.ends[n - 1]
    index, _ = _gazetteer()
    toks = _tokens(rest[:60])
    for n in (4, 3, 2, 1):
        key = tuple(toks.folded[:n])
        if len(key) == n and key in index and toks.starts and toks.starts[0] <= 1 and toks.words[0][0].isupper():
            end += toks.ends[n - 1]
            break
    return text[match.start() : end].strip(), end


def _organizer(doc: _Doc, record: ExtractedRecord) -> None:
    for part in [doc.title, doc.lead]:
        for match in _ORG_CORE.finditer(part):
            name, end = _org_with_place(part, match)
            before = part[max(0, match.start() - 12) : match.start()]
            # "Trưởng Ban Dân vận Tỉnh ủy" is a title, not the organiser.
            if re.search(r"(?:trưởng|phó|viên|thư)\s*$", before, re.IGNORECASE):
                continue
            if _ORG_VERB.match(part[end:]):
                record.organizer = _canonical_case(name)
                break
        if record.organizer:
            break
    if not record.organizer:
        for match in _ORG_CORE.finditer(doc.title + "\n" + doc.lead):
            part = doc.title + "\n" + doc.lead
            before = part[max(0, match.start() - 12) : match.start()]
            if re.search(r"(?:trưởng|phó|viên|thư)\s*$", before, re.IGNORECASE):
                continue
            record.organizer = _canonical_case(_org_with_place(part, match)[0])
            record.flags.append("organizer_uncertain")
            break
    if not record.organizer:
        record.flags.append("organizer_missing")


def _level(record: ExtractedRecord) -> str | None:
    folded = fold(record.organizer)
    if not folded:
        return None
    if "trung uong" in folded:
        return "trung_uong"
    if re.search(r"\b(?:dang uy|uy ban mttq) (?:xa|phuong|thi tran)\b|khoi dan van|\b(?:xa|phuong|thi tran)\b", folded):
        return "xa"
    if re.search(r"\b(?:huyen uy|quan uy|thi uy|huyen|quan|thi xa)\b", folded):
        return "huyen"
    if re.search(r"\bthanh uy\b|\bthanh pho\b", folded):
        tail = folded.split("thanh uy" if "thanh uy" in folded else "thanh pho", 1)[1].strip()
        if tail and not any(tail.startswith(c) for c in CENTRAL_CITIES):
            return "huyen"
        return "tinh"
    if re.search(r"\btinh uy\b|\btinh\b", folded):
        return "tinh"
    return None


def _name_at(toks: _Tokens, i: int) -> int:
    """How many tokens from `i` form a person's name (0 if none): a surname, then 1-3 more words."""
    words, folded = toks.words, toks.folded
    if i >= len(words) or folded[i] not in SURNAMES or not words[i][0].isupper():
        return 0
    n = 1
    while n < 4 and i + n < len(words) and toks.joined[i + n]:
        w = words[i + n]
        if w[0].isupper() and not w.isupper():
            n += 1
        elif (
            w.islower() and i + n + 1 < len(words) and words[i + n + 1][0].isupper() and n < 3 and len(w) <= 5
        ):  # "Lê trí Vũ": a typo'd capital inside a name
            n += 1
        else:
            break
    return n if n >= 2 else 0


def _proper_name(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


def _title_clean(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip(" ,;:-–()")
    return title


def _chairs(doc: _Doc, record: ExtractedRecord) -> None:
    paragraphs = [doc.title, *doc.body]
    chairs: list[dict] = []
    for paragraph in paragraphs:
        for sentence in _sentences(paragraph):
            low = sentence.lower()
            pos = low.find("chủ trì")
            if pos < 0:
                continue
            # A site chair of an online meeting ("chủ trì tham dự tại điểm cầu …") is not the meeting's chair.
            if re.match(r"chủ trì\s+(?:tham dự\s+)?(?:tại\s+)?điểm cầu", low[pos:]):
                continue
            # "Chủ trì hội nghị có đồng chí A, …; đồng chí B, …": the chairs come after.
            after = re.match(
                r"chủ trì\s+(?:[^,.;]{0,30}?\s+)?(?:có|là)\s+(?:các\s+)?đồng chí\s*:?\s*",
                sentence[pos:],
                re.IGNORECASE,
            )
            if after:
                rest = sentence[pos + after.end() :]
                for part in re.split(r";\s*|\s+và\s+(?:đồng chí\s+)?(?=[A-ZÀ-ỸĐ])", rest):
                    chair = _chair_after_dong_chi(part)
                    if chair and all(fold(c["name"]) != fold(chair["name"]) for c in chairs):
                        chairs.append(chair)
                continue
            # "Đồng chí A, … và đồng chí B, … đồng chủ trì": one chair per "đồng chí".
            head = re.sub(r"\s*đồng\s*$", "", sentence[:pos])
            for part in re.split(r"\s+và\s+(?=đồng chí\b)|;\s*", head, flags=re.IGNORECASE):
                chair = _chair_from(part)
                if chair and all(fold(c["name"]) != fold(chair["name"]) for c in chairs):
                    chairs.append(chair)
        if chairs:
            break
    if not chairs:
        # No "chủ trì": the person who gave the conclusion usually chaired.
        for paragraph in paragraphs:
            m = re.search(r"kết luận[^.]{0,60}?đồng chí\s+", paragraph, re.IGNORECASE)
            if m:
                chair = _chair_after_dong_chi(paragraph[m.end() :])
                if chair:
                    chairs.append(chair)
                    record.flags.append("chair_from_conclusion")
                    break
    record.chair = chairs


def _chair_after_dong_chi(text: str) -> dict | None:
    toks = _tokens(text[:200])
    n = _name_at(toks, 0)
    if not n:
        return None
    name = text[toks.starts[0] : toks.ends[n - 1]]
    rest = text[toks.ends[n - 1] :]
    title = ""
    m = re.match(
        r"\s*(?:[-–,(]\s*)(.+?)(?:\)|\s+(?:chủ trì|đã|đề nghị|nhấn mạnh|yêu cầu|phát biểu|cho biết)\b|[.;:]|$)", rest
    )
    if m and re.match(r"(?:pho )?(?:" + "|".join(TITLE_HEADS) + ")", fold(m.group(1))):
        title = _title_clean(m.group(1))
    return {"name": _proper_name(name), "title": title}


def _chair_from(before: str) -> dict | None:
    """From the words before "chủ trì": "đồng chí NAME – TITLE" or "TITLE NAME (cùng …)"."""
    before = re.split(r"\s+(?:cùng|và)\s+(?:các|đại diện|lãnh đạo)\b", before)[0]
    matches = list(re.finditer(r"đồng chí\s+", before, re.IGNORECASE))
    m = matches[-1] if matches else None
    if m:
        chair = _chair_after_dong_chi(before[m.end() :] + " chủ trì")
        if chair:
            return chair
    toks = _tokens(before)
    count = len(toks.words)
    for n in (4, 3, 2):
        i = count - n
        if i < 0 or _name_at(toks, i) != n:
            continue
        if n == 4 and toks.folded[i + 1] in _MAJOR_SURNAMES:
            continue
        name = before[toks.starts[i] : toks.ends[count - 1]]
        head = before[: toks.starts[i]]
        folded_head = fold(head)
        title = ""
        positions = [m.start() for t in TITLE_HEADS for m in re.finditer(r"\b" + t + r"\b", folded_head)]
        if positions:
            # Map the first title word back to the original text by counting words.
            first = min(positions)
            words_before = len(folded_head[:first].split())
            htoks = _tokens(head)
            if words_before < len(htoks.starts):
                title = _title_clean(head[htoks.starts[words_before] :])
        return {"name": _proper_name(name), "title": title}
    return None


def _attendees(doc: _Doc) -> list[str]:
    orgs: list[str] = []
    for paragraph in doc.body:
        m = _ATTENDEES_OPEN.search(paragraph)
        if not m or not re.match(r"(?:^|[.;]\s*)(?:cùng\s+)?(?:tham\s+)?dự", m.group(0).lstrip(". ;"), re.I):
            continue
        text = paragraph[m.end() :]
        sentences = _sentences(text)
        chunks = [sentences[0]] if sentences else []
        for extra in sentences[1:]:
            more = _ATTENDEES_MORE.match(extra)
            if more:
                chunks.append(extra[more.end() :])
            else:
                break
        for chunk in chunks:
            for piece in re.split(r";\s*", chunk):
                for part in _ATTENDEE_SPLIT.split(piece):
                    org = _tidy(_PERSON_PREFIX.sub("", part.strip()))
                    if org and (org[:1].isupper() or _word_count(org) >= 2):
                        if fold(org) not in {fold(o) for o in orgs}:
                            orgs.append(org)
        if orgs:
            break
    return orgs


def _task_region(doc: _Doc) -> list[str]:
    """Sentences from the first task trigger to the end of the article's text (signature lines excluded)."""
    started = False
    out: list[str] = []
    for paragraph in doc.body:
        if started and (_word_count(paragraph) < 6 or _BOILERPLATE_LINE.match(paragraph)):
            break
        for sentence in _sentences(paragraph):
            folded = fold(sentence)
            if not started:
                if sentence == doc.lead or not _TASK_TRIGGER.search(folded):
                    continue
                started = True
            out.append(sentence)
    return out


def _tasks(doc: _Doc) -> list[str]:
    tasks: list[str] = []
    for sentence in _task_region(doc):
        if _TASK_TRIGGER.search(fold(sentence)):
            starts = list(_TASK_START.finditer(sentence))
            if starts:
                sentence = sentence[starts[-1].end() :]
        for clause in _clauses(sentence):
            clause = _tidy(_TASK_LEADING.sub("", clause))
            if _word_count(clause) >= 4:
                tasks.append(clause[:1].upper() + clause[1:])
    return tasks[:30]


_MODEL_AFTER = re.compile(
    r"\bmô\s+hình\s*(?:,\s*điển\s+hình\s*)?(?:điểm\s+)?(?=(?P<rest>[^.;!?\n]{0,200}))",
    re.IGNORECASE,
)
_MODEL_STOP = re.compile(
    r"(?:^|\s+)(?:năm\s+(?:19|20)\d\d|phù\s+hợp|được|đã|của|cần|trong\s+(?:năm|thời\s+gian|các|những|công\s+tác)|"
    r"tại|với|để|nhằm|góp\s+phần|trên|ở|theo|cho|và|là|đạt)\b|,|\(|\.\.\.|…",
    re.IGNORECASE,
)
_GENERIC_MODEL = re.compile(r"^(?:các\s+|này|đó|mới|hay|tiêu\s+biểu|điển\s+hình|điểm)?\s*$", re.IGNORECASE)


def _models(doc: _Doc) -> list[str]:
    text = "\n".join(doc.body)
    found: list[str] = []

    def add(name: str) -> None:
        name = _tidy(name.replace('"', " ").replace("  ", " "))
        name = re.sub(r"\s+", " ", name).strip()
        if _word_count(name) >= 2 and fold(name) not in {fold(x) for x in found}:
            found.append(name)

    for m in _MODEL_AFTER.finditer(text):
        rest = m.group("rest")
        # 'các mô hình tiêu biểu như: "A", "B", "C"': every quoted name of the list.
        listed = re.match(r'\s*(?:tiêu\s+biểu|hay|điển\s+hình|mới)?\s*(?:như|là|gồm)\s*:?\s*(?=")', rest, re.IGNORECASE)
        if listed:
            for name in re.findall(r'"([^"]{2,120})"', rest[listed.end() :]):
                if fold(name) != "dan van kheo":
                    add(name)
            continue
        quoted = re.match(r'\s*"([^"]{2,120})"\s*(.*)', rest)
        if quoted:
            inner, tail = quoted.group(1), quoted.group(2)
            tail = _MODEL_STOP.split(tail, maxsplit=1)[0] if tail else ""
            if fold(inner) == "dan van kheo":
                # 'mô hình "Dân vận khéo" vận động nhân dân …' names the model after the quote.
                if tail and _word_count(tail) >= 3 and tail[:1].islower():
                    add(inner + " " + tail)
            else:
                add(inner)
            continue
        name = _MODEL_STOP.split(rest, maxsplit=1)[0]
        if name.strip().lower().startswith(("của", "và", "cách", ",")) or _GENERIC_MODEL.match(name):
            continue
        add(name)
    # Quoted names that refine the movement ("Dân vận khéo trong xây dựng nông thôn mới").
    for m in re.finditer(r'"([^"]{2,120})"', text):
        inner = m.group(1)
        if fold(inner).startswith("dan van kheo ") and _word_count(inner) > 3:
            add(inner)
    return found


_NUMBER = r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:/(?P<den>\d+(?:\.\d{3})*))?"


@functools.cache
def _figure_pattern() -> re.Pattern:
    units = "|".join(re.escape(u) for u in FIGURE_UNITS)
    return re.compile(_NUMBER + r"\s*(?P<unit>" + units + r")(?![^\W\d_])", re.IGNORECASE)


def _to_number(text: str) -> int | float:
    text = text.replace(".", "").replace(",", ".")
    value = float(text)
    return int(value) if value.is_integer() else value


def _figures(doc: _Doc) -> list[dict]:
    out: list[dict] = []
    # The title counts too ("123 mô hình … được biểu dương"), unless it is the start of the first paragraph.
    paragraphs = doc.body if doc.body and doc.body[0].startswith(doc.title) else [doc.title, *doc.body]
    for paragraph in paragraphs:
        for m in _figure_pattern().finditer(paragraph):
            before = paragraph[max(0, m.start() - 14) : m.start()]
            after = paragraph[m.end() : m.end() + 20]
            if m.start() > 0 and (paragraph[m.start() - 1].isalnum() or paragraph[m.start() - 1] in "/-."):
                continue
            # Document numbers, terms, dates and ordinals are not facts.
            if re.search(r"(?:số|khóa|khoá|lần thứ|ngày|thứ|tháng|năm|quý|nhiệm kỳ)\s*$", before, re.IGNORECASE):
                continue
            raw = m.group("num")
            unit = m.group("unit")
            if re.fullmatch(r"(?:19|20)\d\d", raw):
                continue
            if fold(unit) in ("nam", "ngay") and re.match(r"\s*(?:đầu|cuối|qua|tới)", after, re.IGNORECASE):
                continue
            text = paragraph[m.start() : m.end()]
            out.append({"text": text, "value": _to_number(raw), "unit": unit.lower() if unit != "%" else "%"})
    return out


def _place(doc: _Doc) -> str:
    m = re.search(r"\btại\s+([^,.;]{3,120})", doc.lead)
    if m:
        return _tidy(m.group(1))
    if "trực tuyến" in doc.lead.lower():
        return "trực tuyến"
    return ""


# --- Entry points -----------------------------------------------------------------------------------


def extract(text: str, *, source_date: dt.date | None = None, doc_id: str = "") -> ExtractedRecord:
    """Propose a meeting record from an article's or report's text.

    `source_date` is the publication date when the caller knows it (a file's metadata, a form field);
    the article's own date line wins over it.
    """
    doc = _split(normalise(text))
    record = ExtractedRecord(id=doc_id, title=doc.title)
    record.event_type = _event_type(doc)
    record.period = _period(doc, record)
    record.event_date = _event_date(doc, record, source_date)
    _organizer(doc, record)
    record.level = _level(record)
    _province_and_places(doc, record)
    if record.level is None and record.province == "Trung ương":
        record.level = "trung_uong"
    _chairs(doc, record)
    if not record.chair:
        record.flags.append("chair_missing")
    record.attendees_orgs = _attendees(doc)
    record.tasks = _tasks(doc)
    record.models = _models(doc)
    record.figures = _figures(doc)
    record.place = _place(doc)
    if record.period is None:
        record.flags.append("period_missing")
    return record
