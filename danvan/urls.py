from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("danvan.api.urls")),
    path("ma-api/", include("danvan.api.page_urls")),
    path("", include("danvan.accounts.urls")),
    path("don-vi/", include("danvan.organisations.urls")),
    path("nhat-ky/", include("danvan.audit.urls")),
    path("bao-cao/", include("danvan.reports.urls")),
    path("don-thu/", include("danvan.petitions.urls")),
    path("doc-van-ban/", include("danvan.ingest.urls")),
    path("dan-van-kheo/", include("danvan.initiatives.urls")),
    path("nhiem-vu/", include("danvan.workplans.urls")),
    path("hoi-nghi/", include("danvan.meetings.urls")),
    path("phong-trao/", include("danvan.movements.urls")),
    path("hoi-thi/", include("danvan.contests.urls")),
    path("dan-chu/", include("danvan.democracy.urls")),
    path("cong-dan/", include("danvan.portal.urls")),
    path("hoi-vien/", include("danvan.members.urls")),
    path("tinh-hinh/", include("danvan.situation.urls")),
    path("ban-chi-dao/", include("danvan.committees.urls")),
    path("", include("danvan.core.urls")),
]
