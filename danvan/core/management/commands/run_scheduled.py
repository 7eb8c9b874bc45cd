from django.core.management.base import BaseCommand
from django.utils import timezone

from danvan.core.scheduling import scheduled_jobs_run


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs that are due (settings.DANVAN_PERIODIC_JOBS: daily report reminders, petition "
        "deadline e-mails, clean-up of old jobs). Safe to run every few minutes from cron or a systemd timer, on "
        "several machines at once: each run of a job is enqueued once. `manage.py db_worker` then runs them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="say which jobs are due; enqueue nothing")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        for run in scheduled_jobs_run(now=now, dry_run=dry_run):
            when = timezone.localtime(run.next_run_at).strftime("%d/%m/%Y %H:%M")
            if run.enqueued:
                self.stdout.write(self.style.SUCCESS(f"{run.name}: đã đưa vào hàng đợi ({run.task_id})."))
            elif run.due and dry_run:
                self.stdout.write(f"{run.name}: đến hạn (từ {when}); --dry-run: chưa đưa vào hàng đợi.")
            elif run.due:
                self.stdout.write(f"{run.name}: một tiến trình khác vừa đưa vào hàng đợi.")
            else:
                self.stdout.write(f"{run.name}: chưa đến hạn (lần tới {when}).")
