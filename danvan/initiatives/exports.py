"""The library as rows (data first; the shared writer makes the XLSX)."""

HEADERS = [
    "Mã",
    "Tên mô hình",
    "Đơn vị",
    "Tỉnh",
    "Năm",
    "Lĩnh vực",
    "Nông thôn mới",
    "Tập thể / cá nhân",
    "Trạng thái",
    "Cấp công nhận",
    "Điểm cao nhất",
    "Nhân rộng từ",
]


def library_rows(initiatives) -> list[list]:
    """`initiatives` from initiative_list_for_user (annotated, with unit and province loaded)."""
    return [
        [
            i.code,
            i.name,
            i.unit.name,
            i.province.name if i.province else "",
            i.year,
            i.get_field_display(),
            "x" if i.new_rural else "",
            i.get_kind_display() + (f": {i.person_name}" if i.person_name else ""),
            i.get_status_display(),
            i.get_recognition_level_display() if i.recognition_level else "",
            float(i.best_total) if i.best_total is not None else None,
            "x" if i.replicated_from_id else "",
        ]
        for i in initiatives
    ]
