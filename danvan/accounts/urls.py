from django.urls import path

from danvan.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("mat-khau/", views.password_change, name="password_change"),
    path("tai-khoan/", views.user_list, name="list"),
    path("tai-khoan/chon/", views.pick, name="pick"),
    path("tai-khoan/<uuid:public_id>/", views.user_detail, name="detail"),
    path("tai-khoan/<uuid:public_id>/vai-tro/<int:assignment_id>/thu-hoi/", views.role_revoke, name="role_revoke"),
    path("don-vi/<str:code>/tai-khoan-moi/", views.user_create, name="create"),
    path("don-vi/<str:code>/nhap-tai-khoan/", views.accounts_import, name="import"),
    path("don-vi/<str:code>/nhap-tai-khoan/mau.xlsx", views.accounts_import_template, name="import_template"),
]
