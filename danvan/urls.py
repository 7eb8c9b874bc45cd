from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("danvan.accounts.urls")),
    path("don-vi/", include("danvan.organisations.urls")),
    path("nhat-ky/", include("danvan.audit.urls")),
    path("", include("danvan.core.urls")),
]
