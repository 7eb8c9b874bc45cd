"""Kinds of writing met in real articles (issue 13), each with a short made-up sentence of that kind."""

import pytest

from danvan.ingest.extract import extract


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # A site abbreviation glued to the lead, and a news agency's tag.
        (
            "Biểu dương điển hình\nLSO-Sáng ngày 31/5/2010, Ban Dân vận Tỉnh uỷ tổ chức hội nghị biểu dương.",
            "2010-05-31",
        ),
        ("Giao ban quý I\n(TTXVN) – Chiều 5/4/2019, Ban Dân vận Tỉnh ủy tổ chức giao ban quý I/2019.", "2019-04-05"),
        # In the middle of a sentence, after a comma.
        (
            "Biểu dương\n- Để phát huy phong trào, sáng 18-3-2011, Tỉnh ủy Hà Tĩnh tổ chức Hội nghị biểu dương.",
            "2011-03-18",
        ),
        # A range of two days keeps the first; the year is written.
        (
            'Hội thi Dân vận khéo\nTrong 2 ngày 8-9/11/2018 Hội thi "Dân vận khéo" tỉnh Điện Biên được tổ chức.',
            "2018-11-08",
        ),
        # "chiều qua (23/7)": the year from the period reviewed in the same sentence.
        (
            "Đối thoại\nTại Hội nghị sơ kết 6 tháng đầu năm 2018 của Hội đồng công tác quần chúng TƯ diễn ra chiều qua "
            "(23/7), bà Trương Thị Mai phát biểu.",
            "2018-07-23",
        ),
        # A time before the date.
        (
            "Giao ban\nVào lúc 14 giờ 00 ngày 10 tháng 02 năm 2023, Ban Thường trực Ủy ban MTTQ phường tổ chức.",
            "2023-02-10",
        ),
        # No date line, no period (a contest): the year the title names.
        (
            'Hội thi Dân vận khéo năm 2024\nSáng 3/8, TX Hồng Lĩnh tổ chức Hội thi "Dân vận khéo" lần thứ nhất.',
            "2024-08-03",
        ),
    ],
)
def test_dates_behind_tags_in_mid_sentence_and_in_ranges(text, date):
    assert extract(text).event_date == date


def test_a_document_date_after_a_comma_is_still_not_the_meeting():
    text = "Hội thi\nThực hiện Kế hoạch số 08, ngày 16/3/2023 của Ban Dân vận Huyện ủy, trong các ngày từ 23-24/9, Đảng uỷ xã Đông Hoà tổ chức Hội thi năm 2023."
    assert extract(text).event_date == "2023-09-23"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Phước An tổng kết, trao giải Hội thi Dân vận khéo năm 2023", "hoi_thi"),
        ("Ra quân làm công tác dân vận tại phường Lâm Viên", "trien_khai"),
        ("Hội Nông dân tỉnh quán triệt Nghị quyết của Trung ương Hội", "trien_khai"),
        # A folded "tuyến đường" is not "tuyên dương".
        ("Thanh niên dọn vệ sinh các tuyến đường trong xã", "other"),
        ("TP. Hồ Chí Minh tuyên dương các điển hình dân vận khéo", "bieu_duong"),
    ],
)
def test_event_types_from_the_meetings_own_words(title, kind):
    assert (
        extract(title + "\nNội dung bài viết về hoạt động của địa phương trong thời gian qua được ghi nhận.").event_type
        == kind
    )


@pytest.mark.parametrize(
    ("text", "period"),
    [
        (
            "Khối Mặt trận sơ kết công tác 6 tháng năm 2025\nSáng 30-5, Khối thi đua Mặt trận tổ chức hội nghị.",
            "2025-H1",
        ),
        (
            "Biểu dương điển hình\nSáng ngày 31/5/2010, Ban Dân vận Tỉnh uỷ tổ chức hội nghị biểu dương điển hình tiên tiến "
            'và phong trào thi đua "Dân vận khéo" giai đoạn 2006- 2010.',
            "2006-2010",
        ),
        ("Biểu dương\nTỉnh ủy tổ chức Hội nghị biểu dương điển hình sau 3 năm phát động, từ 2008-2011.", "2008-2011"),
        # Contests and launches review no period.
        ("Hội thi Dân vận khéo năm 2024\nSáng 3/8, TX Hồng Lĩnh tổ chức Hội thi lần thứ nhất.", None),
        ("Ra quân làm công tác dân vận năm 2022\nBan CHQS thành phố tổ chức hành quân dã ngoại.", None),
        # A target year is not a period.
        ("Hội nghị chuyên đề\nBan Dân vận bàn định hướng công tác dân vận đến năm 2030 của tỉnh.", None),
    ],
)
def test_periods_of_halves_stages_and_none_for_contests(text, period):
    assert extract(text).period == period


@pytest.mark.parametrize(
    ("lead", "organizer", "level"),
    [
        (
            "Sáng 30-5, Khối thi đua Mặt trận 13 xã, thị trấn của huyện Vạn Ninh tổ chức hội nghị sơ kết công tác.",
            "Khối thi đua Mặt trận 13 xã, thị trấn của huyện Vạn Ninh",
            "xa",
        ),
        ('Sáng 3/8, TX Hồng Lĩnh tổ chức Hội thi "Dân vận khéo" lần thứ nhất năm 2024.', "TX Hồng Lĩnh", "huyen"),
        (
            "Sáng 7-7, Ban Dân vận Đà Nẵng tổ chức Hội nghị Sơ kết công tác dân vận 6 tháng đầu năm.",
            "Ban Dân vận Đà Nẵng",
            "tinh",
        ),
        (
            "Chiều ngày 10/9, Ban Dân vận Tỉnh ủy phối hợp với Hội Nhà báo tỉnh tổ chức Hội nghị tổng kết cuộc thi.",
            "Ban Dân vận Tỉnh ủy phối hợp với Hội Nhà báo tỉnh",
            "tinh",
        ),
        (
            "Ngày 19-6, tại TP. Long Xuyên, Ủy ban Trung ương MTTQVN tổ chức hội nghị giao ban công tác mặt trận.",
            "Ủy ban Trung ương MTTQVN",
            "trung_uong",
        ),
        (
            "Tại Hội nghị sơ kết 6 tháng đầu năm 2018 của Hội đồng công tác quần chúng TƯ diễn ra chiều qua, các đại biểu thảo luận.",
            "Hội đồng công tác quần chúng TƯ",
            "trung_uong",
        ),
        (
            "Trong các ngày từ 23-24/9, Đảng uỷ các xã Đông Hoà, Đông Khê, Đông Yên, đã tổ chức Hội thi năm 2023.",
            "Đảng uỷ các xã Đông Hoà, Đông Khê, Đông Yên",
            "xa",
        ),
    ],
)
def test_organisers_as_written_and_their_level(lead, organizer, level):
    record = extract("Tin hoạt động của các địa phương\n" + lead)
    assert (record.organizer, record.level) == (organizer, level)


def test_the_mass_organisations_in_a_phrase_are_not_the_organiser():
    lead = "Chiều 26-7, các đồng chí lãnh đạo tỉnh dự Hội nghị về đổi mới hoạt động của MTTQ và các tổ chức chính trị - xã hội."
    assert "các" not in extract("Tin hoạt động của các địa phương\n" + lead).organizer


def test_the_level_from_the_chairs_title_when_no_body_is_named():
    lead = "Ngày 8/4, đồng chí Nguyễn Linh - Phó Bí thư thường trực Huyện ủy đã chủ trì hội nghị giao ban công tác Dân vận quý 1 năm 2019."
    record = extract("Giao ban công tác dân vận quý 1/2019\n" + lead)
    assert record.level == "huyen"
    assert [c["name"] for c in record.chair] == ["Nguyễn Linh"]


def test_a_central_committee_membership_does_not_make_a_provincial_meeting_central():
    lead = (
        "Chiều 26-7, các đồng chí: Chẩu Văn Lâm, Ủy viên BCH Trung ương Đảng, Bí thư Tỉnh ủy; Lê Thị Kim Dung, Phó Bí "
        "thư Thường trực Tỉnh ủy, Chủ tịch Hội đồng nhân dân tỉnh đã chủ trì Hội nghị Sơ kết 2 năm thực hiện Đề án số 02."
    )
    record = extract("Tiếp tục đổi mới\n" + lead)
    assert [c["name"] for c in record.chair] == ["Chẩu Văn Lâm", "Lê Thị Kim Dung"]
    assert record.level == "tinh"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Chủ trì cuộc họp là ông Nguyễn Thanh Dũng – PBT Đảng ủy, Chủ tịch MTTQVN xã.", "Nguyễn Thanh Dũng"),
        (
            "Tham dự có Ban Công tác Mặt trận, chủ trì hội nghị: Bà Lê Thị Thùy Dung – Chủ tịch Ủy ban MTTQ phường.",
            "Lê Thị Thùy Dung",
        ),
        ("Bà Trương Thị Mai, Trưởng Ban Dân vận Trung ương, phát biểu kết luận hội nghị.", "Trương Thị Mai"),
    ],
)
def test_chairs_after_chu_tri_la_and_before_ket_luan(sentence, name):
    text = (
        "Hội nghị sơ kết công tác dân vận\nHội đồng tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2020.\n" + sentence
    )
    assert [c["name"] for c in extract(text).chair] == [name]


def test_several_chairs_named_in_one_list_share_the_title_after_the_last():
    text = (
        "Sơ kết công tác dân vận 6 tháng đầu năm 2021\nSáng 13/7, Ban Dân vận Trung ương tổ chức Hội nghị trực tuyến "
        "toàn quốc sơ kết công tác dân vận 6 tháng đầu năm 2021. Hội nghị do đồng chí Bùi Thị Minh Hoài - Bí thư Trung "
        "ương Đảng, Trưởng Ban Dân vận Trung ương; các đồng chí Nguyễn Hồng Lĩnh, Phạm Tất Thắng - Phó Trưởng Ban Dân "
        "vận Trung ương chủ trì."
    )
    chairs = extract(text).chair
    assert [c["name"] for c in chairs] == ["Bùi Thị Minh Hoài", "Nguyễn Hồng Lĩnh", "Phạm Tất Thắng"]
    assert chairs[2]["title"] == "Phó Trưởng Ban Dân vận Trung ương"


def test_a_chairs_title_is_not_the_organiser():
    text = (
        "Tiếp tục đổi mới hoạt động của Mặt trận\nChiều 26-7, đồng chí Lê Thị Kim Dung, Phó Bí thư Thường trực Tỉnh ủy, "
        "Chủ tịch Hội đồng nhân dân tỉnh đã chủ trì Hội nghị về đổi mới hoạt động của Mặt trận Tổ quốc."
    )
    assert extract(text).organizer != "Hội đồng nhân dân tỉnh"


# ingest13h: real sentences from the development articles added in this round (e225–e231), one per way of naming
# the holder that the reader missed.


def test_the_holder_written_after_the_venues_place_names_with_no_comma():
    record = extract(
        "Hội nghị đối thoại trực tiếp giữa người đứng đầu cấp uỷ, chính quyền xã với Nhân dân năm 2024\n"
        "Sáng ngày 13 tháng 6 năm 2024 Tại thôn Làng Thượng, xã Vạn Linh cấp ủy, chính quyền xã Vạn Linh tổ chức buổi "
        "đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền xã với nhân dân trong xã nhằm trao đổi những nội "
        "dung về tình hình phát triển kinh tế - xã hội."
    )
    assert record.organizer == "cấp ủy, chính quyền xã Vạn Linh"
    assert record.level == "xa"


def test_a_venue_before_a_holder_with_a_comma_is_still_left_out():
    record = extract(
        "Ký kết kế hoạch phối hợp\n"
        "Sáng 23.5, tại Hội trường UBND xã Trường Đông, Ban thường trực Ủy ban MTTQ Việt Nam xã tổ chức ký kết kế "
        "hoạch phối hợp thực hiện cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”."
    )
    assert record.organizer == "Ban thường trực Ủy ban MTTQ Việt Nam xã"


def test_a_central_mass_organisation_is_named_with_its_own_name_not_trung_uong_alone():
    record = extract(
        "Khai mạc Hội nghị Ban Chấp hành Hội Nông dân Việt Nam lần thứ 5\n"
        "Sáng 16/7, tại Hà Nội, TƯ Hội Nông dân Việt Nam khai mạc Hội nghị lần thứ 5 (Khóa VII) để thông qua một số "
        "nhiệm vụ quan trọng năm 2020 của Hội."
    )
    assert record.organizer == "TƯ Hội Nông dân Việt Nam"
    assert record.level == "trung_uong"
    assert record.province == "Trung ương"


def test_the_holder_of_a_long_first_sentence_past_its_first_400_characters():
    record = extract(
        "Tối nay 2/12, tôn vinh và trao danh hiệu Nông dân Việt Nam xuất sắc 2021\n"
        "Trong không khí cả nước đang chung tay thực hiện mục tiêu kép - vừa chủ động phòng, chống dịch Covid-19 vừa "
        "tích cực thúc đẩy phát triển kinh tế, đảm bảo an sinh xã hội, quốc phòng an ninh; cán bộ, hội viên, nông dân, "
        "các cấp Hội ND cả nước đang ra sức thi đua tham gia thực hiện các mục tiêu Nghị quyết Đại hội Đảng toàn quốc "
        "lấn thứ XIII, tại thủ đô Hà Nội, Ban Chấp hành Trung ương Hội NDVN tổ chức lễ tôn vinh và trao danh hiệu "
        '"Nông dân Việt Nam xuất sắc 2021".'
    )
    assert record.organizer == "Ban Chấp hành Trung ương Hội NDVN"
    assert record.level == "trung_uong"


def test_joint_holders_listed_with_commas_after_phoi_hop_voi_are_all_kept():
    record = extract(
        "Liên đoàn Lao động huyện Phong Điền tổ chức 8-3\n"
        "Sáng ngày 4 tháng 3 năm 2015, tại hội trường Huyện ủy Phong Điền, Liên đoàn Lao động huyện Phong Điền đã phối "
        "hợp với Ban vì sự tiến bộ của Phụ nữ huyện, Hội Liên hiệp Phụ nữ huyện, Công đoàn Giáo dục và Đào tạo huyện tổ "
        "chức Họp mặt kỷ niệm 105 năm ngày Quốc tế Phụ Nữ 8/3, đồng thời tổng kết Công tác Nữ công năm 2014."
    )
    assert record.organizer == (
        "Liên đoàn Lao động huyện Phong Điền phối hợp với Ban vì sự tiến bộ của Phụ nữ huyện, Hội Liên hiệp Phụ nữ "
        "huyện, Công đoàn Giáo dục và Đào tạo huyện"
    )
    assert record.level == "huyen"


def test_a_residential_area_in_lower_case_after_a_date_and_a_comma():
    record = extract(
        "Ngày hội Đại đoàn kết ở khu phố\n"
        "Nhân kỷ niệm 88 năm Ngày thành lập Mặt trận Dân tộc Thống nhất Việt Nam (18/11/1930 - 18/11/2018) và 5 năm Ngày "
        "Pháp luật Việt Nam 9/11, ngày 12/11, khu dân cư 1A, phường Nông Trang đã tổ chức “Ngày hội Đại đoàn kết toàn "
        "dân tộc”."
    )
    assert record.organizer == "khu dân cư 1A, phường Nông Trang"


def test_a_passive_mention_of_this_years_work_past_400_characters_is_not_a_holder():
    record = extract(
        "Tuyên dương điển hình Dân vận khéo năm 2020\n"
        + "Phong trào thi đua “Dân vận khéo” đã được hệ thống chính trị từ quận đến cơ sở triển khai nghiêm túc và bài "
        "bản, phát huy được sức mạnh nhân dân trong thực hiện nhiệm vụ chính trị, các cuộc vận động, phong trào, đem lại "
        "hiệu quả thiết thực trên các lĩnh vực, góp phần xây dựng Đảng bộ, chính quyền quận 3 trong sạch, văn minh, hiện "
        "đại, nghĩa tình. Nhiều nét mới phong phú, đa dạng trong hoạt động đã đem lại những kết quả tích cực như “Ngày "
        "hội hiến đất mở rộng hẻm”. Nhiều mô hình tuyên truyền, vận động mới được Quận uỷ triển khai như thành lập "
        "trang Facebook “Dân vận Quận Ba”."
    )
    assert record.organizer != "Quận uỷ"


def test_a_plans_date_with_a_space_inside_its_number_is_not_the_meetings():
    record = extract(
        "Hội nghị đối thoại năm 2024\n"
        "Căn cứ Kế hoạch số 113 -KH/ĐU, ngày 10/01/2024 về tổ chức đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính "
        "quyền xã với Nhân dân năm 2024\n"
        "Sáng ngày 13 tháng 6 năm 2024 Tại thôn Làng Thượng, xã Vạn Linh cấp ủy, chính quyền xã Vạn Linh tổ chức buổi "
        "đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền xã với nhân dân trong xã."
    )
    assert record.event_date == "2024-06-13"


# ingest13i — period and event type from the development part (e225–e228)


def test_a_paragraph_citing_the_basis_does_not_name_the_meeting():
    record = extract(
        "HỘI NGHỊ ĐỐI THOẠI TRỰC TIẾP GIỮA NGƯỜI ĐỨNG ĐẦU CẤP UỶ, CHÍNH QUYỀN XÃ VỚI NHÂN DÂN NĂM 2024\n"
        "Căn cứ Quyết định số 320-QĐ/TU, ngày 13/6/2016 của Ban Thường vụ Tỉnh ủy về việc ban hành Quy chế đối thoại "
        "trực tiếp giữa người đứng đầu cấp ủy, chính quyền các cấp với nhân dân; Kế hoạch số 113 -KH/ĐU, ngày "
        "10/01/2024 về tổ chức đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền xã với Nhân dân năm 2024\n"
        "Sáng ngày 13 tháng 6 năm 2024 Tại thôn Làng Thượng, xã Vạn Linh cấp ủy, chính quyền xã Vạn Linh tổ chức buổi "
        "đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền xã với nhân dân trong xã nhằm trao đổi những nội "
        "dung về tình hình phát triển kinh tế - xã hội; trong 6 tháng đầu năm 2024."
    )
    assert record.event_type == "other"
    assert record.period is None


def test_a_year_ending_a_quoted_honours_name_is_the_period_honoured():
    record = extract(
        "Tối nay 2/12, tôn vinh và trao danh hiệu Nông dân Việt Nam xuất sắc 2021\n"
        'Đây là lần thứ 9 lễ tôn vinh và trao danh hiệu "Nông dân Việt Nam xuất sắc" được Trung ương Hội Nông dân Việt '
        "Nam (NDVN) chủ trì, tổ chức thực hiện.\n"
        'Tại thủ đô Hà Nội, Ban Chấp hành Trung ương Hội NDVN tổ chức lễ tôn vinh và trao danh hiệu "Nông dân Việt Nam '
        'xuất sắc 2021".'
    )
    assert record.event_type == "bieu_duong"
    assert record.period == "2021"


def test_a_stage_ending_a_quoted_name_is_not_read_as_its_last_year():
    record = extract(
        'Tuyên dương điển hình "Dân vận khéo giai đoạn 2016 - 2020"\n'
        'Sáng 5/3/2021, Ban Dân vận Huyện ủy X tổ chức hội nghị tuyên dương điển hình "Dân vận khéo giai đoạn 2016 - '
        '2020".'
    )
    assert record.period == "2016-2020"


def test_a_committee_session_reviews_the_period_after_its_review_word():
    record = extract(
        "Khai mạc Hội nghị Ban Chấp hành Hội Nông dân Việt Nam lần thứ 5\n"
        "Sáng 16/7, tại Hà Nội, TƯ Hội Nông dân Việt Nam khai mạc Hội nghị lần thứ 5 (Khóa VII) để thông qua một số "
        "nhiệm vụ quan trọng năm 2020 của Hội.\n"
        "Hội nghị lần thứ 5 (Khóa VII) này, Ban chấp hành TƯ Hội Nông dân Việt Nam sẽ trình bày báo cáo sơ kết công tác "
        "Hội và phong trào nông dân 6 tháng đầu năm 2020, nhiệm vụ 6 tháng cuối năm."
    )
    assert record.event_type == "other"
    assert record.period == "2020-H1"


def test_a_plan_signed_between_bodies_names_no_period():
    record = extract(
        "MTTQ xã Trường Đông ký kết kế hoạch phối hợp với các tổ chức chính trị - xã hội thực hiện công tác tuyên "
        "truyền, Cuộc vận động Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh\n"
        "Sáng 23.5, tại Hội trường UBND xã Trường Đông, Ban thường trực Ủy ban MTTQ Việt Nam xã tổ chức ký kết kế hoạch "
        "phối hợp thực hiện cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”, thực hiện công tác "
        "tuyên truyền năm 2018 giữa Ban Thường trực Ủy ban MTTQ Việt Nam và các tổ chức chính trị- xã hội xã."
    )
    assert record.event_type == "trien_khai"
    assert record.period is None


# ingest13i — from this round's new development articles (e243–e250) and the regressions their rules guard against


def test_a_title_that_is_only_the_congresss_name_names_no_holder():
    record = extract(
        "Đại hội đại biểu Hội Nông dân huyện Bắc Trà My lần thứ XII, nhiệm kỳ 2023 - 2028\n"
        "Sáng nay 31/5, Đại hội đại biểu Hội Nông dân huyện Bắc Trà My lần thứ XII, nhiệm kỳ 2023 - 2028 diễn ra phiên "
        "chính thức. 129 đại biểu đại diện cho hơn 5.000 hội viên nông dân huyện Bắc Trà My đã về tham dự Đại hội.\n"
        "Sau 5 năm thực hiện Nghị quyết Đại hội Hội Nông dân huyện Bắc Trà My khóa XI, nhiệm kỳ 2018 – 2023, cán bộ, hội "
        "viên nông dân huyện Bắc Trà My đã không ngừng xây dựng, phát triển tổ chức hội vững mạnh."
    )
    assert record.organizer == ""
    assert record.period == "2018-2023"
    assert record.event_date is None


def test_launching_the_years_tasks_with_no_review_beside_it_is_a_launch():
    record = extract(
        "Bình Lục: Triển khai nhiệm vụ trọng tâm trước mắt về thực hiện Quy chế dân chủ ở cơ sở năm 2022\n"
        "Chiều ngày 10/1/2022, Ban chỉ đạo về thực hiện Quy chế dân chủ ở cơ sở huyện Bình Lục vừa triển khai nhiệm vụ "
        "trọng tâm trước mắt về thực hiện Quy chế dân chủ ở cơ sở năm 2022."
    )
    assert record.event_type == "trien_khai"
    assert record.period is None


def test_launching_tasks_after_a_review_in_the_title_is_still_the_review():
    record = extract(
        "Tổng kết công tác dân vận năm 2022, triển khai nhiệm vụ năm 2023\n"
        "Sáng 5/1/2023, Ban Dân vận Huyện ủy tổ chức hội nghị tổng kết công tác dân vận năm 2022."
    )
    assert record.event_type == "tong_ket"


def test_a_span_from_year_to_year_at_a_review_and_a_districts_veterans_association():
    record = extract(
        "Tại hội nghị, đ/c Đặng Trung Thành – CT.Hội CCB quận đã thông qua báo cáo sơ kết 2 năm vận động, tập hợp cựu "
        "quân nhân tham gia CLB.\n"
        "Dịp này, UBND quận đã tặng giấy khen cho 7 tập thể và 4 cá nhân có thành tích xuất sắc trong vận động và tập "
        "hợp cựu quân nhân tham gia sinh hoạt câu laic bộ cựu quân nhân cơ sở từ năm 2008 – 2010."
    )
    assert record.event_type == "so_ket"
    assert record.period == "2008-2010"
    assert record.level == "huyen"


def test_the_year_named_late_in_a_long_holding_sentence_dates_the_meeting():
    record = extract(
        "MTTQ xã Trường Đông ký kết kế hoạch phối hợp với các tổ chức chính trị - xã hội\n"
        "Sáng 23.5, tại Hội trường UBND xã Trường Đông, Ban thường trực Ủy ban MTTQ Việt Nam xã tổ chức ký kết kế hoạch "
        "phối hợp thực hiện cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”, thực hiện công tác "
        "tuyên truyền năm 2018 giữa Ban Thường trực Ủy ban MTTQ Việt Nam và các tổ chức chính trị- xã hội xã."
    )
    assert record.event_date == "2018-05-23"


def test_a_stage_planned_does_not_give_the_meetings_year():
    record = extract(
        "UBND tỉnh quán triệt, triển khai Đề án nâng cao chất lượng công tác dân vận của lực lượng vũ trang\n"
        "Sáng 09/11, tại điểm cầu Bộ Chỉ huy Quân sự tỉnh, UBND tỉnh tổ chức Hội nghị quán triệt, triển khai thực hiện "
        "Đề án “Nâng cao chất lượng hiệu quả công tác dân vận của lực lượng vũ trang Quân khu 4 trên địa bàn tỉnh Nghệ "
        "An giai đoạn 2023-2030 và những năm tiếp theo”."
    )
    assert record.event_date is None


def test_a_stage_reviewed_gives_the_meetings_year():
    record = extract(
        "Cao Bằng sơ kết 10 năm thực hiện Ngày Biên phòng toàn dân\n"
        "(VOV5) - Chiều 31/8, tại Cao Bằng, UBND tỉnh Cao Bằng tổ chức hội nghị sơ kết thực hiện Ngày Biên phòng toàn "
        "dân giai đoạn 2009- 2019."
    )
    assert record.period == "2009-2019"
    assert record.event_date == "2019-08-31"


def test_a_mistyped_stage_does_not_give_the_meetings_year():
    record = extract(
        "Họp Ban Chỉ đạo phong trào thi đua “Dân vận khéo”\n"
        "Ngày 1/3, Ban Chỉ đạo Phong trào thi đua “Dân vận khéo” huyện Thanh Ba vừa tổ chức Hội nghị để thống nhất triển "
        "khai phong trào và hướng dẫn xây dựng mô hình, điển hình dân vận khéo năm 2022 và giai đoạn 20021-2025. Đồng chí "
        "Nguyễn Trung Tình - UV BTV, Phó Bí thư Thường trực Huyện ủy chủ trì Hội nghị."
    )
    assert record.event_date == "2022-03-01"


# ingest13l: kinds of writing met in the new development articles, each in a made-up sentence.


def test_a_dated_first_sentence_standing_as_the_title_names_the_holder_before_a_passive_honouring_below():
    # A portal's text with no title line: its first sentence stands as the title and is also the lead; a later
    # "được MTTQ các cấp biểu dương" is the honouring of the year's work, not the holder.
    record = extract(
        "Ngày 14/1, Ủy ban MTTQ Việt Nam huyện Bình Gia đã tổ chức hội nghị lần thứ Tư nhiệm kỳ 2019- 2024 tổng kết "
        "công tác mặt trận năm 2020, chương trình phối hợp thống nhất hành động năm 2021.\n"
        "Trong năm 2020, Ủy ban MTTQ các cấp và các tổ chức thành viên huyện Bình Gia đã tích cực tuyên truyền, vận "
        "động các tầng lớp nhân dân.\n"
        "Tại hội nghị, có 30 tập thể và cá nhân đã được MTTQ các cấp biểu dương khen thưởng trong năm 2020./."
    )
    assert record.organizer == "Ủy ban MTTQ Việt Nam huyện Bình Gia"


def test_a_teachers_name_in_the_title_is_not_a_place():
    # "… tấm gương đạo đức Hồ Chí Minh" names a person; the district that opens the title places the meeting.
    record = extract(
        "Bắc Bình: Huyện ủy tổ chức hội nghị biểu dương điển hình học tập và làm theo tấm gương đạo đức Hồ Chí Minh\n"
        "Tham dự hội nghị có Thường trực Huyện ủy, HĐND, UBND, UBMTTQVN huyện, các đồng chí Huyện ủy viên và các "
        "gương điển hình tiêu biểu tập thể và cá nhân."
    )
    assert record.province == "Bình Thuận"


def test_a_type_word_before_a_dash_does_not_type_the_name_after_it():
    # "… Huyện ủy - Chủ tịch HĐND huyện Tuy Phong": "Chủ" is the start of a title, not the district Chũ.
    record = extract(
        "Hội thi tuyên truyền viên giỏi\n"
        "Kết thúc hội thi, ông Nguyễn Văn An - Phó Bí thư Thường trực Huyện ủy - Chủ tịch HĐND huyện Tuy Phong đã trao "
        "giải cho các đội đạt thành tích cao."
    )
    assert record.province == "Bình Thuận"


def test_a_half_year_written_with_a_leading_zero():
    record = extract(
        "Ủy ban MTTQ tỉnh: Giao ban cụm thi đua 6 tháng đầu năm 2022\n"
        "Sáng ngày 15.7, Ban Thường trực Ủy ban MTTQ tỉnh Quảng Nam tổ chức họp cụm thi đua và sơ kết công tác Mặt trận "
        "06 tháng đầu năm 2022."
    )
    assert record.period == "2022-H1"


def test_a_district_whose_folded_name_two_provinces_share_is_read_with_its_diacritics():
    # "Phú Ninh" (Quảng Nam) and "Phù Ninh" (Phú Thọ) fold alike; the name as written tells them apart.
    record = extract(
        "Đối thoại với Nhân dân về khu dân cư kiểu mẫu\n"
        "Vừa qua, Huyện ủy, HĐND, UBND, UBMTTQVN huyện Phú Ninh đã tổ chức Hội nghị đối thoại giữa người đứng đầu "
        "cấp ủy, chính quyền với Nhân dân thôn Thành Mỹ về xây dựng khu dân cư nông thôn mới kiểu mẫu."
    )
    assert record.organizer == "Huyện ủy, HĐND, UBND, UBMTTQVN huyện Phú Ninh"
    assert record.province == "Quảng Nam"


def test_co_chairs_each_introduced_by_ong_or_ba():
    record = extract(
        "Giao ban cụm thi đua\n"
        "Sáng ngày 10.7, Ban Thường trực Ủy ban MTTQ tỉnh tổ chức họp cụm thi đua. Ông Trần Văn Bình – Phó Chủ tịch "
        "Ủy ban MTTQ tỉnh, bà Lê Thị Hoa – Chủ tịch Ủy ban MTTQ huyện Thăng Bình và ông Phan Văn Cường - Chủ tịch Ủy ban "
        "MTTQ huyện Quế Sơn đồng chủ trì hội nghị."
    )
    assert [c["name"] for c in record.chair] == ["Trần Văn Bình", "Lê Thị Hoa", "Phan Văn Cường"]
    assert record.chair[1]["title"] == "Chủ tịch Ủy ban MTTQ huyện Thăng Bình"


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        (
            "Đồng chí Lê Văn Tâm – huyện ủy viên - Bí thư Đảng ủy xã chủ trì hội nghị.",
            "huyện ủy viên - Bí thư Đảng ủy xã",
        ),
        (
            "Đồng chí Võ Văn Hùng - UVBTV Huyện uỷ, Chủ tịch Ủy ban MTTQ Việt Nam huyện, chủ trì hội nghị.",
            "UVBTV Huyện uỷ, Chủ tịch Ủy ban MTTQ Việt Nam huyện",
        ),
    ],
)
def test_a_chairs_title_that_opens_with_a_membership(sentence, title):
    record = extract("Hội nghị giao ban quý I\nChiều ngày 24/02/2023, Ủy ban MTTQ huyện tổ chức giao ban.\n" + sentence)
    assert record.chair and record.chair[0]["title"] == title


def test_a_quarters_year_named_at_the_end_of_a_long_title():
    record = extract(
        "Ủy ban MTTQ Việt Nam huyện Núi Thành tổ chức Hội nghị giao ban Quý I và ký kết giao ước thi đua giữa Ủy ban "
        "MTTQ Việt Nam huyện với Ủy ban MTTQ Việt Nam các xã, thị trấn năm 2024\n"
        "Chiều ngày 26/02/2024, Ủy ban MTTQ Việt Nam huyện Núi Thành tổ chức Hội nghị giao ban công tác Mặt trận."
    )
    assert record.period == "2024-Q1"


def test_a_gathering_named_in_the_title_is_not_a_launch_for_a_lead_that_praises_work_carried_out():
    record = extract(
        "Đảng ủy xã Tân Lộc gặp mặt kỷ niệm ngày truyền thống các ngành xây dựng Đảng\n"
        "Phát biểu tại buổi gặp mặt, đồng chí Trần Văn Nam - Bí thư Đảng ủy xã đã đánh giá cao những đóng góp của các "
        "cơ quan tham mưu, giúp việc Đảng ủy trong việc tham mưu, triển khai thực hiện hiệu quả các nhiệm vụ chính trị."
    )
    assert record.event_type == "other"


def test_a_launch_meeting_named_in_the_lead_under_a_commemorations_title_stays_a_launch():
    record = extract(
        "Kỷ niệm ngày truyền thống công tác dân vận\n"
        "Sáng 15/10, Ban Dân vận Huyện ủy tổ chức hội nghị triển khai kế hoạch ra quân làm công tác dân vận năm 2023."
    )
    assert record.event_type == "trien_khai"


# ingest13m: kinds of writing met in the new development articles (e282–e294), each in a made-up sentence.


@pytest.mark.parametrize(
    ("lead", "organizer"),
    [
        # A party committee written in lower case after the venue's place names and a comma.
        (
            "Sáng 12/5, tại huyện Ea Súp, đảng ủy Bộ đội Biên phòng tỉnh đã tổ chức hội nghị sơ kết quy chế phối hợp "
            "năm 2023 với huyện ủy các huyện biên giới.",
            "đảng ủy Bộ đội Biên phòng tỉnh",
        ),
        # … and right after the date phrase.
        (
            "Chiều 4/6, đảng ủy Quân sự huyện Mường Nhé tổ chức hội nghị sơ kết công tác dân vận 6 tháng đầu năm 2024.",
            "đảng ủy Quân sự huyện Mường Nhé",
        ),
    ],
)
def test_a_holder_written_in_lower_case_after_a_date_or_a_venue(lead, organizer):
    record = extract("Sơ kết quy chế phối hợp\n" + lead)
    assert record.organizer == organizer


def test_a_holder_after_a_venue_of_several_place_names_still_reads_the_commune_powers():
    # Guard: a lower-case commune after the venue's comma is part of the venue, as before (ingest13h).
    record = extract(
        "Đối thoại\nSáng ngày 13 tháng 6 năm 2024 Tại thôn Làng Hạ, xã Vạn Phú cấp ủy, chính quyền xã Vạn Phú tổ chức "
        "hội nghị đối thoại với Nhân dân."
    )
    assert record.organizer == "cấp ủy, chính quyền xã Vạn Phú"


def test_the_bodies_that_sign_a_programme_hold_the_signing_and_it_is_no_review():
    record = extract(
        "Công an huyện Krông Pắc và Ban Dân vận Huyện ủy ký kết chương trình phối hợp giai đoạn 2021 – 2025\n"
        "Sáng nay (20-3), Công an huyện Krông Pắc và Ban Dân vận Huyện ủy Krông Pắc đã ký kết chương trình phối hợp "
        "công tác dân vận giai đoạn 2021 – 2025.\n"
        "Hội nghị đã thông qua báo cáo sơ kết 2 năm xây dựng mô hình dân vận khéo trong lĩnh vực an ninh trật tự ở các "
        "xã, thị trấn trên địa bàn huyện."
    )
    assert record.organizer == "Công an huyện Krông Pắc và Ban Dân vận Huyện ủy Krông Pắc"
    assert record.event_type == "other"


def test_a_review_named_before_the_signing_stays_a_review():
    record = extract(
        "Hội nghị tổng kết 5 năm chương trình phối hợp và ký kết chương trình phối hợp giai đoạn 2021 – 2025\n"
        "Chiều ngày 28/11, Công an huyện Tuyên Hóa phối hợp với Ban Dân vận Huyện ủy tổ chức hội nghị tổng kết 5 năm "
        "thực hiện chương trình phối hợp giai đoạn 2016 – 2020."
    )
    assert record.event_type == "tong_ket"


@pytest.mark.parametrize(
    ("title", "office"),
    [
        ("Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy", "Dân vận"),
        # A title that holds "công tác": its "ông" is not a new person.
        ("Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo công tác biên giới tỉnh", "biên giới"),
    ],
)
def test_a_chair_whose_surname_is_of_a_minority_people(title, office):
    record = extract(
        f"Giao ban công tác {office}\nNgày 3/9/2024, đồng chí Tráng A Tủa, {title} đã chủ trì hội nghị giao ban công "
        f"tác {office} quý III năm 2024."
    )
    assert [c["name"] for c in record.chair] == ["Tráng A Tủa"]
    assert record.chair[0]["title"] == title


def test_a_date_line_written_year_first_after_a_posters_name():
    record = extract(
        "Đại hội đại biểu Hội Nông dân xã Tân Sơn lần thứ IX, nhiệm kỳ (2019- 2024)\n"
        "admin gửi vào T5, 2019-04-11 09:20\n"
        "Ngày 10- 4, Hội Nông dân xã Tân Sơn tổ chức Đại hội đại biểu lần thứ IX, nhiệm kỳ (2019- 2024). Về dự có "
        "lãnh đạo Đảng ủy, HĐND, UBND xã cùng 90 đại biểu."
    )
    assert record.event_date == "2019-04-10"


def test_a_term_in_brackets_gives_no_year():
    record = extract(
        "Đại hội Hội Nông dân xã Tân Sơn\n"
        "Ngày 10- 4, Hội Nông dân xã Tân Sơn tổ chức Đại hội đại biểu lần thứ IX, nhiệm kỳ (2019- 2024). Về dự có "
        "lãnh đạo Đảng ủy, HĐND, UBND xã cùng 90 đại biểu."
    )
    assert record.event_date is None


def test_a_titles_day_and_month_take_the_year_the_lead_writes_with_them():
    record = extract(
        "Ngày 5/12, ra quân làm công tác dân vận tại xã Tân Định\n"
        "Theo kế hoạch, lễ ra quân làm công tác dân vận sẽ được tổ chức vào ngày 5/12/2022 tại xã Tân Định với nhiều "
        "hoạt động thiết thực như sửa đường giao thông nông thôn, thăm tặng quà gia đình chính sách."
    )
    assert record.event_date == "2022-12-05"


def test_a_dialogue_that_names_a_term_in_passing_reviews_no_period():
    record = extract(
        "Đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền với nhân dân\n"
        "Ngày 12/11/2021, tại Trung tâm Hội nghị huyện, Huyện ủy Tân Sơn tổ chức hội nghị đối thoại trực tiếp giữa người "
        "đứng đầu cấp ủy, chính quyền với nhân dân. Tại hội nghị, lãnh đạo huyện báo cáo khái quát tình hình kinh tế - "
        "xã hội năm 2021; kết quả đại hội đảng bộ các cấp, nhiệm kỳ 2020 - 2025."
    )
    assert record.event_type == "other"
    assert record.period is None


def test_a_congress_still_reviews_the_term_before_the_one_it_opens():
    record = extract(
        "Đại hội đại biểu Hội Nông dân xã Tân Lập, nhiệm kỳ 2023 - 2028\n"
        "Ngày 8/03/2023, Hội Nông dân xã Tân Lập đã tổ chức Đại hội đại biểu, nhiệm kỳ 2023 - 2028. Nhiệm kỳ "
        "2018-2023, công tác Hội và phong trào nông dân của xã Tân Lập đạt được nhiều kết quả quan trọng."
    )
    assert record.period == "2018-2023"


def test_a_road_named_after_a_person_does_not_place_the_meeting():
    record = extract(
        "Đại hội Hội truyền thống Trường Sơn - đường Hồ Chí Minh xã Bình Minh\n"
        "Hội truyền thống Trường Sơn - đường Hồ Chí Minh xã Bình Minh vừa tổ chức thành công Đại hội khóa I, nhiệm kỳ "
        "2022 – 2027 với 58 đại biểu là hội viên tham dự."
    )
    assert record.province is None
    assert record.organizer == "Hội truyền thống Trường Sơn - đường Hồ Chí Minh xã Bình Minh"


def test_a_count_of_units_in_the_results_is_not_the_holder():
    record = extract(
        "Tân Thạnh hội nghị giao ban khối dân vận quý III\n"
        "Trong quý III năm 2018, Ban Dân vận Huyện ủy đã lãnh đạo Mặt trận Tổ quốc, các đoàn thể tập trung tuyên truyền "
        "các chủ trương của Đảng, chính sách, pháp luật của Nhà nước đến đoàn viên, hội viên.\n"
        "Hội Nông dân huyện tập trung chỉ đạo 12/12 cơ sở Hội tổ chức xong đại hội nhiệm kỳ 2018-2023, kết nạp mới "
        "215 hội viên."
    )
    assert record.organizer == ""


def test_a_title_that_opens_with_a_districts_name_sets_the_level_when_no_holder_is_named():
    record = extract(
        "Bắc Bình: Hội nghị triển khai công tác dân vận năm 2021\n"
        "Tình hình trong năm 2020 có nhiều khó khăn, một số cán bộ làm công tác dân vận xã Phan Hòa và thị trấn Chợ "
        "Lầu còn lúng túng khi thực hiện chủ trương sáp nhập thôn, khu phố."
    )
    assert record.level == "huyen"


def test_a_title_printed_twice_is_not_the_lead():
    record = extract(
        "Tiếp tục triển khai thực hiện “Năm dân vận chính quyền 2020” ở cơ sở\n"
        "Tiếp tục triển khai thực hiện “Năm dân vận chính quyền 2020” ở cơ sở\n"
        "Sáng 6-4, Ban Dân vận Tỉnh ủy tổ chức Hội nghị giao ban công tác dân vận quý I và triển khai nhiệm vụ quý II năm "
        "2020. Đồng chí Lê Văn Hòa - Trưởng Ban Dân vận Tỉnh ủy chủ trì hội nghị."
    )
    assert record.event_type == "giao_ban"
    assert record.period == "2020-Q1"


def test_a_course_named_in_the_lead_is_no_launch_whatever_its_lessons_cover():
    record = extract(
        "Hơn 150 cán bộ được tập huấn kỹ năng vận động quần chúng\n"
        "Ngày 12/5/2015, Ban Dân vận Tỉnh ủy phối hợp với Bộ Chỉ huy Quân sự tỉnh mở lớp tập huấn kỹ năng công tác vận "
        "động quần chúng năm 2015 cho 156 học viên.\n"
        "Nội dung tập huấn gồm các chuyên đề về công tác dân vận trong tình hình mới; xây dựng mô hình “Dân vận khéo”; "
        "cách tuyên truyền, vận động nhân dân ở địa phương, phát động phong trào toàn dân bảo vệ an ninh Tổ quốc."
    )
    assert record.event_type == "other"


def test_a_months_giao_ban_names_no_period_and_its_date_is_found_below_the_page_furniture():
    record = extract(
        "Châu Thành: Hội nghị giao ban công tác dân vận tháng 9 năm 2021\n"
        "Truy cập hiện tại\n"
        "Đang có 52 khách và không thành viên đang online\n"
        "Công tác dân vận - mặt trận\n"
        "Châu Thành: Hội nghị giao ban công tác dân vận tháng 9 năm 2021\n"
        "(TUAG)- Ngày 28/9/2021, Ban Dân vận Huyện ủy Châu Thành tổ chức Hội nghị giao ban công tác dân vận tháng 9 năm "
        "2021. Tham dự có lãnh đạo Ban Dân vận Tỉnh ủy cùng các ban, ngành, đoàn thể huyện."
    )
    assert record.event_date == "2021-09-28"
    assert record.period is None


def test_a_stage_named_far_after_the_honouring_in_a_long_sentence_is_the_stage_honoured():
    record = extract(
        "Biểu dương điển hình phong trào toàn dân bảo vệ an ninh Tổ quốc\n"
        "Sáng 20/7, tại tỉnh Lai Châu, Bộ Công an tổ chức Hội nghị trao đổi kinh nghiệm và biểu dương các mô hình, điển "
        "hình tiên tiến trong phong trào toàn dân bảo vệ an ninh Tổ quốc ở vùng đồng bào dân tộc thiểu số khu vực miền "
        "núi phía Bắc giai đoạn 2019-2024."
    )
    assert record.period == "2019-2024"
    assert record.event_date == "2024-07-20"


def test_a_date_line_with_a_view_count_and_a_print_link_is_a_date_line_not_the_lead():
    record = extract(
        "14 đội thi “Dân vận khéo” huyện Mường Chà\n"
        "14 đội thi “Dân vận khéo” huyện Mường Chà\n"
        "09:10 - Thứ Năm, 18/08/2022 Lượt xem: 2150 In bài viết\n"
        "ĐBP - Trong 2 ngày (16 – 17/8), Huyện ủy Mường Chà tổ chức Hội thi “Dân vận khéo” năm 2022 với sự tham gia của "
        "14 đội đến từ các đảng bộ trực thuộc."
    )
    assert record.event_type == "hoi_thi"
    assert record.event_date == "2022-08-16"


def test_co_chairs_introduced_by_ba_and_ong_with_a_ton_nu_surname():
    record = extract(
        "Hội nghị Ủy ban MTTQ Việt Nam huyện lần thứ ba\n"
        "Ngày 15/1, bà Tôn Nữ Minh Châu, Ủy viên Ban Thường vụ Huyện ủy, Chủ tịch Ủy ban MTTQ Việt Nam huyện và ông Lê "
        "Văn Phúc, Phó Chủ tịch Ủy ban MTTQ Việt Nam huyện chủ trì hội nghị Ủy ban MTTQ Việt Nam huyện Phú Vang lần thứ ba."
    )
    assert [c["name"] for c in record.chair] == ["Tôn Nữ Minh Châu", "Lê Văn Phúc"]
