import pytest

from danvan.organisations.selectors import orgunit_search_for_user

pytestmark = pytest.mark.django_db


def codes(user, query):
    return [u.code for u in orgunit_search_for_user(user=user, query=query)]


def test_dan_van_bac_giang_finds_the_board_of_bac_ninh_first(sysadmin):
    results = codes(sysadmin, "dan van bac giang")
    # Bắc Giang merged into Bắc Ninh: its dân vận board comes first, then the khối dân vận of Phường Bắc Giang.
    assert results[0] == "P24-TGDV"
    assert "C7210-KDV" in results


@pytest.mark.parametrize("query", ["Đắk Lắk", "dak lak", "ĐẮK LẮK", "dak  lak", "đak lak"])
def test_diacritics_case_and_stroke_do_not_matter(sysadmin, query):
    results = codes(sysadmin, query)
    assert "P66-TU" in results
    assert "P66-TGDV" in results


def test_a_word_must_start_a_word_of_the_name(sysadmin):
    # "an" must not match inside "ban" or "dan": Bắc Ninh's board ("Ban … Dân vận … Bắc Ninh") is not found.
    results = codes(sysadmin, "an tuyen giao")
    assert results[0] == "P91-TGDV"
    assert "P24-TGDV" not in results
    assert "TW-TGDV" not in results


def test_search_stays_inside_the_users_scope(officer_b):
    assert codes(officer_b, "bac giang") == []
    assert "P91-TGDV" in codes(officer_b, "dan van an giang")


def test_an_old_district_name_finds_the_communes_now_covering_it(officer_a):
    results = codes(officer_a, "dang uy yen the")
    assert "C7288-DU" in results  # Xã Yên Thế
    assert "C7294-DU" in results  # Xã Bố Hạ, also from the former huyện Yên Thế


def test_an_empty_query_finds_nothing(sysadmin):
    assert codes(sysadmin, "   ") == []
    assert codes(sysadmin, "!!!") == []


def test_a_unit_named_by_every_word_comes_before_one_found_through_its_old_district(officer_a):
    # Typing the commune's name picks that commune, not another commune of the former huyện Yên Thế that sorts first
    # by name (Bố Hạ): the picker's first answer is what a person takes.
    results = codes(officer_a, "dang uy xa yen the")
    assert results[0] == "C7288-DU"
    assert "C7294-DU" in results
