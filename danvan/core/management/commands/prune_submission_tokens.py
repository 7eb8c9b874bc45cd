"""Forget used form tokens older than a few days (a page that old is reloaded anyway). Documents' keys stay: they
keep an issued document's number for good."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from danvan.core.models import SubmissionToken


class Command(BaseCommand):
    help = "Delete used one-time form tokens older than --days (default 7); document keys are kept."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, dry_run, **options):
        old = SubmissionToken.objects.filter(
            key__startswith="form:", created_at__lt=timezone.now() - dt.timedelta(days=max(days, 1))
        )
        count = old.count() if dry_run else old.delete()[0]
        self.stdout.write(f"{'would delete' if dry_run else 'deleted'} {count} form token(s)")
