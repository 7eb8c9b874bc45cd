"""`reverse()` for the links a page repeats: the menu's fixed links and one link per row of a list.

Django's `reverse()` costs ~20 µs of CPU a call; a list of 100 petitions links each row, and the menu reverses its
fifteen modules on every page. The URL of a view without arguments, and the URL of a one-argument view around a
placeholder, are computed once per view, script prefix, URL configuration and language; a row's URL is then the
placeholder's URL with the argument put in. Only for a route whose only argument is a `str` or `slug` converter and
an argument reverse() would write unchanged (letters, digits, '-' and '_'), or a `uuid` converter and an argument
written as a UUID is (lower-case hex in 8-4-4-4-12): anything else goes to reverse().
"""

import re

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, resolve, reverse
from django.utils.translation import get_language

_PLACEHOLDER = "dv0link0arg"
_PLAIN = re.compile(r"[A-Za-z0-9_-]+\Z")
_ONE_TEXT_ARGUMENT = re.compile(r"[^<]*<(?:str|slug):\w+>[^<]*\Z")
# A UUID converter refuses the text placeholder: a UUID that no record has stands in for the argument.
_UUID_PLACEHOLDER = "d0d0d0d0-11c5-4d0d-8d0d-0123456789ab"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_ONE_UUID_ARGUMENT = re.compile(r"[^<]*<uuid:\w+>[^<]*\Z")
_FIXED: dict[tuple, str] = {}
_AROUND: dict[tuple, tuple[str, str, re.Pattern] | None] = {}


def _key(viewname: str) -> tuple:
    return (viewname, get_script_prefix(), get_urlconf(), get_language())


def fixed_url(viewname: str) -> str:
    """reverse(viewname) for a view without arguments, computed once."""
    key = _key(viewname)
    url = _FIXED.get(key)
    if url is None:
        url = _FIXED[key] = reverse(viewname)
    return url


def _around(viewname: str) -> tuple[str, str, re.Pattern] | None:
    for placeholder, route, argument in (
        (_PLACEHOLDER, _ONE_TEXT_ARGUMENT, _PLAIN),
        (_UUID_PLACEHOLDER, _ONE_UUID_ARGUMENT, _UUID),
    ):
        try:
            url = reverse(viewname, args=[placeholder])
        except NoReverseMatch:
            continue
        match = resolve(url[len(get_script_prefix()) - 1 :])
        if match.view_name != viewname or url.count(placeholder) != 1 or not route.match(match.route):
            return None
        head, tail = url.split(placeholder)
        return head, tail, argument
    return None


def url_with(viewname: str, arg) -> str:
    """reverse(viewname, args=[arg]), without reversing again for every row of a list."""
    arg = str(arg)
    key = _key(viewname)
    if key not in _AROUND:
        _AROUND[key] = _around(viewname)
    parts = _AROUND[key]
    if parts is None or not parts[2].match(arg):
        return reverse(viewname, args=[arg])
    return parts[0] + arg + parts[1]
