"""Recount the counted-once member statistics from the memberships and compare with the maintained counts."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Recount member statistics from scratch, compare with the maintained counts; --repair rewrites them."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Rewrite the maintained counts to the recount.")

    def handle(self, *args, repair=False, **options):
        from danvan.members.tally import tally_verify

        result = tally_verify(repair=repair)
        differences, branches = result["differences"], result["branch_differences"]
        rosters = result["roster_differences"]
        for key, kept, expected in differences[:50]:
            self.stdout.write(f"{'/'.join(map(str, key))}: kept {kept}, recounted {expected}")
        for branch_id, kept, expected in branches[:50]:
            self.stdout.write(f"branch {branch_id} members: kept {kept}, recounted {expected}")
        if rosters:
            self.stdout.write(f"{rosters} memberships' copies of their person's name or date of birth differ.")
        if repair and (differences or branches or rosters):
            self.stdout.write(
                f"Repaired {len(differences)} counts ({result['rows']} rows), {len(branches)} branches' counts and "
                f"{rosters} memberships' copies."
            )
            return
        if differences or branches or rosters:
            raise CommandError(
                f"{len(differences)} counts and {len(branches)} branches' counts of members differ from the recount, "
                f"and {rosters} memberships' copies of their person; run with --repair to fix them."
            )
        self.stdout.write(f"All {result['rows']} counts and every branch's count of members match the recount.")
