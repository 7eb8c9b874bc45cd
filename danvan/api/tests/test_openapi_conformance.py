"""schemathesis against /api/v1/openapi.json, in-process through the WSGI app, with a token: every operation's
answers must match the schema (status codes listed, bodies and content types as declared) and none is a 500.

Kept short for CI: a few deterministic examples per operation (derandomize), no shrinking of failures."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.config import SchemathesisConfig

from danvan.api.services import api_token_create
from danvan.petitions.tests.factories import receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def wsgi_in_test_transaction():
    """Keep the test's database connection open across in-process WSGI calls, as Django's test client does:
    WSGIHandler closes connections at the end of each request, which on PostgreSQL ends the test transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_key(officer_a, wsgi_in_test_transaction):
    # Some real records in the caller's scope, so that detail endpoints answer 200 as well as 404.
    receive(officer_a)
    receive(officer_a, category="to_cao")
    _token, key = api_token_create(actor=officer_a, user=officer_a, name="schemathesis")
    return key


# A request can match the schema and still break a rule only the service knows (a figure the form does not have,
# a receipt date after today): that is a 400 with the field named, an expected answer to valid-looking data.
CONFIG = SchemathesisConfig.from_str(
    """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "400", "401", "403", "404", "409"]
"""
)


def _schema():
    from danvan.api.api import api
    from danvan.wsgi import application

    # The schema as the API serves it at /api/v1/openapi.json (built in-process: no request at collection time).
    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"), config=CONFIG)
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
