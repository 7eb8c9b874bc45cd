from hypothesis import given
from hypothesis import strategies as st

from danvan.core.text import fold, fold_tokens


def test_it_folds_diacritics_and_the_stroke_of_d():
    assert fold("Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk") == "ban tuyen giao va dan van tinh uy dak lak"
    assert fold("ĐẢNG ỦY XÃ") == "dang uy xa"
    # The look-alike eth some sites type for Đ reads as Đ, not as a gap.
    assert fold("\u00d0ảng ủy xã \u00d0ồng Tâm") == fold("Đảng ủy xã Đồng Tâm") == "dang uy xa dong tam"


def test_it_treats_composed_and_decomposed_input_alike():
    composed = "Hội Nông dân"
    decomposed = "Ho\u0302\u0323i No\u0302ng da\u0302n"
    assert fold(composed) == fold(decomposed) == "hoi nong dan"


def test_it_turns_punctuation_into_single_spaces():
    assert fold("  Phan Rang-Tháp Chàm, (Ninh Thuận) ") == "phan rang thap cham ninh thuan"
    assert fold_tokens("dan   van\tbac-giang") == ["dan", "van", "bac", "giang"]


def test_it_returns_empty_for_nothing():
    assert fold(None) == ""
    assert fold("") == ""
    assert fold("—…") == ""


@given(st.text())
def test_folding_is_idempotent_and_ascii(text):
    once = fold(text)
    assert fold(once) == once
    assert all(ch.isascii() for ch in once)
