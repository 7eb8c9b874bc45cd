from django.urls import path

from danvan.committees import views

app_name = "committees"
urlpatterns = [
    path("", views.index, name="index"),
    path("moi/", views.committee_new, name="new"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/sua/", views.committee_edit, name="edit"),
    path("<str:code>/kien-toan/", views.reorganise, name="reorganise"),
    path("<str:code>/thanh-phan/sua/", views.composition_correct, name="composition_correct"),
    path("<str:code>/quyet-dinh/<int:number>/", views.composition_detail, name="composition"),
    path("<str:code>/quyet-dinh/<int:number>/tep/", views.decision_file, name="decision_file"),
    path("<str:code>/nhiem-vu/moi/", views.task_new, name="task_new"),
    path("<str:code>/hoi-nghi/", views.meeting_link, name="meeting_link"),
    path("<str:code>/hoi-nghi/<int:pk>/bo/", views.meeting_unlink, name="meeting_unlink"),
]
