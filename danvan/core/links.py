"""`reverse()` for the links a page repeats: the menu's fixed links and one link per row of a list.

Django's `reverse()` costs ~20 µs of CPU a call; a list of 100 petitions links each row, and the menu reverses its
fifteen modules on every page. The URL of a view without arguments, and the URL of a one-argument view around a
placeholder, are computed once per view, script prefix, URL configuration and language; a row's URL is then the
placeholder's URL with the argument put in. Only for an argument reverse() would write unchanged (letters, digits,
'-' and '_') and a route whose only argument is a `str` or `slug` converter: anything else goes to reverse().
"""

import re

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, resolve, reverse
from django.utils.translation import get_language

_PLACEHOLDER = "dv0link0arg"
_PLAIN = re.compile(r"[A-Za-z0-9_-]+\Z")
_ONE_TEXT_ARGUMENT = re.compile(r"[^<]*<(?:str|slug):\w+>[^<]*\Z")
_FIXED: dict[tuple, str] = {}
_AROUND: dict[tuple, tuple[str, str] | None] = {}


def _key(viewname: str) -> tuple:
    return (viewname, get_script_prefix(), get_urlconf(), get_language())


def fixed_url(viewname: str) -> str:
    """reverse(viewname) for a view without arguments, computed once."""
    key = _key(viewname)
    url = _FIXED.get(key)
    if url is None:
        url = _FIXED[key] = reverse(viewname)
    return url


def _around(viewname: str) -> tuple[str, str] | None:
    try:
        url = reverse(viewname, args=[_PLACEHOLDER])
    except NoReverseMatch:
        return None
    match = resolve(url[len(get_script_prefix()) - 1 :])
    if match.view_name != viewname or url.count(_PLACEHOLDER) != 1 or not _ONE_TEXT_ARGUMENT.match(match.route):
        return None
    head, tail = url.split(_PLACEHOLDER)
    return head, tail


def url_with(viewname: str, arg) -> str:
    """reverse(viewname, args=[arg]), without reversing again for every row of a list."""
    arg = str(arg)
    key = _key(viewname)
    if key not in _AROUND:
        _AROUND[key] = _around(viewname)
    parts = _AROUND[key]
    if parts is None or not _PLAIN.match(arg):
        return reverse(viewname, args=[arg])
    return parts[0] + arg + parts[1]
