from django.urls import path

from danvan.oversight import views

app_name = "oversight"
urlpatterns = [
    path("", views.index, name="index"),
    path("chon-don-vi/", views.pick, name="pick"),
    path("theo-doi/", views.followup, name="followup"),
    path("chuong-trinh/moi/", views.programme_new, name="programme_new"),
    path("chuong-trinh/<str:code>/", views.programme_detail, name="programme_detail"),
    path("chuong-trinh/<str:code>/sua/", views.programme_edit, name="programme_edit"),
    path("cuoc/moi/", views.supervision_new, name="supervision_new"),
    path("cuoc/<str:code>/", views.supervision_detail, name="supervision_detail"),
    path("cuoc/<str:code>/sua/", views.supervision_edit, name="supervision_edit"),
    path("cuoc/<str:code>/kien-nghi/moi/", views.recommendation_new, name="recommendation_new"),
    path("kien-nghi/<str:code>/", views.recommendation_detail, name="recommendation_detail"),
    path("kien-nghi/<str:code>/tra-loi/", views.recommendation_answer, name="recommendation_answer"),
    path("kien-nghi/<str:code>/sua/", views.recommendation_edit, name="recommendation_edit"),
    path("phan-bien/moi/", views.critique_new, name="critique_new"),
    path("phan-bien/<str:code>/", views.critique_detail, name="critique_detail"),
    path("phan-bien/<str:code>/sua/", views.critique_edit, name="critique_edit"),
    path("phan-bien/<str:code>/y-kien/moi/", views.opinion_new, name="opinion_new"),
    path("y-kien/<str:code>/", views.opinion_edit, name="opinion_edit"),
]
