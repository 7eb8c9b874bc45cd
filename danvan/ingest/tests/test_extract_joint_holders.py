"""Joint holders and holders after a basis or approval clause, as real articles write them (issue 13, ingest13n),
each with a short made-up sentence of that kind."""

import pytest

from danvan.ingest.extract import extract


@pytest.mark.parametrize(
    ("text", "organizer"),
    [
        # "A phối hợp B, C tổ chức …": a list of joint holders written without "với".
        (
            "Hội thi hát dân ca năm 2021\nNgày 12/8/2021, Trung tâm Văn hóa huyện Tân Phú phối hợp Hội Liên hiệp Phụ nữ "
            "huyện, Huyện đoàn Tân Phú tổ chức Hội thi “Hát dân ca” năm 2021.",
            "Trung tâm Văn hóa huyện Tân Phú phối hợp Hội Liên hiệp Phụ nữ huyện, Huyện đoàn Tân Phú",
        ),
        (
            "Hội thi tuyên truyền viên giỏi\nỦy ban MTTQ Việt Nam huyện Tân Phú phối hợp Công an huyện, Hội Nông dân "
            "huyện tổ chức Hội thi tuyên truyền viên giỏi năm 2021.",
            "Ủy ban MTTQ Việt Nam huyện Tân Phú phối hợp Công an huyện, Hội Nông dân huyện",
        ),
        # The province after the leading body locates it and is left out of the name.
        (
            "Hội thi hát dân ca\nNgày 12/8/2021, Ủy ban MTTQ Việt Nam huyện Tân Phú, tỉnh Đồng Nai phối hợp Công an "
            "huyện, Trung tâm Văn hóa huyện tổ chức Hội thi “Hát dân ca” năm 2021.",
            "Ủy ban MTTQ Việt Nam huyện Tân Phú phối hợp Công an huyện, Trung tâm Văn hóa huyện",
        ),
        # After a purpose sentence, a youth union joined by a commune's bodies.
        (
            "Chiến dịch Kỳ nghỉ hồng\nNhằm tạo điều kiện cho đoàn viên tham gia chiến dịch. Ngày 16 tháng 7 năm 2019, "
            "Ban Thường vụ Huyện đoàn Mỏ Cày Bắc phối hợp Đoàn xã Phú Mỹ, Hội LHTN xã tổ chức Chiến dịch “Kỳ nghỉ "
            "hồng” năm 2019 tại xã Phú Mỹ.",
            "Ban Thường vụ Huyện đoàn Mỏ Cày Bắc phối hợp Đoàn xã Phú Mỹ, Hội LHTN xã",
        ),
        # A bracketed place after the leading body is left out, as after a single holder.
        (
            "Hội thi\nNgày 5/3/2022, Hội LHPN huyện Tân Phú (Đồng Nai) phối hợp Công an huyện, Phòng Tư pháp huyện tổ "
            "chức Hội thi tìm hiểu pháp luật.",
            "Hội LHPN huyện Tân Phú phối hợp Công an huyện, Phòng Tư pháp huyện",
        ),
        # An office ("Phòng Tư pháp huyện") inside a list after "phối hợp với".
        (
            "Hội thi\nNgày 5/3/2022, Hội LHPN huyện Tân Phú phối hợp với Công an huyện, Phòng Tư pháp huyện, Huyện đoàn "
            "tổ chức Hội thi tìm hiểu pháp luật.",
            "Hội LHPN huyện Tân Phú phối hợp với Công an huyện, Phòng Tư pháp huyện, Huyện đoàn",
        ),
        # Guards: a body that leads and joins others; with "với" the list is read as before; one joint body without
        # "với" too.
        (
            "Hội thi\nNgày 5/3/2022, Hội LHPN huyện Tân Phú chủ trì, phối hợp Công an huyện, Phòng Tư pháp huyện tổ "
            "chức Hội thi tìm hiểu pháp luật.",
            "Hội LHPN huyện Tân Phú chủ trì, phối hợp Công an huyện, Phòng Tư pháp huyện",
        ),
        (
            "Hội thi\nNgày 5/6/2022, Liên đoàn Lao động huyện Tân Phú đã phối hợp với Hội Liên hiệp Phụ nữ huyện, "
            "Huyện đoàn tổ chức Hội thi.",
            "Liên đoàn Lao động huyện Tân Phú phối hợp với Hội Liên hiệp Phụ nữ huyện, Huyện đoàn",
        ),
        (
            "Hội thi hát dân ca\nNgày 26/7/2020, Trung tâm Văn hóa thị xã phối hợp Hội Liên hiệp Phụ nữ thị xã Tân Uyên "
            "tổ chức Hội thi “Hát Dân ca” năm 2020.",
            "Trung tâm Văn hóa thị xã phối hợp Hội Liên hiệp Phụ nữ thị xã Tân Uyên",
        ),
    ],
)
def test_joint_holders_listed_after_phoi_hop_without_voi_are_all_the_holder(text, organizer):
    assert extract(text).organizer == organizer


@pytest.mark.parametrize(
    ("text", "level"),
    [
        (
            "Ra mắt mô hình tự quản\nChiều 6.1, Uỷ ban MTTQ tỉnh phối hợp Ủy ban MTTQ thị xã Kinh Môn, xã Minh Hoà triển "
            "khai nhân rộng mô hình khu dân cư tự quản.",
            "tinh",
        ),
        (
            "Chiến dịch Kỳ nghỉ hồng\nNgày 16/7/2019, Ban Thường vụ Huyện đoàn Mỏ Cày Bắc phối hợp Đoàn xã Phú Mỹ, Hội "
            "LHTN xã tổ chức Chiến dịch “Kỳ nghỉ hồng”.",
            "huyen",
        ),
    ],
)
def test_the_leading_holders_level_counts_when_phoi_hop_has_no_voi(text, level):
    assert extract(text).level == level


def test_a_holder_and_its_day_after_an_approval_clause_ending_in_a_dated_day_without_a_comma():
    record = extract(
        "Ngày hội đại đoàn kết\n"
        "Thực hiện kế hoạch số 07/KH-MTTQ ngày 10/10/2021 của Ban Thường trực MTTQ xã Tân Phú về tổ chức Ngày hội Đại "
        "đoàn kết toàn dân tộc năm 2021.\n"
        "Được sự thống nhất của Đảng ủy - HĐND - UBND xã Tân Phú ngày 15/11/2021 Ban Công tác Mặt trận các thôn trên địa "
        "bàn xã tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2021."
    )
    assert record.organizer == "Ban Công tác Mặt trận các thôn trên địa bàn xã"
    assert record.level == "xa"
    # The plan's date ("ngày 10/10/2021 của …") is a document's; the day before the holder is the meeting's.
    assert record.event_date == "2021-11-15"


def test_a_chairs_title_written_after_the_name_without_a_comma_is_not_part_of_the_name():
    record = extract(
        "Hội nghị đối thoại với hội viên nông dân\n"
        "Về tham dự có ông Trần Văn Bình Bí thư đảng ủy chủ trì, bà Lê Thị Hoa Chủ tịch Hội Nông dân xã."
    )
    assert record.chair == [{"name": "Trần Văn Bình", "title": "Bí thư đảng ủy"}]


def test_an_office_before_an_abbreviation_in_the_chairs_sentence_is_not_a_person():
    record = extract(
        "UBND xã Tân Phú tổ chức hội nghị giao ban với các trưởng thôn\n"
        "Dự và chủ trì hội nghị có đồng chí: Trần Văn Bình, Phó Bí thư Đảng ủy, Chủ tịch UBND xã; Các đồng chí Phó Chủ "
        "tịch UBND xã; Trưởng các phòng chuyên môn; Văn phòng HĐND-UBND xã"
    )
    assert [c["name"] for c in record.chair] == ["Trần Văn Bình"]
