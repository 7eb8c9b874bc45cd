from django.urls import path

from danvan.documents import views, views_registers

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("soan/", views.document_new, name="new"),
    path("den/moi/", views.incoming_new, name="incoming_new"),
    path("den/<uuid:public_id>/", views.incoming_detail, name="incoming_detail"),
    path("den/<uuid:public_id>/tep/", views.incoming_file, name="incoming_file"),
    path("so/<str:kind>/", views_registers.register_page, name="register_page"),
    path("so/<str:kind>/in/", views_registers.register_print, name="register_print"),
    path("so/<str:kind>.xlsx", views_registers.register_xlsx, name="register"),
    path("so/<str:kind>.pdf", views_registers.register_pdf, name="register_pdf"),
    path("uy-quyen/", views.delegations, name="delegations"),
    path("uy-quyen/<uuid:public_id>/ket-thuc/", views.delegation_end, name="delegation_end"),
    path("<uuid:public_id>/", views.document_detail, name="detail"),
    path("<uuid:public_id>/sua/", views.document_edit, name="edit"),
    path("<uuid:public_id>/y-kien/", views.document_comment, name="comment"),
    path("<uuid:public_id>/chuyen/", views.document_route, name="route"),
    path("<uuid:public_id>/ky-ban-hanh/", views.document_issue, name="issue"),
    path("<uuid:public_id>/nguoi-ky/", views.document_signer, name="signer"),
    path("<uuid:public_id>/nguoi-ky/tim/", views.signers, name="signers"),
    path("<uuid:public_id>/tiep-nhan/", views.document_acknowledge, name="acknowledge"),
    path("<uuid:public_id>/thay-the/", views.document_correct, name="correct"),
    path("<uuid:public_id>/cong-khai/", views.document_publish, name="publish"),
    path("<uuid:public_id>/so-sanh/", views.document_compare, name="compare"),
    path("<uuid:public_id>/tep.<str:kind>", views.document_file, name="file"),
    path("<uuid:public_id>/ban/<int:number>/", views.version_file, name="version_file"),
]
