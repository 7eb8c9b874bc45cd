from django.urls import path

from danvan.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("tao-moi/", views.create, name="create"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/sua/", views.edit, name="edit"),
    path("<str:code>/tieu-chi/", views.criteria, name="criteria"),
    path("<str:code>/mo-danh-gia/", views.open_for, name="open"),
    path("<str:code>/sao-chep/", views.copy, name="copy"),
    path("<str:code>/xep-hang/", views.rank, name="rank"),
    path("<str:code>/bao-cao/", views.report, name="report"),
    path("phieu/<uuid:public_id>/", views.assessment, name="assessment"),
    path("phieu/<uuid:public_id>/tep/<uuid:file_id>/", views.evidence, name="evidence"),
]
