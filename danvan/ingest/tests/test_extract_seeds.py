"""Every field of every seed article against its hand-written record (fixtures/seeds_expected.jsonl)."""

import pytest

from danvan.core.text import fold
from danvan.ingest.evaluation import _fuzzy_overlap, _key
from danvan.ingest.extract import extract

from .fixtures import expected_records, seed_text

RECORDS = {r["id"]: r for r in expected_records()}
IDS = sorted(RECORDS)


@pytest.fixture(scope="module")
def extracted():
    return {rid: extract(seed_text(rid), doc_id=rid).as_jsonl() for rid in IDS}


def test_the_expected_file_has_the_five_seeds_in_the_fixed_format():
    assert IDS == ["000", "001", "002", "003", "004"]
    keys = [
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
    ]
    assert all(list(r) == keys for r in RECORDS.values())


@pytest.mark.parametrize("rid", IDS)
@pytest.mark.parametrize("name", ["event_type", "event_date", "period", "province", "level"])
def test_scalar_fields_match_exactly(extracted, rid, name):
    assert extracted[rid][name] == RECORDS[rid][name]


@pytest.mark.parametrize("rid", IDS)
def test_the_organizer_matches_after_folding(extracted, rid):
    assert fold(extracted[rid]["organizer"]) == fold(RECORDS[rid]["organizer"])


@pytest.mark.parametrize("rid", IDS)
def test_chairs_have_the_right_names_and_titles(extracted, rid):
    got = [(fold(c["name"]), fold(c["title"])) for c in extracted[rid]["chair"]]
    assert got == [(fold(c["name"]), fold(c["title"])) for c in RECORDS[rid]["chair"]]


@pytest.mark.parametrize("rid", IDS)
def test_models_match_as_sets(extracted, rid):
    assert {_key(m) for m in extracted[rid]["models"]} == {_key(m) for m in RECORDS[rid]["models"]}


@pytest.mark.parametrize("rid", IDS)
def test_figures_match_by_value_and_unit(extracted, rid):
    got = {(f["value"], fold(f["unit"])) for f in extracted[rid]["figures"]}
    assert got == {(f["value"], fold(f["unit"])) for f in RECORDS[rid]["figures"]}


# Known misses, kept visible instead of tuned away: the annotator read "HĐND, UBND huyện" as "HĐND huyện".
ATTENDEE_MISSES = {"001": ({"hdnd"}, {"hdnd huyen"})}


@pytest.mark.parametrize("rid", IDS)
def test_attending_organisations_match_as_sets(extracted, rid):
    got = {_key(o) for o in extracted[rid]["attendees_orgs"]}
    want = {_key(o) for o in RECORDS[rid]["attendees_orgs"]}
    extra, missing = ATTENDEE_MISSES.get(rid, (set(), set()))
    assert got - want == extra
    assert want - got == missing


@pytest.mark.parametrize("rid", IDS)
def test_every_expected_task_is_found_and_nothing_else(extracted, rid):
    # Matched one-to-one (see evaluation.py). 000 cuts "nắm tình hình …; tình hình nhân dân trước, trong và sau
    # cuộc bầu cử" in two where the annotator kept one task: one extra phrase, kept visible here.
    matched, found, expected = _fuzzy_overlap(extracted[rid]["tasks"], RECORDS[rid]["tasks"])
    assert matched == expected
    assert found - matched == (1 if rid == "000" else 0)


def test_a_seed_without_a_date_leaves_it_empty_and_flags_it():
    record = extract(seed_text("002"))
    assert record.event_date is None
    assert "event_date_unresolved" in record.flags


def test_the_year_of_a_date_without_one_comes_from_the_date_line_and_is_flagged():
    record = extract(seed_text("001"))
    assert record.event_date == "2022-04-18"
    assert "event_date_year_from_dateline" in record.flags


def test_legacy_places_are_listed_for_the_administrative_mapping():
    assert {"level": "district", "name": "Yên Thế", "province": "Bắc Giang"} in extract(seed_text("000")).places
    assert {"level": "district", "name": "Châu Phú", "province": "An Giang"} in extract(seed_text("001")).places
