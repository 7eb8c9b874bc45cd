"""The site's `truncatechars` (core_tags, a template builtin) gives Django's text for every input."""

import random
import unicodedata

from django.template import Context, Template
from django.template import defaultfilters as django_filters
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from danvan.core.templatetags import core_tags

SAMPLES = [
    "",
    "a",
    "Tranh chấp đất đai giữa các hộ gia đình ở thôn Yên Thế",
    unicodedata.normalize("NFD", "Tranh chấp đất đai giữa các hộ gia đình ở thôn Yên Thế"),
    "e\u0301\u0301\u0301 combining marks that NFC cannot compose: q\u0307\u0323 x\u0308",
    "x" * 89 + "yz",
    "<b>Bất động sản</b> & đất “công” …",
]


def _texts():
    rng = random.Random(15)
    alphabet = "aăâđeêoôơuưy ạảãàáẠỲ\u0300\u0301\u0303\u0309\u0323…<>&\"' xyz0123456789"
    yield from SAMPLES
    for _ in range(400):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))


def test_the_same_text_as_djangos_filter():
    for language in ("vi", "en"):
        with translation.override(language):
            for text in _texts():
                for length in (-1, 0, 1, 2, 3, 5, 10, 20, 29, 30, 31, "7", "x"):
                    for value in (text, mark_safe(text)):
                        ours = core_tags.truncatechars(value, length)
                        theirs = django_filters.truncatechars(value, length)
                        assert ours == theirs, (text, length)
                        assert isinstance(ours, SafeString) == isinstance(theirs, SafeString)


def test_templates_use_the_sites_filter():
    rendered = Template("{{ text|truncatechars:5 }}").render(Context({"text": "Tranh chấp"}))
    assert rendered == "Tran…"
    assert Template("x").engine.template_builtins[-1].filters["truncatechars"] is core_tags.truncatechars
