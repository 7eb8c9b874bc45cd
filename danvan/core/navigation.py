"""The work-cycle modules shown in the staff navigation, with what each will hold.

A module without an app yet has `url_name=None`: its page says what is coming, and shows no data.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Module:
    slug: str
    title: str
    icon: str  # a Bootstrap Icons class
    summary: str
    items: tuple[str, ...]
    issue: str
    # The app's start page once it exists; until then the module page says what is coming.
    url_name: str | None = None
    # Pages that already work inside a module still being built: (url name, label).
    links: tuple[tuple[str, str], ...] = ()

    @property
    def url(self) -> str:
        from danvan.core.links import fixed_url, url_with

        # Reversed once per process (core.links): the menu shows every module on every page.
        return fixed_url(self.url_name) if self.url_name else url_with("core:module", self.slug)


MODULES: tuple[Module, ...] = (
    Module(
        "reports",
        _("Periodic reports"),
        "bi-bar-chart-line",
        _("Every unit reports once a period; each level sees its subtree rolled up live."),
        (
            _("Indicator sets and report forms, by frequency (month, quarter, 6 months, 9 months, year)"),
            _("My reports due: figures and narrative, drafts, submit, approve or return"),
            _("Completeness and timeliness of the subtree, reminders"),
            _("Live roll-up, drill-down, pivot by indicator × unit × period, charts, XLSX"),
            _("The briefing report as a DOCX in Party document format"),
        ),
        _("Periodic reports"),
        url_name="reports:index",
    ),
    Module(
        "meetings",
        _("Meetings and conclusions"),
        "bi-calendar-event",
        _("Giao ban, sơ kết, tổng kết and online conferences, with conclusions that become tasks."),
        (
            _("Schedule a meeting, invite units, record attendance per connected site"),
            _("Minutes, conclusions, commendations and proposals"),
            _("The conclusion notice (Thông báo kết luận) as a DOCX"),
            _("Follow-up of the last meeting's conclusions"),
        ),
        _("Meetings, conclusions and work plans"),
        url_name="meetings:index",
    ),
    Module(
        "workplans",
        _("Work plans and tasks"),
        "bi-list-check",
        _("Work programmes and plans, with tasks assigned down the tree and their progress."),
        (
            _("Annual and quarterly work programmes, plans and their items"),
            _("Tasks assigned to us and tasks we assigned, with progress and overdue flags"),
            _("Calendar of meetings and deadlines, with an ICS feed"),
        ),
        _("Meetings, conclusions and work plans"),
        url_name="workplans:index",
    ),
    Module(
        "petitions",
        _("Citizen reception and petitions"),
        "bi-envelope-paper",
        _("Reception sessions, petitions on legal deadlines, prolonged complex cases, dialogues."),
        (
            _("Reception schedules of leaders and who is behind"),
            _("Petition intake, routing, lifecycle and legal deadlines"),
            _("Likely repeats, prolonged complex cases and their working groups"),
            _("Leaders' dialogues with citizens and the commitments made"),
        ),
        _("Citizens: reception, petitions and dialogues"),
        url_name="petitions:index",
    ),
    Module(
        "initiatives",
        _("“Dân vận khéo” models"),
        "bi-award",
        _("Model initiatives from registration to recognition and replication; movements and contests."),
        (
            _("Annual registration of models and its approval"),
            _("Progress against targets, with photos and documents"),
            _("Evaluation, recognition, commendation and replication"),
            _("A library of recognised models, and the figures that feed the periodic reports"),
        ),
        _("“Dân vận khéo”: models, movements and contests"),
        url_name="initiatives:index",
    ),
    Module(
        "movements",
        _("Emulation movements and campaigns"),
        "bi-flag",
        _("Phong trào thi đua and campaigns such as Tháng Dân vận: targets, registration, results and a scoreboard."),
        (
            _("A movement launched by a unit over a period, with targets and reporting rounds"),
            _("Units register and report their results; late and missing reports are counted"),
            _("A scoreboard ranking units by results and reporting completeness, by province"),
            _("Activities assigned as work-plan tasks; titles and awards at the close"),
        ),
        _("“Dân vận khéo”: models, movements and contests"),
        url_name="movements:index",
    ),
    Module(
        "contests",
        _("Hội thi “Dân vận khéo”"),
        "bi-trophy",
        _("Contests: rounds, parts, teams and judges, live standings on the projector, prizes and the decision."),
        (
            _("Rounds and parts (chào hỏi, kiến thức, xử lý tình huống, tiểu phẩm, năng khiếu), teams and contestants"),
            _("Judges score per part; a judge never scores their own unit's team"),
            _("Rankings with tie-breaks, prizes, results as XLSX and the prize decision as DOCX"),
            _("A projector view of the live standings"),
        ),
        _("“Dân vận khéo”: models, movements and contests"),
        url_name="contests:index",
    ),
    Module(
        "members",
        _("Members, counted once"),
        "bi-person-vcard",
        _("Members of the Front's organisations: one person, however many organisations they belong to."),
        (
            _("Organisations and their branches down to the village"),
            _("Import of a branch's list, with likely duplicates confirmed by the officer"),
            _("Members per organisation, people in one or several, by sex and age, per commune, province and nation"),
        ),
        _("Members counted once"),
        url_name="members:index",
    ),
    Module(
        "assessments",
        _("Yearly assessment of dân vận duties"),
        "bi-clipboard-check",
        _("Each body assesses its dân vận work every year (QĐ 23-QĐ/TW); the Ban reviews, ranks and reports."),
        (
            _(
                "Criteria, maximum scores, weights and grade thresholds per year and kind of body, copied from last year"
            ),
            _("Self-assessment with evidence files, next to the figures the system already holds"),
            _("The Ban's review, computed grades, ranks and the numbered report to the Party committee"),
        ),
        _("Yearly assessment"),
        url_name="assessments:index",
    ),
    Module(
        "democracy",
        _("Grassroots democracy"),
        "bi-people",
        _("What communes disclose, what residents decide, are consulted on and supervise."),
        (
            _("Disclosures (công khai) and their forms and durations"),
            _("Residents' decisions and consultations"),
            _("People's Inspection Boards and community investment supervision"),
        ),
        _("Grassroots democracy"),
        url_name="democracy:index",
    ),
    Module(
        "situation",
        _("Citizens' situation and opinion"),
        "bi-ear",
        _("Reports on the situation and opinion of the people (nắm tình hình nhân dân)."),
        (
            _("Situation reports from communes and member organisations"),
            _("Topics of concern and how they were followed up"),
        ),
        _("Citizens' situation and opinion"),
        url_name="situation:index",
    ),
    Module(
        "documents",
        _("Official documents"),
        "bi-file-earmark-text",
        _("Drafting, signing, numbering and sending the Ban's documents; registering incoming ones."),
        (
            _("Drafts from HD 36 templates or a DOCX/PDF, versions, comments, route to the signer"),
            _("Issued with the register's number, sent down the tree, acknowledged, with their tasks"),
            _("Incoming documents with the leader's instruction, assigned as tasks"),
        ),
        _("Official documents"),
        url_name="documents:index",
    ),
    Module(
        "oversight",
        _("Social supervision and critique"),
        "bi-clipboard-check",
        _("Supervision and social critique by the Fatherland Front and the organisations."),
        (
            _("Yearly supervision programmes, supervisions and their recommendations"),
            _("Critique of draft policies and the drafting body's response"),
            _("Recommendations not answered or past their deadline"),
        ),
        _("Social supervision and critique"),
        url_name="oversight:index",
    ),
    Module(
        "faiths",
        _("Ethnic and religious work"),
        "bi-flower1",
        _("Religious establishments and their dignitaries, ethnic-minority areas, holiday visits, commendations."),
        (
            _("Register of religious establishments, dignitaries and followers per commune"),
            _("Calendar of religious holidays and ethnic festivals, with the visits planned"),
        ),
        _("Ethnic and religious work"),
        url_name="faiths:index",
    ),
    Module(
        "committees",
        _("Steering committees and working groups"),
        "bi-diagram-3",
        _("Steering committees and working groups: decisions, members, tasks, meetings, reorganisations."),
        (
            _("Decision of establishment and members, by level and subject"),
            _("Reorganisation (kiện toàn) under a new decision, the old membership kept as history"),
            _("Tasks to members and units; the committee's meetings"),
        ),
        _("Steering committees and working groups"),
        url_name="committees:index",
    ),
)

MODULES_BY_SLUG = {module.slug: module for module in MODULES}
