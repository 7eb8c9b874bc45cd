from django.urls import path

from danvan.workplans import views

app_name = "workplans"
urlpatterns = [
    path("", views.index, name="index"),
    path("giao/", views.task_new, name="task_new"),
    path("ke-hoach/", views.plans, name="plans"),
    path("ke-hoach/<uuid:public_id>/", views.plan_detail, name="plan"),
    path("ke-hoach/<uuid:public_id>/sua/", views.plan_correct, name="plan_correct"),
    path("lich/", views.calendar, name="calendar"),
    path("lich/<str:token>.ics", views.ics, name="ics"),
    path("<uuid:public_id>/", views.task_detail, name="task"),
    path("<uuid:public_id>/tep/<int:update_id>/", views.task_file, name="task_file"),
]
