from django.urls import path

from danvan.democracy import views

app_name = "democracy"
urlpatterns = [
    path("", views.index, name="index"),
    path("co-so/dang-ky/", views.base_register, name="base_register"),
    path("co-so/<uuid:public_id>/", views.base_detail, name="base"),
    path("co-so/<uuid:public_id>/cong-khai/moi/", views.disclosure_new, name="disclosure_new"),
    path("co-so/<uuid:public_id>/tuan-thu/", views.compliance, name="compliance"),
    path("co-so/<uuid:public_id>/lay-y-kien/moi/", views.consultation_new, name="consultation_new"),
    path("co-so/<uuid:public_id>/bieu-quyet/moi/", views.matter_new, name="matter_new"),
    path("cong-khai/<uuid:public_id>/", views.disclosure_detail, name="disclosure"),
    path("cong-khai/<uuid:public_id>/dang/", views.disclosure_publish, name="disclosure_publish"),
    path("co-so/<uuid:public_id>/ban/moi/", views.board_new, name="board_new"),
    path("ban/<uuid:public_id>/", views.board_detail, name="board"),
    path("giam-sat/<uuid:public_id>/tra-loi/", views.finding_answer, name="finding_answer"),
    path("tep/<uuid:public_id>/", views.file_download, name="file"),
    path("tong-hop/", views.rollup, name="rollup"),
    path("kiem-tra/", views.inspections, name="inspections"),
    path("kiem-tra/<uuid:public_id>/", views.inspection_detail, name="inspection"),
    path("danh-muc/", views.catalogue, name="catalogue"),
    path("danh-muc/<int:pk>/", views.item_edit, name="item_edit"),
    path("lay-y-kien/<uuid:public_id>/", views.consultation_detail, name="consultation"),
    path("lay-y-kien/<uuid:public_id>/dang/", views.consultation_publish, name="consultation_publish"),
    path("gop-y/<uuid:public_id>/duyet/", views.comment_moderate, name="comment_moderate"),
    path("gop-y/<uuid:public_id>/tra-loi/", views.comment_answer, name="comment_answer"),
    path("bieu-quyet/<uuid:public_id>/", views.matter_detail, name="matter"),
    path("bieu-quyet/<uuid:public_id>/dang/", views.matter_publish, name="matter_publish"),
    path("bieu-quyet/<uuid:public_id>/bien-ban.docx", views.matter_minutes, name="matter_minutes"),
    path("bieu-quyet/<uuid:public_id>/cong-nhan/", views.matter_recognise, name="matter_recognise"),
]
