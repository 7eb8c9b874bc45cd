"""Holders written as several local units or after a reporting clause, and chairs' titles written with abbreviations
(ingest13o). Made-up sentences in the manner of the new development articles; none is an article's text."""

from danvan.ingest.extract import extract


def _record(text: str) -> dict:
    return extract(text).as_jsonl()


def test_a_count_of_hamlets_after_an_adverb_is_the_holder_as_written():
    record = _record(
        "Ngày hội ở các thôn\nNhân kỷ niệm 94 năm Ngày truyền thống MTTQ Việt Nam. Chiều ngày 16/11/2024, đồng loạt 12/12 "
        "thôn trên địa bàn xã Tân Lập đã tổ chức Ngày hội Đại đoàn kết toàn dân tộc với nhiều hoạt động sôi nổi."
    )
    assert record["organizer"] == "12/12 thôn trên địa bàn xã Tân Lập"
    assert record["level"] == "xa"


def test_a_count_of_residential_areas_of_a_ward_is_the_holder():
    record = _record(
        "Ngày hội ở khu dân cư\nSáng ngày 15/11/2024, 7/7 khu dân cư của phường An Hòa đã tổ chức Ngày hội Đại đoàn kết "
        "toàn dân tộc năm 2024, ôn lại truyền thống của Mặt trận."
    )
    assert record["organizer"] == "7/7 khu dân cư của phường An Hòa"
    assert record["level"] == "xa"


def test_the_body_that_reports_is_not_the_holder_of_the_communes_reviews():
    record = _record(
        "Hội Nông dân huyện tổng kết năm 2023\nHội Nông dân huyện vừa cho biết, đến nay các xã, thị trấn trên địa bàn đã "
        "tổ chức xong hội nghị tổng kết công tác Hội năm 2023 và triển khai nhiệm vụ năm 2024."
    )
    assert record["organizer"] == "các xã, thị trấn trên địa bàn"
    assert record["level"] == "xa"


def test_a_source_named_with_theo_is_not_the_holder_and_hamlets_are_commune_level():
    record = _record(
        "Sơ kết 6 tháng ở cơ sở\nTheo Ban Dân vận Huyện ủy, các thôn, bản trên địa bàn huyện đã lần lượt tổ chức hội nghị "
        "sơ kết 6 tháng đầu năm 2024 về công tác dân vận ở cơ sở."
    )
    assert record["organizer"] == "các thôn, bản trên địa bàn huyện"
    assert record["level"] == "xa"


def test_a_commune_after_a_reporting_clause_is_the_holder():
    record = _record(
        "Đối thoại với Nhân dân\nỦy ban nhân dân huyện cho biết, xã Tân An đã tổ chức hội nghị đối thoại giữa người đứng "
        "đầu cấp ủy, chính quyền với Nhân dân năm 2024 tại hội trường xã."
    )
    assert record["organizer"] == "xã Tân An"


def test_a_count_of_units_led_by_a_body_is_still_not_a_name():
    record = _record(
        "Hội LHPN huyện tổng kết\nNăm 2022, Hội LH Phụ nữ huyện tập trung lãnh đạo 13/13 Hội Liên hiệp phụ nữ cấp cơ sở "
        "tổ chức xong đại hội nhiệm kỳ 2021-2026 đúng kế hoạch."
    )
    assert not record["organizer"].startswith("13/13")


def test_a_committee_member_title_names_no_holder_and_each_listed_chair_is_read():
    record = _record(
        "Tổ chức hội nghị nhân dân\nĐến dự và chủ trì hội nghị có Ông Nguyễn Văn Bình Huyện ủy viên - Bí thư Đảng ủy xã; "
        "Bà Lê Thị Mai – PBT. Đảng ủy - Chủ tịch Ủy ban nhân dân xã; Bà Trần Thị Lan - Chủ tịch Ủy ban Mặt trận Tổ quốc "
        "Việt Nam xã. Có 60 người tham dự."
    )
    assert record["organizer"] == ""
    assert record["chair"] == [
        {"name": "Nguyễn Văn Bình", "title": "Huyện ủy viên - Bí thư Đảng ủy xã"},
        {"name": "Lê Thị Mai", "title": "PBT. Đảng ủy - Chủ tịch Ủy ban nhân dân xã"},
        {"name": "Trần Thị Lan", "title": "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã"},
    ]


def test_an_abbreviation_with_a_dot_inside_does_not_end_the_chairs_title():
    record = _record(
        "Phường Tân Định triển khai kế hoạch tháng 9\nTới dự và chủ trì hội nghị có đồng chí Lê Văn Tâm - Chủ tịch "
        "UB.MTTQVN phường; Trần Thị Hoa – Phó Chủ tịch UBND phường. Dự có đại diện các ban, ngành."
    )
    assert record["organizer"] == "Phường Tân Định"
    assert record["chair"] == [
        {"name": "Lê Văn Tâm", "title": "Chủ tịch UB.MTTQVN phường"},
        {"name": "Trần Thị Hoa", "title": "Phó Chủ tịch UBND phường"},
    ]


def test_a_given_name_thanh_before_a_capitalised_post_stays_in_the_name():
    record = _record(
        "Hội nghị giao ban quý III\nSáng 5/10, Ban Dân vận Huyện ủy tổ chức hội nghị giao ban công tác dân vận quý III năm "
        "2024. Đồng chí Lê Văn Thành Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Huyện ủy chủ trì hội nghị."
    )
    assert record["chair"][0]["name"] == "Lê Văn Thành"


def test_a_full_stop_still_ends_a_chairs_title():
    record = _record(
        "Giao ban khối dân vận xã\nSáng 3/4, Khối dân vận xã Tân Hòa tổ chức hội nghị giao ban quý I năm 2024. Chủ trì hội "
        "nghị có đồng chí Trần Văn An - Bí thư Đảng ủy xã. Dự hội nghị có các đoàn thể xã."
    )
    assert record["chair"] == [{"name": "Trần Văn An", "title": "Bí thư Đảng ủy xã"}]


def test_a_body_named_in_the_resolution_studied_is_not_the_holder():
    record = _record(
        "Học tập nghị quyết\nSáng ngày 12/3/2019, tại Hội trường Ủy ban nhân dân phường diễn ra Hội nghị học tập, quán "
        "triệt Nghị quyết Trung ương 8 khóa XII với sự tham gia của 150 đảng viên."
    )
    assert record["organizer"] == ""


def test_the_years_report_read_out_at_a_festival_is_the_period_reviewed():
    record = _record(
        "Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư thôn Làng Mới\nCác đại biểu dự ngày hội\nTrưởng Ban công tác "
        "Mặt trận thôn trình bày báo cáo năm 2024\nĐồng chí Lê Thị Hoa, Phó Chủ tịch UBND xã phát biểu tại Ngày hội"
    )
    assert record["event_type"] == "other"
    assert record["period"] == "2024"
    assert record["organizer"] == ""


def test_an_honouring_among_the_plans_passed_at_a_launch_is_not_a_period_reviewed():
    record = _record(
        "Xã Hòa An triển khai kế hoạch tháng 10\nTới dự và chủ trì hội nghị có đồng chí Lê Văn Tâm - Chủ tịch UB.MTTQVN "
        "xã. Tại đây, các đại biểu đã được thông qua 04 kế hoạch: Tổ chức Ngày hội Đại đoàn kết; Biểu dương gia đình "
        "văn hóa tiêu biểu giai đoạn 2021-2025; Triển khai vận động quỹ Vì người nghèo."
    )
    assert record["event_type"] == "trien_khai"
    assert record["period"] is None


def test_a_launched_plan_still_names_its_year_in_the_lead():
    record = _record(
        "Triển khai kế hoạch năm 2024\nSáng 10/1, Ban Dân vận Huyện ủy tổ chức hội nghị triển khai Kế hoạch công tác "
        "dân vận năm 2024 cho cán bộ làm công tác dân vận các xã, thị trấn trong huyện."
    )
    assert record["period"] == "2024"
