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
    # Tasks run in the test's own process when their transaction commits; `database_tasks` switches a test to
    # the production backend (django-tasks-db) and its real worker.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _reset_task_backends(*, setting, **kwargs):
    # django.tasks keeps its backends once built and, unlike caches or databases, does not listen for setting
    # changes: rebuild them when a test changes TASKS.
    if setting == "TASKS":
        from asgiref.local import Local
        from django.tasks import task_backends

        task_backends._settings = None
        task_backends.__dict__.pop("settings", None)
        task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def database_tasks(settings):
    """Tasks go to the database (django-tasks-db), as in production; run them with `run_worker`."""
    from django.test.signals import setting_changed

    setting_changed.connect(_reset_task_backends)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    yield
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    setting_changed.disconnect(_reset_task_backends)


@pytest.fixture
def run_worker(monkeypatch):
    """Run the real `db_worker` until the queue is empty. Its connection recycling (close_old_connections, as
    between requests) would drop the test's transaction, so it is switched off here, as Django's test client
    does for requests; signal handlers the worker installs are put back afterwards."""
    import signal

    from django.core.management import call_command

    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    def run() -> None:
        saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
        finally:
            for s, handler in saved.items():
                signal.signal(s, handler)

    return run


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
def dialogue_figures_typed(db):
    """The dialogue indicators as a province that has not switched them to the system's count: typed by the
    units (their source is data). Tests of typing, roll-ups and weighted averages use them as their example."""
    from danvan.reports.models import Indicator

    Indicator.objects.filter(code__startswith="doi_thoai_").update(source="")


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
