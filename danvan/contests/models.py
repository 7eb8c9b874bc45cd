"""Hội thi “Dân vận khéo”: contest → rounds → parts; teams and contestants; judges, scores, prizes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartKind(models.TextChoices):
    GREETING = "chao_hoi", _("Greeting")
    KNOWLEDGE = "kien_thuc", _("Knowledge")
    SCENARIO = "xu_ly_tinh_huong", _("Handling a situation")
    SKETCH = "tieu_pham", _("Sketch")
    TALENT = "nang_khieu", _("Talent")
    OTHER = "khac", _("Other")


# Ties are broken by these kinds, in this order, unless the contest says otherwise.
DEFAULT_TIE_BREAK = [PartKind.SCENARIO.value, PartKind.KNOWLEDGE.value, PartKind.SKETCH.value]


class PrizeTier(models.TextChoices):
    FIRST = "nhat", _("First prize")
    SECOND = "nhi", _("Second prize")
    THIRD = "ba", _("Third prize")
    ENCOURAGEMENT = "khuyen_khich", _("Encouragement prize")


class Contest(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")

    class ScoringRule(models.TextChoices):
        MEAN = "mean", _("Mean of all judges")
        TRIMMED = "trimmed", _("Drop the highest and the lowest, then the mean")

    code = models.CharField(max_length=20, unique=True)  # HT-2026-000001
    # The organising unit: teams come from its subtree; its editors organise the contest.
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="contests")
    name = models.CharField(max_length=255)
    level_label = models.CharField(max_length=64, blank=True)  # "cấp xã", "cấp tỉnh"
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    venue = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=12, choices=Status, default=Status.PREPARING)
    scoring_rule = models.CharField(max_length=12, choices=ScoringRule, default=ScoringRule.MEAN)
    # With the trimmed rule, the highest and lowest marks are dropped only when at least this many judges scored.
    trim_min_judges = models.PositiveSmallIntegerField(default=5)
    # Part kinds compared in this order when totals are equal.
    tie_break_order = models.JSONField(default=list, blank=True)
    prize_first = models.PositiveSmallIntegerField(default=1)
    prize_second = models.PositiveSmallIntegerField(default=2)
    prize_third = models.PositiveSmallIntegerField(default=3)
    prize_encouragement = models.PositiveSmallIntegerField(default=0)
    # Extra "Căn cứ …" lines of the prize decision, one per line (the plan that launched the contest, …).
    basis = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [
            # The contests of the units in a user's scope, newest first.
            models.Index(fields=["unit", "starts_on"], name="contest_unit_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED

    def prize_summary(self) -> str:
        """ "1 Giải Nhất; 2 Giải Nhì; 3 Giải Ba" """
        return "; ".join(f"{count} {label}" for _tier, label, count in self.prize_counts() if count)

    def prize_counts(self) -> list[tuple[str, str, int]]:
        """(tier, label, count) in award order."""
        return [
            (PrizeTier.FIRST, PrizeTier.FIRST.label, self.prize_first),
            (PrizeTier.SECOND, PrizeTier.SECOND.label, self.prize_second),
            (PrizeTier.THIRD, PrizeTier.THIRD.label, self.prize_third),
            (PrizeTier.ENCOURAGEMENT, PrizeTier.ENCOURAGEMENT.label, self.prize_encouragement),
        ]


class Round(models.Model):
    """A round of the contest (sơ khảo, chung kết); the last by order is the final."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="rounds")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=128)
    teams = models.ManyToManyField("Team", through="RoundEntry", related_name="rounds")

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["contest", "order"], name="contest_round_order_unique")]

    def __str__(self) -> str:
        return self.name


class Part(models.Model):
    """A part of a round (phần thi): its kind, maximum score and coefficient (hệ số)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="parts")
    kind = models.CharField(max_length=20, choices=PartKind)
    title = models.CharField(max_length=128)
    max_score = models.DecimalField(max_digits=6, decimal_places=2)
    coefficient = models.DecimalField(max_digits=4, decimal_places=2, default=1)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Team(models.Model):
    """A participating unit's team (đội thi)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="teams")
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=255)
    draw_number = models.PositiveSmallIntegerField(null=True, blank=True)  # bốc thăm

    class Meta:
        ordering = ["draw_number", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "unit"], name="contest_team_unit_unique"),
            models.UniqueConstraint(
                fields=["contest", "draw_number"],
                condition=models.Q(draw_number__isnull=False),
                name="contest_team_draw_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Contestant(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="contestants")
    full_name = models.CharField(max_length=128)
    title = models.CharField(max_length=128, blank=True)  # position, e.g. "Chủ tịch Hội Nông dân xã"
    is_captain = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.full_name


class RoundEntry(models.Model):
    """A team competing in a round: every team in the first, the advanced or chosen ones in later rounds."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="entries")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="entries")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "team"], name="contest_entry_unique")]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.team_id}"


class Judge(models.Model):
    """A member of the panel (ban giám khảo), with the unit they come from."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contest_judgings")
    home_unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    is_chair = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_chair", "id"]
        constraints = [models.UniqueConstraint(fields=["contest", "user"], name="contest_judge_unique")]

    def __str__(self) -> str:
        return str(self.user)


class Score(models.Model):
    """One judge's mark for one team in one part. Corrected in place until the contest is finished."""

    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="scores")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="scores")
    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="scores")
    value = models.DecimalField(max_digits=6, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["judge", "team", "part"], name="contest_score_unique")]
        indexes = [
            # The standings read every score of a round's parts at once.
            models.Index(fields=["part", "team"], name="contest_score_part_team_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.judge_id}/{self.team_id}/{self.part_id}: {self.value}"


class Prize(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="prizes")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="prizes")
    tier = models.CharField(max_length=16, choices=PrizeTier)
    label = models.CharField(max_length=64)
    rank = models.PositiveSmallIntegerField()
    total = models.DecimalField(max_digits=10, decimal_places=2)
    awarded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rank", "id"]
        constraints = [models.UniqueConstraint(fields=["contest", "team"], name="contest_prize_team_unique")]

    def __str__(self) -> str:
        return f"{self.label}: {self.team_id}"
