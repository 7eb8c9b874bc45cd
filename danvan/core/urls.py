from django.urls import path

from danvan.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("viec-cua-toi/", views.inbox, name="inbox"),
    path("viec-cua-toi/da-doc/", views.inbox_read, name="inbox_read"),
    path("phan-he/<slug:slug>/", views.module, name="module"),
    path("healthz", views.healthz, name="healthz"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("cong-viec/<uuid:public_id>/", views.job_detail, name="job"),
    path("cong-viec/<uuid:public_id>/trang-thai/", views.job_status, name="job_status"),
    path("cong-viec/<uuid:public_id>/tai-ve/", views.job_download, name="job_download"),
]
