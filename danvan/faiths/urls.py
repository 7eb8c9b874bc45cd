from django.urls import path

from danvan.faiths import views

app_name = "faiths"
urlpatterns = [
    path("", views.index, name="index"),
    path("co-so/moi/", views.establishment_new, name="establishment_new"),
    path("co-so/xuat/", views.register_export, name="register_export"),
    path("co-so/<str:code>/", views.establishment_detail, name="establishment_detail"),
    path("co-so/<str:code>/sua/", views.establishment_edit, name="establishment_edit"),
    path("co-so/<str:code>/chuc-sac/", views.dignitary_add, name="dignitary_add"),
    path("co-so/<str:code>/chuc-sac/<int:pk>/", views.dignitary_edit, name="dignitary_edit"),
    path("co-so/<str:code>/tin-do/", views.followers_set, name="followers_set"),
    path("dan-toc/moi/", views.area_new, name="area_new"),
    path("dan-toc/<str:code>/", views.area_detail, name="area_detail"),
    path("lich/", views.calendar, name="calendar"),
    path("tham-hoi/moi/", views.visit_new, name="visit_new"),
    path("tham-hoi/<str:code>/", views.visit_edit, name="visit_edit"),
    path("khen-thuong/", views.commendations, name="commendations"),
    path("khen-thuong/moi/", views.commendation_new, name="commendation_new"),
    path("khen-thuong/<str:code>/", views.commendation_edit, name="commendation_edit"),
]
