from django.urls import path

from danvan.members import views, views_corrections, views_import, views_organisations

app_name = "members"
urlpatterns = [
    path("", views.index, name="index"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("dan-so/", views.population, name="population"),
    path("dan-so/nhap/", views.population_import, name="population_import"),
    path("dan-so/mau-nhap/", views.population_template, name="population_template"),
    path("dan-so/<str:code>/lich-su/", views.population_history_page, name="population_history"),
    path("dan-so/<str:code>/<int:year>/sua/", views.population_figure, name="population_figure"),
    path("dan-so/<str:code>/<int:year>/xoa/", views.population_figure_delete, name="population_figure_delete"),
    path("nhap/", views_import.body_import, name="body_import"),
    path("nhap/mau-nhap/", views_import.body_import_template, name="body_import_template"),
    path("nhap/xac-nhan/<uuid:public_id>/", views_import.import_confirm, name="import_confirm"),
    path("to-chuc/", views_organisations.organisations, name="organisations"),
    path("to-chuc/moi/", views_organisations.organisation_new, name="organisation_new"),
    path("to-chuc/<str:code>/sua/", views_corrections.organisation_edit, name="organisation_edit"),
    path("to-chuc/<str:code>/thoi-hoat-dong/", views_corrections.organisation_retire, name="organisation_retire"),
    path("chi-hoi/moi/", views.branch_new, name="branch_new"),
    path("chi-hoi/<str:code>/sua/", views_corrections.branch_edit, name="branch_edit"),
    path("chi-hoi/<str:code>/giai-the/", views_corrections.branch_retire, name="branch_retire"),
    path("chi-hoi/<str:code>/", views.branch, name="branch"),
    path("chi-hoi/<str:code>/nhap/", views.branch_import, name="branch_import"),
    path("chi-hoi/<str:code>/them/", views.member_new, name="member_new"),
    path("chi-hoi/<str:code>/mau-nhap/", views.branch_import_template, name="branch_import_template"),
    path("chi-hoi/<str:code>/xuat/", views.branch_export, name="branch_export"),
    path("nguoi/<uuid:public_id>/", views.person, name="person"),
    path("nguoi/<uuid:public_id>/sua/", views.person_edit, name="person_edit"),
    path("nguoi/<uuid:public_id>/roi/<int:membership_id>/", views.membership_end, name="membership_end"),
    path(
        "nguoi/<uuid:public_id>/sinh-hoat/<int:membership_id>/sua/",
        views_corrections.membership_edit,
        name="membership_edit",
    ),
]
