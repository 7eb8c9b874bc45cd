"""The Vietnamese catalogue is complete and compiled: every msgid has a translation, and the .mo knows it."""

import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[3] / "locale" / "vi" / "LC_MESSAGES"


def po_entries(path: Path) -> list[tuple[str, str, bool, str | None]]:
    """(msgid, first msgstr, fuzzy?, context) for each entry, joining continued lines."""
    entries, fuzzy = [], False
    text = path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        lines = block.strip().splitlines()
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        current, parts = None, {"msgid": "", "msgstr": "", "msgctxt": None}
        for line in lines:
            match = re.match(r'^(msgctxt|msgid|msgstr|msgstr\[0\]|msgid_plural|msgstr\[\d+\])\s+"(.*)"$', line)
            if match and match.group(1) == "msgctxt":
                parts["msgctxt"], current = match.group(2), None
            elif match:
                key = match.group(1)
                current = (
                    "msgstr"
                    if key.startswith("msgstr") and key in {"msgstr", "msgstr[0]"}
                    else ("msgid" if key == "msgid" else None)
                )
                if current:
                    parts[current] = match.group(2)
            elif line.startswith('"') and current:
                parts[current] += line[1:-1]
        if parts["msgid"]:
            entries.append((parts["msgid"], parts["msgstr"], fuzzy, parts["msgctxt"]))
    return entries


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = po_entries(LOCALE / "django.po")
    assert len(entries) > 200
    untranslated = [msgid for msgid, msgstr, _, _ctx in entries if not msgstr]
    fuzzy = [msgid for msgid, _, is_fuzzy, _ctx in entries if is_fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_matches_the_source():
    with open(LOCALE / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        msgid
        for msgid, msgstr, _, context in po_entries(LOCALE / "django.po")
        if "\\" not in msgid
        and "%" not in msgid
        and (compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)) != msgstr
    ]
    assert stale == [], "run manage.py compilemessages"
