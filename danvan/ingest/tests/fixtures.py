"""Paths to the seed articles and their hand-written expected records."""

import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
EXPECTED = FIXTURES / "seeds_expected.jsonl"


def seed_text(record_id: str) -> str:
    return next(SEEDS.glob(f"{record_id}_*.txt")).read_text(encoding="utf-8")


def expected_records() -> list[dict]:
    return [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines() if line.strip()]
