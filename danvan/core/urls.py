from django.urls import path

from danvan.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("phan-he/<slug:slug>/", views.module, name="module"),
    path("healthz", views.healthz, name="healthz"),
]
