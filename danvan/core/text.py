"""Vietnamese text folding: the one function behind every diacritic-insensitive match."""

import re
import unicodedata

# đ/Đ carry a stroke, not a combining mark, so NFD decomposition leaves them alone.
_STROKES = str.maketrans({"đ": "d", "Đ": "d"})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ→d included), keep letters and digits, single spaces.

    >>> fold("Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk")
    'ban tuyen giao va dan van tinh uy dak lak'
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_STROKES).lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped).strip()


def fold_tokens(text: str | None) -> list[str]:
    return fold(text).split()
