from django.urls import path

from danvan.petitions import views, views_correct, views_print

app_name = "petitions"
urlpatterns = [
    path("", views.index, name="index"),
    path("xuat.xlsx", views.export, name="export"),
    path("tiep-nhan/", views.intake, name="intake"),
    path("den-han/", views.due, name="due"),
    path("quy-dinh/", views.rules, name="rules"),
    path("thong-ke/", views.stats, name="stats"),
    path("thong-ke/mau-<str:form_code>.xlsx", views.stats_form, name="stats_form"),
    path("thong-ke/mau-<str:form_code>.pdf", views_print.statistics, name="stats_form_pdf"),
    path("tiep-dan/so.pdf", views_print.register, name="reception_register_pdf"),
    path("tiep-dan/", views.reception, name="reception"),
    path("tiep-dan/lich/", views.duties, name="duties"),
    path("tiep-dan/<int:pk>/sua/", views_correct.session_correct, name="session_correct"),
    path("vu-viec/", views.cases, name="cases"),
    path("vu-viec/<str:code>/", views.case, name="case"),
    path("doi-thoai/", views.dialogues, name="dialogues"),
    path("doi-thoai/cam-ket/", views.commitments, name="commitments"),
    path("doi-thoai/<int:pk>/sua/", views_correct.dialogue_correct, name="dialogue_correct"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/trung-lap/", views.repeats, name="repeats"),
    path("<str:code>/lien-ket/", views.link_repeat, name="link_repeat"),
    path("<str:code>/phan-cong/", views.assign, name="assign"),
    path("<str:code>/phan-cong/<int:handler_id>/duyet/", views.assign_approve, name="assign_approve"),
    path("<str:code>/phieu-tiep-nhan.pdf", views_print.receipt, name="receipt_pdf"),
    path("<str:code>/chuyen/", views.transfer, name="transfer"),
    path("<str:code>/chuyen/<int:transfer_id>/phieu.pdf", views_print.transfer_slip, name="transfer_slip_pdf"),
    path("<str:code>/chuyen/<int:transfer_id>/theo-doi/", views.track, name="track"),
    path("<str:code>/nguoi-to-cao/", views.denouncer, name="denouncer"),
    path("<str:code>/tep/", views.attachment_add, name="attachment_add"),
    path("<str:code>/tep/<int:attachment_id>/", views.attachment_download, name="attachment_download"),
    path("<str:code>/sua/", views_correct.correct, name="correct"),
    path("<str:code>/<str:action>/", views.act, name="act"),
]
