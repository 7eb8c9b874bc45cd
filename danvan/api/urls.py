from django.urls import path, re_path

from danvan.api import views
from danvan.api.api import api

urlpatterns = [
    path("docs", views.docs, name="api_docs"),
    path("", api.urls),
    # Any other address under /api/v1/ answers in the API's error shape, not with the site's HTML page.
    re_path(r"^.*$", views.not_found),
]
