from django.urls import path

from danvan.movements import views

app_name = "movements"
urlpatterns = [
    path("", views.index, name="index"),
    path("moi/", views.create, name="create"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/sua/", views.edit, name="edit"),
    path("<str:code>/chi-tieu/", views.target_add, name="target_add"),
    path("<str:code>/dot-bao-cao/", views.checkpoint_add, name="checkpoint_add"),
    path("<str:code>/hoat-dong/", views.activity_add, name="activity_add"),
    path("<str:code>/phat-dong/", views.launch, name="launch"),
    path("<str:code>/dang-ky/", views.register, name="register"),
    path("<str:code>/dang-ky-hang-loat/", views.register_bulk, name="register_bulk"),
    path("<str:code>/bao-cao/<int:checkpoint_id>/", views.report, name="report"),
    path("<str:code>/bang-xep-hang/", views.scoreboard, name="scoreboard"),
    path("<str:code>/bang-xep-hang/xlsx/", views.scoreboard_export, name="scoreboard_export"),
    path("<str:code>/tong-ket/", views.close, name="close"),
    path("<str:code>/tong-ket/khen-thuong/", views.award_add, name="award_add"),
    path("<str:code>/tong-ket/khen-thuong/<int:award_id>/sua/", views.award_correct, name="award_correct"),
]
