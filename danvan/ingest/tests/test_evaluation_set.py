"""The evaluation set of real articles: the committed files' format and the host split. The texts themselves
live outside the repository (see fixtures/eval/rebuild.py), so nothing here reads them."""

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from danvan.ingest.evaluation import Evaluation, compare, read_expected
from danvan.ingest.extract import EVENT_TYPES, LEVELS

EVAL = Path(__file__).parent / "fixtures" / "eval"
MANIFEST = [json.loads(line) for line in (EVAL / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
PARTS = {part: read_expected(EVAL / f"{part}_expected.jsonl") for part in ("dev", "test")}
PERIOD = re.compile(r"\d{4}(?:-(?:Q[1-4]|H[12]|9M))?|\d{4}-\d{4}")
ANNOTATED = {"id", "event_type", "event_date", "period", "province", "level", "organizer", "chair"}


def _host(url: str) -> str:
    host = urlsplit(url).hostname.lower()
    for prefix in ("www.", "m."):
        host = host.removeprefix(prefix)
    return host


def test_every_manifest_row_names_an_address_a_host_a_part_and_the_annotated_texts_checksum():
    assert len(MANIFEST) >= 60
    for row in MANIFEST:
        assert set(row) == {"id", "url", "host", "title", "part", "sha256", "chars"}
        assert re.fullmatch(r"e\d{3}", row["id"])
        assert urlsplit(row["url"]).scheme in ("http", "https")
        assert row["host"] == _host(row["url"])
        assert row["title"].strip()
        assert row["part"] in ("dev", "test")
        assert re.fullmatch(r"[0-9a-f]{64}", row["sha256"]) and row["chars"] > 0
    assert len({row["id"] for row in MANIFEST}) == len(MANIFEST)
    assert len({row["url"] for row in MANIFEST}) == len(MANIFEST)
    assert len({row["host"] for row in MANIFEST}) >= 50


def test_the_split_is_by_host_once_and_no_host_is_in_both_parts():
    hosts = {"dev": set(), "test": set()}
    for row in MANIFEST:
        hosts[row["part"]].add(row["host"])
        # The rule, fixed before any tuning: the parity of the host's SHA-256.
        expected = "dev" if int(hashlib.sha256(row["host"].encode()).hexdigest(), 16) % 2 == 0 else "test"
        assert row["part"] == expected
    assert not hosts["dev"] & hosts["test"]
    assert hosts["dev"] and hosts["test"]


def test_each_article_is_annotated_once_in_its_own_part():
    part_of = {row["id"]: row["part"] for row in MANIFEST}
    seen = []
    for part, records in PARTS.items():
        for record in records:
            assert part_of[record["id"]] == part
            seen.append(record["id"])
    assert sorted(seen) == sorted(part_of)


@pytest.mark.parametrize("part", ["dev", "test"])
def test_annotations_use_the_fixed_format_for_the_fields_they_annotate(part):
    for record in PARTS[part]:
        assert set(record) == ANNOTATED, record["id"]
        assert record["event_type"] in EVENT_TYPES
        assert record["event_date"] is None or re.fullmatch(r"20[012]\d-[01]\d-[0-3]\d", record["event_date"])
        assert record["period"] is None or PERIOD.fullmatch(record["period"])
        assert record["level"] is None or record["level"] in LEVELS
        assert isinstance(record["organizer"], str)
        for chair in record["chair"]:
            assert set(chair) == {"name", "title"} and chair["name"].strip()
        # Annotation rules (README): contests and launches review no period.
        if record["event_type"] in ("hoi_thi",):
            assert record["period"] is None


def test_fields_an_annotation_leaves_out_are_not_scored():
    evaluation = Evaluation()
    predicted = {"event_type": "so_ket", "tasks": ["a task"], "figures": [{"value": 3, "unit": "xã"}]}
    compare(evaluation, predicted, {"id": "x", "event_type": "so_ket"})
    assert set(evaluation.fields) == {"event_type"}
    assert evaluation.total.precision == 1.0
