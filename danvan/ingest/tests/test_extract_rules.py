"""The extractor's rules on phrasing the seeds do not contain (the evaluation runs on unseen articles)."""

import datetime as dt

import pytest

from danvan.ingest.extract import extract, normalise

COMMUNE = """Đảng ủy xã Tân Lập tổng kết công tác dân vận năm 2022
Ngày 10/1, Đảng ủy xã Tân Lập, huyện Lục Ngạn tổ chức hội nghị tổng kết công tác dân vận năm 2022, triển khai nhiệm vụ năm 2023. Đồng chí Nguyễn Văn Hùng, Bí thư Đảng ủy xã chủ trì hội nghị.
Dự hội nghị có đại diện Ban Dân vận Huyện ủy Lục Ngạn, Ủy ban MTTQ xã, Hội Nông dân xã, Hội Liên hiệp Phụ nữ xã.
Năm 2022, toàn xã có 123 mô hình "Dân vận khéo" được công nhận; 21/21 thôn tổ chức đối thoại, với 1.250 lượt người tham gia; huy động 2,5 tỷ đồng xây dựng nông thôn mới; tỷ lệ hộ gia đình văn hóa đạt 92,5%. Mô hình "Tổ tự quản đường hoa" của thôn Đồng Mới được biểu dương.
Năm 2023, đồng chí Bí thư Đảng ủy đề nghị các chi bộ, đoàn thể tập trung làm tốt công tác tuyên truyền, vận động nhân dân; tiếp tục xây dựng mô hình "Dân vận khéo" trên các lĩnh vực; nắm chắc tình hình nhân dân, giải quyết kịp thời kiến nghị của cử tri.
Tin, ảnh: Minh Anh
"""

NATIONAL = """Tổng kết 10 năm thực hiện Kết luận số 114-KL/TW về công tác dân vận của cơ quan nhà nước
Thứ Ba, 05/12/2023 17:20
Chiều 5-12, tại Hà Nội, Ban Dân vận Trung ương phối hợp với Ban cán sự đảng Chính phủ tổ chức hội nghị trực tuyến toàn quốc tổng kết 10 năm thực hiện Kết luận số 114-KL/TW. Hội nghị được kết nối tới 3.280 điểm cầu với 74.828 đại biểu tham dự.
Đồng chí Trương Thị Mai, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư và đồng chí Trần Lưu Quang, Phó Thủ tướng Chính phủ đồng chủ trì hội nghị.
Phát biểu chỉ đạo, đồng chí Trương Thị Mai yêu cầu các cấp ủy, chính quyền tiếp tục nâng cao nhận thức về công tác dân vận; đẩy mạnh cải cách hành chính; thực hiện tốt dân chủ ở cơ sở.
"""

CEREMONY = """Huyện Hiệp Hòa tuyên dương 25 điển hình "Dân vận khéo" năm 2023
Cập nhật lúc 15:30, ngày 16/10/2023 (GMT+7)
Sáng nay (15-10), Huyện ủy Hiệp Hòa tổ chức Lễ kỷ niệm Ngày truyền thống công tác dân vận và tuyên dương điển hình "Dân vận khéo" năm 2023. Chủ trì buổi lễ có đồng chí Nguyễn Thị Lan, Phó Bí thư Thường trực Huyện ủy và đồng chí Trần Văn Bình, Trưởng Ban Dân vận Huyện ủy.
Tham dự có các đồng chí trong Ban Thường vụ Huyện ủy; lãnh đạo Ủy ban MTTQ huyện, Hội Nông dân huyện, Huyện đoàn.
Năm 2023, toàn huyện có 312 mô hình "Dân vận khéo", trong đó các mô hình tiêu biểu như: "Ngày thứ Bảy văn minh", "Tuyến đường nở hoa", "Dân vận khéo" trong xây dựng nông thôn mới. Dịp này, 25 tập thể, cá nhân được tặng giấy khen.
Phát biểu tại buổi lễ, đồng chí Nguyễn Thị Lan đề nghị thời gian tới các cấp ủy tiếp tục quan tâm lãnh đạo công tác dân vận; nhân rộng các mô hình, điển hình "Dân vận khéo".
"""


def test_the_chairs_named_after_chu_tri_and_a_long_date_line():
    record = extract(CEREMONY)
    assert record.event_type == "bieu_duong"
    assert record.event_date == "2023-10-15"
    assert "event_date_year_from_dateline" in record.flags
    assert record.organizer == "Huyện ủy Hiệp Hòa" and record.level == "huyen"
    assert record.chair == [
        {"name": "Nguyễn Thị Lan", "title": "Phó Bí thư Thường trực Huyện ủy"},
        {"name": "Trần Văn Bình", "title": "Trưởng Ban Dân vận Huyện ủy"},
    ]


def test_a_quoted_list_of_models_gives_each_name():
    assert extract(CEREMONY).models == ["Ngày thứ Bảy văn minh", "Tuyến đường nở hoa"]


def test_people_are_stripped_from_attending_bodies():
    assert extract(CEREMONY).attendees_orgs == [
        "Ban Thường vụ Huyện ủy",
        "Ủy ban MTTQ huyện",
        "Hội Nông dân huyện",
        "Huyện đoàn",
    ]


def test_a_commune_year_end_review_held_in_january_falls_in_the_next_year():
    record = extract(COMMUNE)
    assert record.event_type == "tong_ket"
    assert record.period == "2022"
    assert record.event_date == "2023-01-10"
    assert "event_date_year_from_period" in record.flags


def test_a_commune_organizer_its_level_and_its_province_through_the_district():
    record = extract(COMMUNE)
    assert record.organizer == "Đảng ủy xã Tân Lập"
    assert record.level == "xa"
    assert record.province == "Bắc Giang"
    assert {"level": "district", "name": "Lục Ngạn", "province": "Bắc Giang"} in record.places


def test_figures_keep_their_values_and_units():
    figures = {(f["value"], f["unit"]) for f in extract(COMMUNE).figures}
    assert {(123, "mô hình"), (21, "thôn"), (1250, "lượt người"), (2.5, "tỷ đồng"), (92.5, "%")} <= figures
    national = {(f["value"], f["unit"]) for f in extract(NATIONAL).figures}
    assert {(3280, "điểm cầu"), (74828, "đại biểu")} <= national


def test_document_numbers_dates_and_terms_are_not_figures():
    text = (
        "Ban Dân vận Tỉnh ủy tổ chức giao ban quý II/2023 ngày 5/7. Thực hiện Nghị quyết số 110 ngày 11/7/2016, "
        "bầu cử đại biểu Quốc hội khóa 15, lần thứ 3 trong năm 2023, có 45 cuộc đối thoại với nhân dân của tỉnh."
    )
    assert [(f["value"], f["unit"]) for f in extract(text).figures] == [(45, "cuộc")]


def test_named_models_are_found_and_generic_mentions_are_not():
    assert extract(COMMUNE).models == ["Tổ tự quản đường hoa"]


def test_attending_organisations_are_split_and_stripped_of_people():
    assert extract(COMMUNE).attendees_orgs == [
        "Ban Dân vận Huyện ủy Lục Ngạn",
        "Ủy ban MTTQ xã",
        "Hội Nông dân xã",
        "Hội Liên hiệp Phụ nữ xã",
    ]


def test_co_chairs_each_get_their_title():
    assert extract(NATIONAL).chair == [
        {"name": "Trương Thị Mai", "title": "Ủy viên Bộ Chính trị, Thường trực Ban Bí thư"},
        {"name": "Trần Lưu Quang", "title": "Phó Thủ tướng Chính phủ"},
    ]


def test_a_date_line_with_weekday_and_time_anchors_the_year():
    record = extract(NATIONAL)
    assert record.event_date == "2023-12-05"
    # Joint organisers are kept as written (the evaluation set's annotation rule, README).
    assert record.organizer == "Ban Dân vận Trung ương phối hợp với Ban cán sự đảng Chính phủ"
    assert record.province == "Trung ương" and record.level == "trung_uong"


def test_the_tasks_after_a_request_are_split_at_semicolons():
    assert extract(NATIONAL).tasks == [
        "Các cấp ủy, chính quyền tiếp tục nâng cao nhận thức về công tác dân vận",
        "Đẩy mạnh cải cách hành chính",
        "Thực hiện tốt dân chủ ở cơ sở",
    ]


@pytest.mark.parametrize(
    ("phrase", "period"),
    [
        ("sơ kết công tác dân vận 6 tháng đầu năm 2021", "2021-H1"),
        ("sơ kết công tác dân vận 9 tháng năm 2021", "2021-9M"),
        ("giao ban công tác dân vận quý III/2020", "2020-Q3"),
        ("giao ban công tác dân vận quý 4 năm 2019", "2019-Q4"),
        ("tổng kết công tác dân vận năm 2022", "2022"),
        ("tổng kết công tác dân vận nhiệm kỳ 2016 – 2021", "2016-2021"),
    ],
)
def test_periods_are_normalised(phrase, period):
    assert extract(f"Ban Dân vận Huyện ủy Yên Thế tổ chức hội nghị {phrase} của huyện.").period == period


def test_the_next_period_named_for_tasks_is_not_the_reviewed_one():
    text = "Ban Dân vận Tỉnh ủy tổ chức giao ban, triển khai nhiệm vụ trọng tâm quý II/2021 và đánh giá quý I/2021."
    assert extract(text).period == "2021-Q1"


def test_a_date_without_a_year_or_any_context_is_left_empty_and_flagged():
    record = extract("Sáng ngày 18-4, Ban Dân vận Huyện ủy tổ chức hội nghị giao ban công tác dân vận của huyện.")
    assert record.event_date is None
    assert "event_date_unresolved" in record.flags


def test_the_source_date_resolves_the_year_when_there_is_no_date_line():
    record = extract(
        "Sáng ngày 18-4, Ban Dân vận Huyện ủy tổ chức hội nghị giao ban công tác dân vận của huyện.",
        source_date=dt.date(2024, 4, 19),
    )
    assert record.event_date == "2024-04-18"


def test_a_document_date_is_not_taken_for_the_meeting_date():
    text = "Thực hiện Nghị quyết số 110 ngày 11/7/2016 của Tỉnh ủy, Ban Dân vận tổ chức hội nghị sơ kết."
    assert extract(text).event_date is None


def test_a_city_party_committee_of_a_province_capital_is_district_level_but_not_of_a_central_city():
    assert extract("Thành ủy Bắc Kạn tổ chức hội nghị sơ kết công tác dân vận 6 tháng.").level == "huyen"
    assert extract("Thành ủy Hải Phòng tổ chức hội nghị sơ kết công tác dân vận 6 tháng.").level == "tinh"


def test_a_person_named_after_a_province_does_not_make_the_province():
    text = (
        "BAN DÂN VẬN TỈNH UỶ HỌP GIAO BAN\nSáng ngày 18-4, tại huyện Châu Phú, Ban Dân vận Tỉnh ủy tổ chức giao ban. "
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."
    )
    assert extract(text).province == "An Giang"


def test_text_is_normalised_to_nfc_with_plain_quotes():
    assert normalise("Ho\u0302\u0323i “nghị”") == 'Hội "nghị"'


def test_a_section_label_is_not_the_title_but_a_short_title_with_a_meeting_word_is():
    text = "Tin tức\nGiao ban dân vận\nNgày 19/3/2021, Ban Dân vận Huyện ủy Yên Thế tổ chức hội nghị của huyện."
    record = extract(text)
    assert record.title == "Giao ban dân vận"
    assert record.event_type == "giao_ban"
    assert record.event_date == "2021-03-19"
