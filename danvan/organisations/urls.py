from django.urls import path

from danvan.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("tim-kiem/", views.search, name="search"),
    path("chon/", views.pick, name="pick"),
    path("dia-gioi/", views.places, name="places"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/truc-thuoc/", views.children, name="children"),
    path("<str:code>/sua/", views.update, name="update"),
    path("<str:code>/them-don-vi/", views.create_child, name="create_child"),
    path("<str:code>/nhap-thon/", views.village_import, name="village_import"),
    path("<str:code>/nhap-thon/mau.xlsx", views.village_import_template, name="village_import_template"),
    path("<str:code>/chuc-vu/them/", views.position_add, name="position_add"),
    path("<str:code>/chuc-vu/<int:position_id>/ket-thuc/", views.position_end, name="position_end"),
]
