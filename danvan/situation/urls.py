from django.urls import path

from danvan.situation import digest_views, views

app_name = "situation"
urlpatterns = [
    path("", views.index, name="index"),
    path("bao-cao/moi/", views.report_new, name="report_new"),
    path("bao-cao/<str:code>/", views.report_detail, name="report_detail"),
    path("bao-cao/<str:code>/gui/", views.report_submit, name="report_submit"),
    path("bao-cao/<str:code>/sua/", views.report_edit, name="report_edit"),
    path("diem-nong/moi/", views.hotspot_new, name="hotspot_new"),
    path("diem-nong/tong-hop/", views.hotspot_summary, name="hotspot_summary"),
    path("diem-nong/<str:code>/", views.hotspot_detail, name="hotspot_detail"),
    path("diem-nong/<str:code>/tiep-nhan/", views.hotspot_acknowledge, name="hotspot_acknowledge"),
    path("diem-nong/<str:code>/cap-nhat/", views.hotspot_update, name="hotspot_update"),
    path("chua-bao-cao/", views.coverage, name="coverage"),
    path("ban-tin/", digest_views.digest_list, name="digest_list"),
    path("ban-tin/<str:code>/", digest_views.digest_detail, name="digest_detail"),
    path("ban-tin/<str:code>/tai-ve/", digest_views.digest_download, name="digest_download"),
    path("hoi-nghi/<uuid:public_id>/ban-tin/", digest_views.meeting_digest_attach, name="meeting_digest_attach"),
    path(
        "hoi-nghi/<uuid:public_id>/ban-tin/<str:code>/go/",
        digest_views.meeting_digest_detach,
        name="meeting_digest_detach",
    ),
    path(
        "hoi-nghi/<uuid:public_id>/ban-tin/<str:code>/moi-nhat/",
        digest_views.meeting_digest_update,
        name="meeting_digest_update",
    ),
    path("ban-do/", digest_views.situation_map, name="map"),
]
