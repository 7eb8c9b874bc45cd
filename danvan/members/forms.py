from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.members.models import Organisation
from danvan.organisations.widgets import unit_field

ORGANISATION_KINDS = "farmers_union,womens_union,youth_union,veterans,trade_union,fatherland_front"


class BranchCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.filter(is_active=True), empty_label=None
    )
    owner = unit_field(
        _("Belongs to"),
        kinds=ORGANISATION_KINDS,
        help_text=_("The organisation's body in the commune, for example Hội Nông dân xã Yên Thế."),
    )
    place = unit_field(_("Village or residential group"), required=False, kinds="village,residential_group")
    name = forms.CharField(label=_("Branch name"), max_length=255, help_text=_("For example: Chi hội thôn Đồng Tâm."))


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=_("Member list (.xlsx or .csv)"),
        help_text=_(
            "First row: Họ tên, Ngày sinh, Giới tính, CCCD, Dân tộc, Tôn giáo, Nghề nghiệp, Địa chỉ thôn, Ngày vào."
        ),
    )


class StatisticsForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), required=False)

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = list(areas)
