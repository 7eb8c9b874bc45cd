from django import forms


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label="Tên mã (để nhận ra hệ thống dùng nó)",
        max_length=100,
        help_text="Ví dụ: “Phần mềm một cửa của tỉnh”. Mã sẽ chỉ hiện một lần, ngay sau khi tạo.",
        error_messages={
            "required": "Tên mã: bắt buộc, ví dụ “Phần mềm một cửa của tỉnh”.",
            "max_length": "Tên mã: tối đa 100 ký tự.",
        },
    )
