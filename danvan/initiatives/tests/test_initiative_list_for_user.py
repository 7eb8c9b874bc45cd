from danvan.initiatives.selectors import initiative_list_for_user
from danvan.initiatives.tests.factories import recognised, register


def test_without_a_year_the_library_is_newest_year_first_then_newest_registration(commune_officer_a):
    a = register(commune_officer_a, year=2025, name="Một")
    b = register(commune_officer_a, year=2027, name="Hai")
    c = register(commune_officer_a, year=2025, name="Ba")
    d = register(commune_officer_a, year=2026, name="Bốn")
    codes = [i.code for i in initiative_list_for_user(user=commune_officer_a)]
    assert codes == [b.code, d.code, c.code, a.code]
    assert [i.code for i in initiative_list_for_user(user=commune_officer_a, limit=3)] == [b.code, d.code, c.code]
    assert [i.code for i in initiative_list_for_user(user=commune_officer_a, year=2025)] == [c.code, a.code]


def test_search_ignores_diacritics_and_needs_every_word_and_other_provinces_see_only_recognised(
    commune_officer_a, leader_a, officer_b
):
    road = register(commune_officer_a)
    shown = recognised(commune_officer_a, leader_a, name="Camera an ninh thôn xóm", goal="Lắp camera")
    assert [i.code for i in initiative_list_for_user(user=commune_officer_a, query="ĐƯỜNG giao thong")] == [road.code]
    assert initiative_list_for_user(user=commune_officer_a, query="duong camera") == []
    assert [i.code for i in initiative_list_for_user(user=officer_b)] == [shown.code]
    assert [i.code for i in initiative_list_for_user(user=officer_b, level="province", province="P24-TU")] == [
        shown.code
    ]
    assert initiative_list_for_user(user=officer_b, level="commune") == []
