from django.urls import path

from danvan.contests import views

app_name = "contests"
urlpatterns = [
    path("", views.index, name="index"),
    path("tao-moi/", views.create, name="create"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/sua/", views.edit, name="edit"),
    path("<str:code>/trang-thai/", views.status, name="status"),
    path("<str:code>/vong-thi/", views.rounds, name="rounds"),
    path("<str:code>/vong-thi/<int:order>/doi-thi/", views.round_teams, name="round_teams"),
    path("<str:code>/doi-thi/", views.teams, name="teams"),
    path("<str:code>/doi-thi/<int:team_id>/", views.team_edit, name="team_edit"),
    path("<str:code>/giam-khao/", views.judges, name="judges"),
    path("<str:code>/cham-diem/", views.score, name="score"),
    path("<str:code>/cham-diem/<int:order>/", views.score, name="score_round"),
    path("<str:code>/xep-hang/", views.standings, name="standings"),
    path("<str:code>/trinh-chieu/", views.projector, name="projector"),
    path("<str:code>/trinh-chieu/bang/", views.projector_table, name="projector_table"),
    path("<str:code>/trao-giai/", views.award, name="award"),
    path("<str:code>/quyet-dinh/", views.decision, name="decision"),
    path("<str:code>/xuat-xlsx/", views.export, name="export"),
]
