from django.urls import path

from danvan.reports import views, word_upload

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("nhap/<int:form_id>/<str:key>/<str:code>/", views.entry, name="entry"),
    path("nhap/<int:form_id>/<str:key>/<str:code>/mau.xlsx", views.template_download, name="template"),
    path("nhap/<int:form_id>/<str:key>/<str:code>/tai-len/", views.template_upload, name="upload"),
    path("nhap/<int:form_id>/<str:key>/<str:code>/bao-cao-word/", word_upload.word_upload, name="word_upload"),
    path("<uuid:public_id>/<str:decision>/", views.decide, name="decide"),
    path("tong-hop/", views.rollup, name="rollup"),
    path("tong-hop/chi-tiet/", views.drilldown, name="drilldown"),
    path("tien-do/", views.completeness, name="completeness"),
    path("so-sanh/", views.pivot, name="pivot"),
    path("chi-tieu-bieu-mau/", views.definitions, name="definitions"),
    path("van-ban/", views.documents, name="documents"),
    path("van-ban/du-thao.docx", views.briefing_preview, name="briefing_preview"),
    path("van-ban/<uuid:public_id>.docx", views.document_download, name="document_download"),
    path("van-ban/<uuid:public_id>/thu-hoi/", views.document_revoke, name="document_revoke"),
]
