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
