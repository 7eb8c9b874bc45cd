from django import forms

from danvan.portal.services import MAX_NAME, MAX_TEXT


class SearchForm(forms.Form):
    q = forms.CharField(label="Tên xã, phường (gõ có dấu hoặc không dấu)", max_length=100, required=False)


class _SenderForm(forms.Form):
    name = forms.CharField(label="Họ và tên", max_length=MAX_NAME, required=False)
    contact = forms.CharField(
        label="Số điện thoại hoặc thư điện tử",
        max_length=128,
        required=False,
        help_text="Không hiển thị công khai; chỉ để cơ quan liên hệ lại.",
    )
    # The honeypot: hidden from people by CSS and labelled so that screen readers skip it.
    website = forms.CharField(label="Để trống ô này", max_length=100, required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)


class CommentForm(_SenderForm):
    text = forms.CharField(
        label="Ý kiến góp ý", widget=forms.Textarea(attrs={"rows": 5}), max_length=MAX_TEXT * 2, required=False
    )


class PetitionForm(_SenderForm):
    field = forms.ChoiceField(label="Lĩnh vực", choices=())
    text = forms.CharField(
        label="Nội dung kiến nghị, phản ánh",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_TEXT * 2,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from danvan.petitions.models import PetitionField

        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [
            (f.code, f.name) for f in PetitionField.objects.filter(is_active=True).order_by("sort_order", "name")
        ]


class TrackForm(forms.Form):
    code = forms.CharField(label="Mã theo dõi", max_length=40, required=False)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Trả lời công bố cho công dân (để trống để gỡ)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
