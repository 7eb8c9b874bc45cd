"""core.links: the URLs a page repeats, computed once, equal to reverse()'s."""

import uuid

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from danvan.core import links
from danvan.core.navigation import MODULES


@pytest.fixture(autouse=True)
def _fresh():
    links._FIXED.clear()
    links._AROUND.clear()
    yield
    set_script_prefix("/")
    links._FIXED.clear()
    links._AROUND.clear()


ARGS = ["DT-2026-000123", "abc_def", "x", "mã đơn", "a.b", "a b", "50%", "<b>", "a~b", 7]


def _outcome(function, viewname, arg):
    try:
        return function(viewname, arg)
    except NoReverseMatch:
        return NoReverseMatch


@pytest.mark.parametrize("prefix", ["/", "/danvan/"])
def test_one_argument_urls_equal_reverse(prefix):
    set_script_prefix(prefix)
    for arg in ARGS:
        for viewname in ("petitions:detail", "core:module"):  # a str and a slug argument
            assert _outcome(links.url_with, viewname, arg) == _outcome(lambda v, a: reverse(v, args=[a]), viewname, arg)
    assert links._AROUND[links._key("petitions:detail")] is not None


def test_a_slash_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        reverse("petitions:detail", args=["a/b"])
    with pytest.raises(NoReverseMatch):
        links.url_with("petitions:detail", "a/b")


UUID_ARGS = [
    "6f1c1f8e-2a52-4c3e-9a57-0b0b3c1d2e4f",
    uuid.UUID("0b0b3c1d-2e4f-4c3e-9a57-6f1c1f8e2a52"),
    "6F1C1F8E-2A52-4C3E-9A57-0B0B3C1D2E4F",  # upper case: the converter refuses it, as reverse() does
    "6f1c1f8e2a524c3e9a570b0b3c1d2e4f",
    "6f1c1f8e-2a52-4c3e-9a57-0b0b3c1d2e4f/x",
    "dv0link0arg",
    7,
]


@pytest.mark.parametrize("prefix", ["/", "/danvan/"])
def test_uuid_urls_equal_reverse(prefix):
    set_script_prefix(prefix)
    for arg in UUID_ARGS:
        for viewname in ("documents:detail", "accounts:detail"):
            assert _outcome(links.url_with, viewname, arg) == _outcome(lambda v, a: reverse(v, args=[a]), viewname, arg)
    assert links._AROUND[links._key("documents:detail")] is not None


def test_a_view_whose_argument_is_an_integer_is_always_reversed():
    # An int converter refuses both placeholders: every call goes to reverse(), which answers as usual.
    assert links.url_with("democracy:item_edit", 12) == reverse("democracy:item_edit", args=[12])
    assert links._AROUND[links._key("democracy:item_edit")] is None
    with pytest.raises(NoReverseMatch):
        links.url_with("democracy:item_edit", "abc")


@pytest.mark.parametrize("prefix", ["/", "/danvan/"])
def test_fixed_urls_and_the_menu_equal_reverse(prefix):
    set_script_prefix(prefix)
    for module in MODULES:
        expected = reverse(module.url_name) if module.url_name else reverse("core:module", args=[module.slug])
        assert module.url == expected
        assert module.url == expected  # the second answer comes from the kept one
