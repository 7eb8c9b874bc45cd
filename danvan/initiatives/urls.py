from django.urls import path

from danvan.initiatives import views

app_name = "initiatives"
urlpatterns = [
    path("", views.index, name="index"),
    path("dang-ky/", views.register, name="register"),
    path("xuat-xlsx/", views.export, name="export"),
    path("tieu-chi/", views.schemes, name="schemes"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/sua/", views.correct, name="correct"),
    path("<str:code>/phe-duyet/", views.decide, name="decide"),
    path("<str:code>/cap-nhat/", views.update_add, name="update_add"),
    path("<str:code>/cham-diem/", views.evaluate, name="evaluate"),
    path("<str:code>/cong-nhan/", views.recognise, name="recognise"),
    path("<str:code>/khen-thuong/", views.commend, name="commend"),
    path("<str:code>/nhan-rong/", views.replicate, name="replicate"),
    path("<str:code>/cap-nhat/<int:update_id>/anh/", views.photo_add, name="photo_add"),
    path("<str:code>/anh/<int:photo_id>/<str:variant>/", views.photo_file, name="photo_file"),
]
