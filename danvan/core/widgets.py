"""Row editors: a table where each line of a list is a row of cells, added and removed with a button.

The field's value is still the familiar text, one row a line with its cells joined by a separator ("name | title"),
so views and services read it as before; what the person sees is a table with a box per cell, a unit picker where a
cell names a unit, and nothing to type but the content. static/js/rows.js adds and removes rows.
"""

from dataclasses import dataclass

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # text, textarea, number, date (dd/mm/yyyy), unit (a unit picker), unit_or_text (a unit, or free text such as a
    # connected site's name), flag (a yes/no choice posted as "x" or nothing, e.g. the team's captain), choice (one
    # of `choices`, e.g. the system figure a criterion shows)
    kind: str = "text"
    placeholder: str = ""
    choices: tuple = ()  # (value, label) pairs, for kind "choice"
    # For a "choice" column of a list where each row is one thing (a commune's figures): a row that has its value
    # shows it as text with the value hidden, instead of a list of every choice on every row (100 communes would
    # be 10,000 options); an added row still offers the list.
    fixed: bool = False


class RowsWidget(forms.Widget):
    template_name = "core/widgets/rows.html"
    # The shared form templates render this widget as itself.
    renders_itself = True

    def __init__(self, columns: list[Column], separator: str = " | ", min_rows: int = 1, attrs=None):
        super().__init__(attrs)
        self.columns = columns
        self.separator = separator
        self.min_rows = min_rows

    def parse(self, value) -> list[list[str]]:
        rows = []
        for line in str(value or "").splitlines():
            if not line.strip():
                continue
            cells = [c.strip() for c in line.split(self.separator.strip(), len(self.columns) - 1)]
            rows.append(cells + [""] * (len(self.columns) - len(cells)))
        return rows

    def _cell(self, name: str, column: Column, value: str, element_id: str) -> str:
        from danvan.organisations.widgets import UnitPicker

        field_name = f"{name}__{column.key}"
        label = str(column.label)
        if column.kind in ("unit", "unit_or_text"):
            text_name = f"{field_name}__text" if column.kind == "unit_or_text" else ""
            return UnitPicker(text_name=text_name).render(
                field_name, value, attrs={"id": element_id, "aria-label": label}
            )
        if column.kind == "flag":
            return format_html(
                '<select class="form-select form-select-sm" name="{}" id="{}" aria-label="{}">'
                '<option value="">—</option><option value="x"{}>{}</option></select>',
                field_name,
                element_id,
                label,
                mark_safe(" selected") if value.strip().lower() == "x" else "",  # noqa: S308 - a fixed attribute
                label,
            )
        if column.kind == "choice" and column.fixed and value.strip():
            shown = next((text for v, text in column.choices if str(v) == value.strip()), None)
            if shown is not None:
                return format_html(
                    '<input type="hidden" name="{}" id="{}" value="{}">'
                    '<span class="form-control-plaintext form-control-sm py-0">{}</span>',
                    field_name,
                    element_id,
                    value.strip(),
                    shown,
                )
        if column.kind == "choice":
            options = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (v, mark_safe(" selected") if str(v) == value.strip() else "", text)  # noqa: S308 - fixed
                    for v, text in column.choices
                ),
            )
            return format_html(
                '<select class="form-select form-select-sm" name="{}" id="{}" aria-label="{}">{}</select>',
                field_name,
                element_id,
                label,
                options,
            )
        if column.kind == "textarea":
            return format_html(
                '<textarea class="form-control form-control-sm" name="{}" id="{}" rows="2" aria-label="{}"'
                ' placeholder="{}">{}</textarea>',
                field_name,
                element_id,
                label,
                column.placeholder,
                value,
            )
        input_type, extra = "text", ""
        if column.kind == "number":
            extra = mark_safe(' inputmode="decimal"')  # noqa: S308 - a fixed attribute
        elif column.kind == "date":
            extra = mark_safe(' inputmode="numeric" placeholder="dd/mm/yyyy"')  # noqa: S308 - a fixed attribute
        return format_html(
            '<input type="{}" class="form-control form-control-sm" name="{}" id="{}" value="{}" aria-label="{}"{}{}>',
            input_type,
            field_name,
            element_id,
            value,
            label,
            extra,
            format_html(' placeholder="{}"', column.placeholder)
            if column.placeholder and column.kind != "date"
            else "",
        )

    def _row(self, name: str, cells: list[str], index) -> list[dict]:
        base = self.attrs.get("id") or f"id_{name}"
        return [
            {"label": column.label, "html": self._cell(name, column, cell, f"{base}-{index}-{column.key}")}
            for column, cell in zip(self.columns, cells, strict=True)
        ]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        rows = self.parse(value)
        while len(rows) < self.min_rows:
            rows.append([""] * len(self.columns))
        context["widget"].update(
            {
                "columns": self.columns,
                "rows": [self._row(name, cells, i) for i, cells in enumerate(rows)],
                "template_row": self._row(name, [""] * len(self.columns), "__ROW__"),
                "add_label": _("Add a row"),
                "invalid": str(context["widget"]["attrs"].get("aria-invalid", "")).lower() == "true",
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        first = f"{name}__{self.columns[0].key}"
        if not hasattr(data, "getlist") or first not in data:
            # A post of the plain text (another system, or an old page): read as it is.
            return data.get(name)
        columns = []
        for column in self.columns:
            values = data.getlist(f"{name}__{column.key}")
            if column.kind == "unit_or_text":
                texts = data.getlist(f"{name}__{column.key}__text")
                values = [v or (texts[i] if i < len(texts) else "") for i, v in enumerate(values)]
            columns.append(values)
        count = max(len(values) for values in columns)
        lines = []
        sep = self.separator.strip()
        for i in range(count):
            # A cell cannot break its row: the separator and line breaks inside it become harmless.
            cells = [" ".join((values[i] if i < len(values) else "").replace(sep, "/").split()) for values in columns]
            if any(cells):
                lines.append(self.separator.join(cells).rstrip(" " + sep))
        return "\n".join(lines)


def rows_field(label, columns: list[Column], *, separator: str = " | ", required: bool = False, help_text=None):
    """A form field edited as rows of cells; its cleaned value is the text, one row a line."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=100_000,
        help_text=help_text,
        widget=RowsWidget(columns, separator=separator),
    )


class InlineCheckboxes(forms.CheckboxSelectMultiple):
    """A short list of checkboxes shown on one line by templates/_fields.html (topics, a few kinds)."""

    inline = True
