"""Ways of writing a meeting's holder, date and province that ingest13q's development articles showed the reader had
not seen — a span of days ("Từ ngày 03/10 đến ngày 12/10/2021, …"), days listed with a comma after an opening clause
with no comma before the holder, a body that directs others to hold the meeting, a count of the sessions held, a date
among the period's results, a numbered city district — each with a short made-up sentence of that kind (not an
article's text)."""

import pytest

from danvan.ingest.extract import extract


@pytest.mark.parametrize(
    ("text", "event_date"),
    [
        # A span of days: its first day, with the year written after the last one.
        (
            "Hội Phụ nữ xã An Bình ra quân làm sạch kênh mương\nĐể chào mừng ngày Phụ nữ Việt Nam. Từ ngày 03/10 đến "
            "ngày 12/10/2021, Hội LHPN xã An Bình đã tổ chức ra quân vệ sinh kênh mương trên địa bàn xã.",
            "2021-10-03",
        ),
        # (Across the new year, the first day is in the year before.)
        (
            "Đoàn xã Tân Hòa ra quân đón Tết\nTừ ngày 28/12 đến ngày 05/01/2020, Đoàn Thanh niên xã Tân Hòa tổ chức ra "
            "quân dọn vệ sinh đường làng, đón Tết Nguyên đán.",
            "2019-12-28",
        ),
        # Two days listed with a comma ("24,25 tháng 7", "5, 6/8/2020") after an opening clause: the first day.
        (
            "Ra quân chiến dịch hè\nThực hiện kế hoạch của Huyện đoàn, trong hai ngày 24,25 tháng 7 năm 2022 Đoàn Thanh "
            "niên các xã trên địa bàn huyện tổ chức ra quân chiến dịch tình nguyện hè.",
            "2022-07-24",
        ),
        (
            "Hội Nông dân huyện Kim Sơn ra quân làm đường\nNgày 5, 6/8/2020, Hội Nông dân huyện Kim Sơn tổ chức ra quân "
            "làm đường giao thông nội đồng tại 3 xã ven biển.",
            "2020-08-05",
        ),
        # A date among the period's results, before a lower-case word, is not the meeting's: the text names none.
        (
            "Hội Nông dân huyện Tân Hòa sơ kết 6 tháng đầu năm 2023\nTrong 6 tháng qua, các cấp hội đã tuyên truyền "
            "cho hội viên về phòng chống dịch bệnh trên cây trồng; hưởng ứng Tháng hành động từ ngày 10 - 20/4/2023 "
            "được đông đảo hội viên tham gia.",
            None,
        ),
    ],
)
def test_the_meeting_date_is_read_from_these_ways_of_writing_it(text, event_date):
    assert extract(text).event_date == event_date


@pytest.mark.parametrize(
    ("text", "organizer"),
    [
        # A date phrase with no comma before the holder, after an opening clause's comma, is not part of the name.
        (
            "Ra quân chiến dịch hè\nThực hiện kế hoạch của Huyện đoàn, trong hai ngày 24,25 tháng 7 năm 2022 Đoàn Thanh "
            "niên các xã trên địa bàn huyện tổ chức ra quân chiến dịch tình nguyện hè.",
            "Đoàn Thanh niên các xã trên địa bàn huyện",
        ),
        (
            "Hội Cựu chiến binh ra quân\nTheo chỉ đạo của Hội Cựu chiến binh huyện, ngày 14 tháng 5 năm 2021 Hội Cựu "
            "chiến binh các xã trên địa bàn huyện đồng loạt tổ chức ra quân trồng cây.",
            "Hội Cựu chiến binh các xã trên địa bàn huyện",
        ),
        # A body that directs others to hold the meeting: the bodies it directs hold it, however many sessions.
        (
            "Hội Cựu chiến binh xã Phú Lâm ra quân vệ sinh môi trường\nTừ ngày 05/9 đến ngày 15/9/2023, Hội Cựu chiến "
            "binh xã Phú Lâm đã chỉ đạo các Chi hội tổ chức 06 buổi ra quân dọn vệ sinh đường làng.",
            "các Chi hội",
        ),
        (
            "Hội nghị đối thoại với đoàn viên\nSáng 10/4, Ban Thường vụ Huyện đoàn Kim Bôi đã hướng dẫn Đoàn xã Tân Lợi "
            "tổ chức hội nghị đối thoại giữa Bí thư Đảng ủy xã với đoàn viên thanh niên.",
            "Đoàn xã Tân Lợi",
        ),
    ],
)
def test_the_holder_is_read_from_these_ways_of_writing_it(text, organizer):
    assert extract(text).organizer == organizer


def test_a_count_of_activities_in_the_results_is_still_not_the_meeting_held():
    text = (
        "Sơ kết công tác Hội năm 2022\nChiều 20/12, Hội Nông dân huyện Tân Hòa tổ chức hội nghị tổng kết công tác Hội "
        "năm 2022. Trong năm, Ủy ban MTTQ các xã đã tổ chức 2.370 cuộc tuyên truyền về pháp luật cho nhân dân."
    )
    assert extract(text).organizer == "Hội Nông dân huyện Tân Hòa"


def test_a_numbered_city_district_places_the_meeting_in_ho_chi_minh_city():
    text = (
        "Hội Khuyến học phường tổng kết năm học\nSáng 5/6/2023, Hội Khuyến học Phường 7 tổ chức tổng kết năm học "
        "2022-2023. Đến dự có ông Trần Văn Minh – Chủ tịch Hội Khuyến học Quận 8."
    )
    assert extract(text).province == "Hồ Chí Minh"


def test_an_army_region_numbered_alike_is_not_a_city_district():
    text = (
        "Giao ban công tác dân vận\nSáng 5/6/2023, Bộ Tư lệnh Quân khu 5 tổ chức giao ban công tác dân vận quý II năm "
        "2023 với các đơn vị trực thuộc."
    )
    assert extract(text).province != "Hồ Chí Minh"
