"""Kinds of holding body issue 13 names — the Front, the armed forces, steering committees, town and city bodies,
abbreviations, holders after an opening clause — as ingest13p's development articles write them, each with a short
made-up sentence of that kind (not an article's text)."""

import pytest

from danvan.ingest.extract import extract


@pytest.mark.parametrize(
    ("text", "organizer", "level"),
    [
        # The leaders' role word before joint holders is not part of the name, and the second body is kept.
        (
            "Tuyên dương hội viên nông dân\nNhằm động viên hội viên sản xuất giỏi, sáng 5/5, Lãnh đạo Hội Nông dân tỉnh "
            "và Ngân hàng Chính sách xã hội tỉnh đã tổ chức lễ tuyên dương 50 hội viên tiêu biểu.",
            "Hội Nông dân tỉnh và Ngân hàng Chính sách xã hội tỉnh",
            "tinh",
        ),
        (
            "Gặp mặt nữ công nhân lao động\nChiều 8/3, đại diện lãnh đạo Liên đoàn Lao động huyện Tiên Du đã tổ chức "
            "gặp mặt nữ công nhân lao động tiêu biểu năm 2023.",
            "Liên đoàn Lao động huyện Tiên Du",
            "huyen",
        ),
        # "Hội tổ chức kỷ niệm …": "kỷ niệm" continues "tổ chức"; the bare "Hội tổ chức" is never a holder's name.
        (
            "Hội Cựu chiến binh xã An Phú kỷ niệm 34 năm ngày thành lập Hội\nSáng 6/12, Hội tổ chức kỷ niệm 34 năm "
            "ngày thành lập Hội Cựu chiến binh Việt Nam và tổ chức cho hội viên giao lưu văn nghệ tại hội trường xã.",
            "Hội Cựu chiến binh xã An Phú",
            "xa",
        ),
        # Abbreviated mass organisations head a holder's name.
        (
            "Tổng kết công tác công đoàn năm 2022\nChiều 15/12, LĐLĐ tỉnh Hà Tĩnh tổ chức hội nghị tổng kết công tác "
            "công đoàn năm 2022, triển khai nhiệm vụ năm 2023.",
            "LĐLĐ tỉnh Hà Tĩnh",
            "tinh",
        ),
        (
            "Hội thi phụ nữ với pháp luật\nSáng 3/3, HLHPN huyện Kỳ Anh tổ chức hội thi “Phụ nữ với pháp luật” năm "
            "2023 cho 12 đội thi của các xã, thị trấn.",
            "HLHPN huyện Kỳ Anh",
            "huyen",
        ),
        # A title that opens with a basis clause and a comma is the text's opening sentence: its holder is read there.
        (
            "Thực hiện kế hoạch của Ban Thường vụ Huyện ủy, Ủy ban MTTQ Việt Nam xã An Bình đã tổ chức hội nghị đối "
            "thoại giữa người đứng đầu cấp ủy với nhân dân\nTại hội nghị, Ban Công tác Mặt trận các thôn đã tổ chức "
            "thảo luận và nêu 15 ý kiến về giao thông nông thôn, môi trường và an ninh trật tự.",
            "Ủy ban MTTQ Việt Nam xã An Bình",
            "xa",
        ),
        # Joint holders listed with commas and "và": the first body that names a level gives the meeting's level.
        (
            "Tổng kết công tác dân vận trong lực lượng vũ trang\nNgày 20/12, tại huyện Tân Kỳ (Nghệ An), Phòng Chính "
            "trị, Bộ Chỉ huy Quân sự tỉnh và Ban Dân vận các huyện, thị ủy đã tổ chức hội nghị tổng kết công tác dân "
            "vận năm 2023.",
            "Phòng Chính trị, Bộ Chỉ huy Quân sự tỉnh và Ban Dân vận các huyện, thị ủy",
            "tinh",
        ),
        # A city's committee whose city is not named: the next body in the list does not name one either.
        (
            "Kỷ niệm Ngày truyền thống công tác dân vận\nSáng 10/10, tại Nhà văn hóa thành phố, Ban Dân vận Thành ủy và "
            "Ban Chỉ đạo phong trào thi đua “Dân vận khéo” tổ chức lễ kỷ niệm Ngày truyền thống công tác dân vận.",
            # (The text is normalised: curly quotes are read as straight ones.)
            'Ban Dân vận Thành ủy và Ban Chỉ đạo phong trào thi đua "Dân vận khéo"',
            None,
        ),
        # (A later body that names the city still does.)
        (
            "Gặp mặt cán bộ dân vận\nSáng 10/10, Ban Dân vận Thành ủy và UBND thành phố Vinh tổ chức gặp mặt cán bộ "
            "làm công tác dân vận qua các thời kỳ.",
            "Ban Dân vận Thành ủy và UBND thành phố Vinh",
            "huyen",
        ),
        # A Party body's committee abbreviated as in document numbers: "TU" is the province's ("TƯ" folds alike).
        (
            "Tổng kết công tác dân vận năm 2022\nNgày 5/1, Ban Dân vận TU tổ chức hội nghị tổng kết công tác dân vận "
            "năm 2022, triển khai nhiệm vụ năm 2023.",
            "Ban Dân vận TU",
            "tinh",
        ),
        (
            "Tổng kết công tác dân vận năm 2022\nNgày 5/1, Ban Dân vận TƯ tổ chức hội nghị tổng kết công tác dân vận "
            "năm 2022, triển khai nhiệm vụ năm 2023.",
            "Ban Dân vận TƯ",
            "trung_uong",
        ),
    ],
)
def test_it_reads_the_holder_and_its_level_in_these_writings(text, organizer, level):
    record = extract(text)
    assert record.organizer == organizer
    assert record.level == level


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # The work around a congress ("trước, trong và sau Đại hội") is not the congress: the lead names the meeting.
        (
            "Đẩy mạnh công tác dân vận trước, trong và sau Đại hội\nSáng 8/6, Ban Dân vận Huyện ủy Kỳ Anh tổ chức hội "
            "nghị sơ kết công tác dân vận 6 tháng đầu năm 2020.",
            "so_ket",
        ),
        # (A congress named in the title still is one.)
        (
            "Đại hội đại biểu Hội Nông dân huyện Kỳ Anh lần thứ X\nSáng 8/6, Đại hội đại biểu Hội Nông dân huyện Kỳ Anh "
            "lần thứ X, nhiệm kỳ 2023 - 2028 đã khai mạc trọng thể.",
            "other",
        ),
        # The plan a title opens by citing ("Thực hiện kế hoạch …,") is not the meeting's kind.
        (
            "Thực hiện kế hoạch của Ban Thường vụ Huyện ủy, Hội Cựu chiến binh xã An Phú tổ chức nhiều hoạt động chào "
            "mừng ngày thành lập Hội\nCác hoạt động thu hút đông đảo hội viên và nhân dân trên địa bàn xã tham gia, tạo "
            "không khí phấn khởi.",
            "other",
        ),
        # "… cho hội viên của 9 chi hội thi tìm hiểu …": a branch that competes, not a contest.
        (
            "Hội Phụ nữ xã An Phú kỷ niệm ngày Quốc tế Phụ nữ\nSáng 7/3, Hội Phụ nữ xã An Phú tổ chức kỷ niệm ngày "
            "Quốc tế Phụ nữ và tổ chức cho hội viên của 9 chi hội thi tìm hiểu pháp luật về hôn nhân và gia đình.",
            "other",
        ),
    ],
)
def test_it_reads_the_meetings_kind_past_these_clauses(text, event_type):
    assert extract(text).event_type == event_type
