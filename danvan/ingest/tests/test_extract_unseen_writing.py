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


def test_a_congress_opens_a_term_and_reviews_the_term_before_it():
    text = (
        "Đại hội Mặt trận xã Tân Lập\nNgày 14/3/2019, UBMTTQ xã Tân Lập tổ chức Đại hội đại biểu nhiệm kỳ 2019-2024.\n"
        "Trong nhiệm kỳ 2014-2019, công tác Mặt trận trên địa bàn xã không ngừng được củng cố."
    )
    assert extract(text).period == "2014-2019"
    alone = (
        "Đại hội Hội Nông dân\nNgày 12.12, Đại hội đại biểu Hội Nông dân tỉnh lần thứ I, nhiệm kỳ 2025 - 2030 diễn ra."
    )
    record = extract(alone)
    # The new term is no period, and its years do not date the meeting.
    assert record.period is None and record.event_date is None


def test_a_section_name_after_the_date_line_does_not_hide_it():
    text = (
        "Nắm bắt dư luận xã hội\nThứ ba, 15/05/2018 12:39:49 | Tiếng nói cơ sở\n"
        "Sáng 15/5, Ủy ban MTTQ tỉnh tổ chức hội nghị bàn việc nắm bắt dư luận xã hội."
    )
    assert extract(text).event_date == "2018-05-15"


def test_the_leads_review_beats_a_title_that_launches():
    text = (
        "Hội nghị trực tuyến triển khai công tác dân vận năm 2017\n"
        "Sáng 5/1/2017, Ban Dân vận Trung ương tổ chức Hội nghị trực tuyến toàn quốc tổng kết công tác dân vận "
        "năm 2016, triển khai nhiệm vụ năm 2017."
    )
    record = extract(text)
    assert (record.event_type, record.period) == ("tong_ket", "2016")


def test_a_clause_with_its_own_verb_is_not_the_organiser_and_a_town_is_not_a_commune():
    text = (
        "Giao ban công tác dân vận quý III năm 2019\n"
        "Đồng chí Nguyễn Phương Hải, Trưởng Ban Dân vận Thị ủy báo cáo kết quả công tác dân vận quý III.\n"
        "Quý III/2019, Ban Dân vận đã bám sát nhiệm vụ chính trị của thị xã, triển khai hiệu quả chương trình công tác."
    )
    record = extract(text)
    assert record.organizer == "" and record.level == "huyen"


def test_a_district_of_a_city_named_by_its_number_is_a_district():
    text = (
        "Tuyên dương điển hình Dân vận khéo\n"
        "Phong trào thi đua đã góp phần xây dựng Đảng bộ, chính quyền quận 3 trong sạch, văn minh, hiện đại, nghĩa tình."
    )
    assert extract(text).level == "huyen"


def test_tphcm_is_ho_chi_minh_city():
    text = (
        "Tuyên dương điển hình dân vận khéo\n"
        "Sáng 23/10/2025, Đảng ủy UBND TPHCM tổ chức chương trình tuyên dương điển hình dân vận khéo năm 2025."
    )
    record = extract(text)
    assert (record.province, record.level) == ("Hồ Chí Minh", "tinh")
