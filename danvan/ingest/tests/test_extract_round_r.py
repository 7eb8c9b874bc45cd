"""Kinds of writing ingest13r's development articles showed the reader getting wrong — a half-year reviewed under a
title that opens by citing the year's programme, an anniversary's dates before the meeting's own, a district merged
away since the article was written — each with a short made-up sentence of that kind (not an article's text)."""

import pytest

from danvan.ingest.extract import extract


@pytest.mark.parametrize(
    ("text", "period"),
    [
        # The programme a title opens by citing ("Thực hiện Chương trình … năm 2021, …") names no period reviewed: the
        # half-year reviewed after it takes its year from the rest of the sentence.
        (
            "Thực hiện Kế hoạch công tác Hội năm 2021, ngày 2/7, Ban Thường vụ Hội Nông dân xã Tân Phong đã tổ chức "
            "hội nghị sơ kết công tác Hội 6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm 2021.",
            "2021-H1",
        ),
        # The clause's year is still read when nothing after it names a period.
        (
            "Thực hiện Kế hoạch công tác năm 2022, ngày 28/12, Hội Liên hiệp Phụ nữ xã An Bình tổ chức hội nghị tổng "
            "kết công tác Hội.",
            "2022",
        ),
        # An anniversary's two dates ("(06/6/1941 - 06/6/2021)") do not give a half-year its year; the meeting's
        # date after them does.
        (
            "Hội Người cao tuổi xã Tân Lập sơ kết 6 tháng đầu năm\nNhân kỷ niệm 80 năm Ngày truyền thống Người cao "
            "tuổi Việt Nam (06/6/1941 - 06/6/2021), sáng 10/6/2021, Hội Người cao tuổi xã Tân Lập tổ chức hội nghị "
            "sơ kết công tác Hội 6 tháng đầu năm.",
            "2021-H1",
        ),
    ],
)
def test_the_period_skips_a_cited_programme_and_an_anniversarys_dates(text, period):
    assert extract(text).period == period


@pytest.mark.parametrize(
    ("text", "province"),
    [
        (
            "Sơ kết công tác Đoàn 6 tháng đầu năm 2023\nNgày 20/6/2023, Ban Thường vụ Huyện đoàn tổ chức hội nghị sơ "
            "kết công tác Đoàn và chuẩn bị Đại hội Đoàn huyện Mỹ Lộc lần thứ XII.",
            "Nam Định",
        ),
        (
            "Tổng kết công tác Mặt trận năm 2018\nNgày 27/12/2018, Ủy ban MTTQ huyện Hoành Bồ tổ chức hội nghị tổng "
            "kết công tác Mặt trận năm 2018.",
            "Quảng Ninh",
        ),
        (
            "Hội Cựu chiến binh huyện Yên Dũng sơ kết 6 tháng đầu năm 2022\nSáng 5/7, Hội Cựu chiến binh huyện Yên "
            "Dũng tổ chức hội nghị sơ kết công tác Hội 6 tháng đầu năm 2022.",
            "Bắc Giang",
        ),
    ],
)
def test_a_district_merged_away_since_still_names_its_province(text, province):
    assert extract(text).province == province
