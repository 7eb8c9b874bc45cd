"""Places named in the text against the offline gazetteer: province, districts, the meeting place."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from danvan.core.text import fold
from danvan.ingest.extract.document import _Doc, _tidy
from danvan.ingest.extract.merged_districts import MERGED_DISTRICTS
from danvan.ingest.extract.record import ExtractedRecord
from danvan.ingest.extract.vocabulary import _WORD, CENTRAL_CITIES, CENTRALLY_RUN


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
    for name, province in MERGED_DISTRICTS:
        index.setdefault(tuple(fold(name).split()), []).append(_Place("district", name, province))
    display.setdefault("ho chi minh", "Hồ Chí Minh")
    return index, display


def _province_display(name: str) -> str:
    return _gazetteer()[1].get(fold(name), name)


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
            if len(key) == n and key in index and (toks.words[i][0].isupper() or _numbered_district(toks, i)):
                hit = (n, index[key])
                break
        if hit:
            n, places = hit
            # "huyện Phú Ninh" (Quảng Nam) and "huyện Phù Ninh" (Phú Thọ) fold alike: the district written with its
            # diacritics, when only one of them is (ingest13l).
            if len({p.province for p in places if p.level == "district"}) > 1:
                written = " ".join(text[toks.starts[i] : toks.ends[i + n - 1]].split()).lower()
                same = [p for p in places if p.level != "district" or p.name.lower() == written]
                if any(p.level == "district" for p in same):
                    places = same
            before = " ".join(toks.folded[max(0, i - 2) : i])
            # "… Huyện Ủy, Chủ nhiệm UBKT", "… Huyện ủy - Chủ tịch HĐND huyện Tuy Phong": a type word before a comma or
            # a dash does not type the name after it (ingest13l: the dash).
            if i and re.search(r"[,.;:\-–—]", text[toks.ends[i - 1] : toks.starts[i]]):
                before = ""
            found.append((toks.starts[i], toks.ends[i + n - 1], places, before))
            i += n
        else:
            i += 1
    return found


def _numbered_district(toks: _Tokens, i: int) -> bool:
    """ "Quận 5", "Quận 10": a city district named by its number (only Hồ Chí Minh City's are, ingest13q), its type word
    capitalised as the other names read here are; not "Quân khu 5" or "Sư đoàn 5"."""
    return toks.words[i].isdigit() and i > 0 and toks.words[i - 1] == "Quận"


_PERSON_BEFORE = re.compile(
    r"(?:^| )(?:dao duc|tu tuong|phong cach|tam guong|guong|chu tich|bac|tncs|cong san)$"
    # A road's name ("Hội truyền thống Trường Sơn - đường Hồ Chí Minh xã Thống Nhất", ingest13m), not "biểu dương".
    r"|(?:^| )(?<!bieu )(?<!tuyen )duong$"
)


def _type_of(before: str) -> str:
    if re.search(r"(?:^| )(?:tinh|tinh uy)$", before):
        return "province"
    if re.search(r"(?:huyen|quan|thi xa|huyen uy|quan uy|thi uy)$", before):
        return "district"
    if re.search(r"(?:thanh pho|thanh uy)$", before):
        return "city"
    return ""


# "TPHCM", "TP.HCM", "TP HCM": the city as it is usually abbreviated.
_HCM = re.compile(r"\bTP\.?\s?HCM\b|\bTPHCM\b")


def _expand(text: str) -> str:
    return _HCM.sub("thành phố Hồ Chí Minh", text)


def _province_and_places(doc: _Doc, record: ExtractedRecord) -> None:
    title, lead = _expand(doc.title), _expand(doc.lead)
    text = title + "\n" + "\n".join(_expand(paragraph) for paragraph in doc.body)
    if "trung uong" in CENTRALLY_RUN.sub(" ", fold(record.organizer)):
        record.province = "Trung ương"
    votes: dict[str, int] = {}
    districts: list[_Place] = []
    for start, _end, places, before in _find_places(text):
        kind = _type_of(before)
        provinces = [p for p in places if p.level == "province"]
        dists = [p for p in places if p.level == "district"]
        in_title = start < len(title)
        # A bare name is often something else ("phong cách Hồ Chí Minh"): count it only in the title, and there not
        # after the words of a person's name or teaching ("… làm theo tấm gương đạo đức Hồ Chí Minh", ingest13l).
        if not kind and (not in_title or _PERSON_BEFORE.search(before)):
            continue
        weight = 3 if start < len(title) + len(lead) + 1 else 1
        if provinces and kind != "district":
            name = provinces[0].province
            votes[name] = votes.get(name, 0) + weight
            # A provincial city shares its province's name ("Thành ủy Bắc Kạn").
            if kind == "city" and fold(name) not in CENTRAL_CITIES:
                districts.append(_Place("district", name, name))
        # "Tuy Phong: Hội nghị triển khai …": a title that opens with a district's name places the meeting.
        elif dists and (kind in ("district", "city") or (start == 0 and re.match(r"\s*[:–-]", title[_end:]))):
            own = {p.province for p in dists}
            if len(own) == 1:
                districts.append(dists[0])
    if record.province is None:
        # (Not a road's or a teaching's name inside it: "Hội truyền thống Trường Sơn - đường Hồ Chí Minh xã …".)
        organizer_places = [
            p
            for _s, _e, ps, before in _find_places(_expand(record.organizer))
            if _type_of(before) or not _PERSON_BEFORE.search(before)
            for p in ps
            if p.level == "province"
        ]
        # "Huyện đoàn Dương Minh Châu": the province of the holder's district, when the district's name is unambiguous.
        organizer_districts = {
            p.province
            for _s, _e, ps, before in _find_places(_expand(record.organizer))
            if (_type_of(before) == "district" or re.search(r"\b(?:huyen|quan) doan$", before))
            and len({q.province for q in ps if q.level == "district"}) == 1
            for p in ps
            if p.level == "district"
        }
        if organizer_places:
            record.province = organizer_places[0].province
        elif len(organizer_districts) == 1:
            record.province = organizer_districts.pop()
            record.flags.append("province_from_district")
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


def _place(doc: _Doc) -> str:
    m = re.search(r"\btại\s+([^,.;]{3,120})", doc.lead)
    if m:
        return _tidy(m.group(1))
    if "trực tuyến" in doc.lead.lower():
        return "trực tuyến"
    return ""
