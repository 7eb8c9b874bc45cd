"""schemathesis against /api/v1/openapi.json, in-process through the WSGI app, with a token: every operation's
answers must match the schema (status codes listed, bodies and content types as declared) and none is a 500.

Kept short for CI: a few deterministic examples per operation (derandomize), no shrinking of failures."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings

from danvan.api.services import api_token_create
from danvan.petitions.tests.factories import receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_key(officer_a):
    # Some real records in the caller's scope, so that detail endpoints answer 200 as well as 404.
    receive(officer_a)
    receive(officer_a, category="to_cao")
    _token, key = api_token_create(actor=officer_a, user=officer_a, name="schemathesis")
    return key


def _schema():
    from danvan.api.api import api
    from danvan.wsgi import application

    # The schema as the API serves it at /api/v1/openapi.json (built in-process: no request at collection time).
    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
    loaded.app = application
    return loaded


schema = _schema()


@schema.parametrize()
@settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_its_schema_says(case, api_key):
    case.call_and_validate(headers={"Authorization": f"Bearer {api_key}"})
