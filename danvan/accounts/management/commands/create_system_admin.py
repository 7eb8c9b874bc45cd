import getpass

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from danvan.accounts.models import Role, RoleAssignment, User
from danvan.accounts.services import _check_password
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit


class Command(BaseCommand):
    help = "Create the first system administrator (admin role on the root of the tree)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--full-name", default="Quản trị hệ thống")
        parser.add_argument("--password", help="omit to be asked (safer than the command line)")

    def handle(self, *args, username, full_name, password=None, **options):
        root = OrgUnit.objects.filter(parent__isnull=True).order_by("pk").first()
        if root is None:
            raise CommandError("Chưa có cây tổ chức: chạy load_admin_units và build_org_tree trước.")
        if User.objects.filter(username=username.lower()).exists():
            raise CommandError(f"Tài khoản {username} đã có.")
        password = password or getpass.getpass("Mật khẩu: ")
        user = User(username=username.lower(), full_name=full_name)
        try:
            _check_password(password, user)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        with transaction.atomic():
            user.set_password(password)
            user.save()
            RoleAssignment.objects.create(user=user, unit=root, role=Role.ADMIN)
            audit_record(
                actor=None,
                action=Action.USER_CREATED,
                unit=root,
                target=user,
                after={"username": user.username, "role": Role.ADMIN},
                system_label="create_system_admin",
            )
        self.stdout.write(self.style.SUCCESS(f"Đã tạo quản trị hệ thống {user.username}."))
