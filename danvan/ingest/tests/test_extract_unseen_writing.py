"""Kinds of writing met in the grown evaluation set (issue 13, decision 0044), each in a made-up sentence."""

from danvan.ingest.extract import extract


def test_a_date_line_written_with_dots_gives_the_year_and_a_weekday_in_digits_is_noise():
    text = (
        "Phối hợp vận động quần chúng\nThứ 6, 10.01.2020 | 15:59:35\n"
        "Sáng 10/1, Ban Dân vận Tỉnh ủy tổ chức hội nghị bàn công tác phối hợp."
    )
    assert extract(text).event_date == "2020-01-10"


def test_the_leads_review_names_the_period_when_the_title_names_another_year():
    text = (
        "Đổi mới công tác vận động quần chúng năm 2020\n"
        "Sáng 10/1/2020, Ban Dân vận Tỉnh ủy tổ chức hội nghị sơ kết chương trình phối hợp năm 2019, "
        "triển khai kế hoạch hoạt động năm 2020."
    )
    assert extract(text).period == "2019"


def test_a_title_that_reviews_still_names_the_period():
    text = (
        "Tổng kết công tác dân vận năm 2024\n"
        "Ngày 18/12/2024, Khối dân vận xã Tân Lập tổ chức hội nghị tổng kết công tác, triển khai nhiệm vụ năm 2025."
    )
    assert extract(text).period == "2024"


def test_joint_organisers_who_give_prizes_together():
    text = (
        "Trao giải cuộc thi báo chí\n"
        "Vừa qua, tại Hà Nội, Ban Dân vận Trung ương và Hội Nhà báo Việt Nam phối hợp trao giải cuộc thi báo chí "
        "năm 2019."
    )
    assert extract(text).organizer == "Ban Dân vận Trung ương và Hội Nhà báo Việt Nam"


def test_the_organising_committee_giving_prizes_is_not_the_organiser():
    text = (
        "Hội thi Dân vận khéo xã Tân Lập\n"
        "Các đội tham gia 3 phần thi. Kết thúc hội thi, Ban tổ chức đã trao giải cho các đội đạt thành tích xuất sắc."
    )
    assert extract(text).organizer != "Ban tổ chức"
