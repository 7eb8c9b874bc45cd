from django.urls import path

from danvan.ingest import views

app_name = "ingest"
urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:public_id>/", views.detail, name="detail"),
]
