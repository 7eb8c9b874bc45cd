"""Shared test set-up: the real national tree loaded once per run, and personas on it.

Province A is Bắc Ninh (P24, which absorbed Bắc Giang); province B is An Giang (P91).
The commune of A is Xã Yên Thế (C7288), in the former huyện Yên Thế.
"""

import pytest
from django.conf import settings

# Browser-test fixtures (a real danvan server, one Chromium), shared by tests/browser and the apps' browser tests.
pytest_plugins = ["tests.browser.fixtures"]


def pytest_configure(config):
    # Argon2 is the real hasher (tested on its own); tests hash many passwords, so use a fast one here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from danvan.organisations.services import admin_units_load, org_tree_build

    with django_db_blocker.unblock():
        admin_units_load(actor=None)
        org_tree_build(actor=None)


PASSWORD = "Mat-khau-thu-2026"


def make_user(username: str, role: str | None, unit_code: str | None):
    from danvan.accounts.models import RoleAssignment, User
    from danvan.organisations.models import OrgUnit

    user = User.objects.create_user(username=username, password=PASSWORD, full_name=username.title())
    if role:
        RoleAssignment.objects.create(user=user, unit=OrgUnit.objects.get(code=unit_code), role=role)
    return user


@pytest.fixture
def unit():
    from danvan.organisations.models import OrgUnit

    return lambda code: OrgUnit.objects.get(code=code)


@pytest.fixture
def sysadmin(db):
    return make_user("sysadmin", "admin", "TW")


@pytest.fixture
def admin_a(db):
    return make_user("admin.a", "admin", "P24-TU")


@pytest.fixture
def leader_a(db):
    return make_user("leader.a", "leader", "P24-TU")


@pytest.fixture
def officer_a(db):
    return make_user("officer.a", "officer", "P24-TU")


@pytest.fixture
def commune_officer_a(db):
    return make_user("commune.a", "officer", "C7288-DU")


@pytest.fixture
def reporter_a(db):
    return make_user("reporter.a", "reporter", "C7288-HND")


@pytest.fixture
def officer_b(db):
    return make_user("officer.b", "officer", "P91-TU")


@pytest.fixture
def citizen(db):
    """Someone with an account but no role on any unit."""
    return make_user("citizen", None, None)


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login
