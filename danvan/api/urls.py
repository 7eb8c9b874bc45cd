from django.urls import path

from danvan.api.api import api

urlpatterns = [path("", api.urls)]
