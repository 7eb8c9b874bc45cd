from django.urls import path

from danvan.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/thong-bao-ket-luan/", views.notice, name="notice"),
    path("<uuid:public_id>/bien-ban.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("tu-van-ban/<uuid:public_id>/", views.from_ingest, name="from_ingest"),
    path("<uuid:public_id>/tai-lieu/", views.document_add, name="document_add"),
    path("<uuid:public_id>/bieu-duong/", views.honour_add, name="honour_add"),
    path("<uuid:public_id>/tai-lieu/<int:document_id>/", views.document_download, name="document"),
]
