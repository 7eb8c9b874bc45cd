"""The staff pages of the API: a person's tokens (mounted at /ma-api/ by danvan/urls.py)."""

from django.urls import path

from danvan.api import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.tokens, name="mine"),
    path("tai-khoan/<uuid:public_id>/", views.tokens, name="user"),
    path("<uuid:token_id>/thu-hoi/", views.token_revoke, name="revoke"),
]
