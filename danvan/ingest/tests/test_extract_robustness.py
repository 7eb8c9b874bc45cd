"""Whatever the text, the extractor returns a record in the fixed format: a page never fails on an odd article."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.ingest.extract import EVENT_TYPES, LEVELS, extract

from .fixtures import SEEDS

SENTENCES = [
    line.strip() for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").split(". ")
]
KEYS = ["id", "event_type", "event_date", "period", "province", "level", "organizer", "chair"]


def check(text: str) -> None:
    record = extract(text).as_jsonl()
    assert list(record)[: len(KEYS)] == KEYS
    assert record["event_type"] in EVENT_TYPES
    assert record["level"] is None or record["level"] in LEVELS
    assert all(isinstance(f["value"], int | float) for f in record["figures"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SENTENCES), min_size=0, max_size=12), st.sampled_from([". ", "\n", "; ", " "]))
def test_shuffled_sentences_of_real_articles(sentences, joiner):
    check(joiner.join(sentences))


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_arbitrary_text(text):
    check(text)
