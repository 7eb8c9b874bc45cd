"""Vietnamese text folding: the one function behind every diacritic-insensitive match."""

import re
import unicodedata

# đ/Đ carry a stroke, not a combining mark, so NFD decomposition leaves them alone. Some sites type the capital as
# the look-alike Icelandic eth (U+00D0 "Ð", lower case U+00F0 "ð"): read it as Đ.
_STROKES = str.maketrans({"đ": "d", "Đ": "d", "\u00d0": "d", "\u00f0": "d"})
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


# Unicode bidirectional controls (embeddings, overrides, isolates, marks): on screen they can make stored text
# read as something else ("Trojan Source"), and Vietnamese never needs them. Stripped from everything people
# type (every form's text fields, see core.forms) or upload (core.uploads, the CSV imports, ingest).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NO_BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS))


def strip_bidi_controls(text):
    """`text` without bidirectional control characters; anything that is not a str is returned as it is."""
    return text.translate(_NO_BIDI) if isinstance(text, str) else text
