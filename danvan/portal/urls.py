from django.urls import path

from danvan.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("xa/<str:code>/", views.commune, name="commune"),
    path("xa/<str:code>/kien-nghi/", views.petition_new, name="petition_new"),
    path(
        "xa/<str:code>/<slug:section>/",
        views.commune_section,
        name="commune_section",
    ),
    path("lay-y-kien/<uuid:public_id>/", views.consultation, name="consultation"),
    path("tep/<uuid:public_id>/", views.file_download, name="file"),
    path("tra-cuu/", views.track, name="track"),
    path("van-ban/", views.documents, name="documents"),
    path("van-ban/<uuid:public_id>/", views.document, name="document"),
    path("van-ban/<uuid:public_id>/tep.<str:kind>", views.document_file, name="document_file"),
    path("can-bo/kien-nghi/", views.staff_answers, name="staff_answers"),
    path("can-bo/kien-nghi/<str:code>/", views.staff_answer, name="staff_answer"),
]
