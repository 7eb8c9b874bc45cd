"""Fill empty or fuzzy entries of a .po file from JSON dicts {msgid: msgstr}. Developer tool:

    .venv/bin/python scripts/dev/po_fill.py locale/vi/LC_MESSAGES/django.po locale/pending/*.json
A msgid with a context is keyed "context\x04msgid", or nested: {"context": {msgid: msgstr}}. Later files win.
Prints the msgids still untranslated afterwards. scripts/dev/translations.sh runs the whole round.
"""

import json
import re
import sys


def quote(text: str) -> str:
    """A .po string literal: backslashes, quotes and newlines escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return '"' + escaped + '"'


def load(json_paths: list[str]) -> dict[str, str]:
    """The pending catalogues as one flat table; a nested dict is a context."""
    table: dict[str, str] = {}
    for path in json_paths:
        for key, value in json.load(open(path, encoding="utf-8")).items():
            if isinstance(value, dict):
                table.update({f"{key}\x04{msgid}": text for msgid, text in value.items()})
            else:
                table[key] = value
    return table


def unquote(text: str) -> str:
    return text.encode().decode("unicode_escape").encode("latin-1").decode("utf-8") if text else ""


def main(po_path: str, *json_paths: str) -> int:
    table = load(list(json_paths))
    blocks = open(po_path, encoding="utf-8").read().split("\n\n")
    missing = []
    for i, block in enumerate(blocks):
        lines = block.splitlines()
        msgid, context, key = "", "", None
        for line in lines:
            if line.startswith("msgctxt "):
                key, context = "ctx", line[9:-1]
            elif line.startswith('"') and key == "ctx":
                context += line[1:-1]
            elif line.startswith("msgid "):
                key, msgid = "id", line[7:-1]
            elif line.startswith("msgid_plural") or line.startswith("msgstr"):
                key = None
            elif line.startswith('"') and key == "id":
                msgid += line[1:-1]
        msgid = unquote(msgid)
        if context:
            msgid = f"{unquote(context)}\x04{msgid}"
        if not msgid:
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        empty = re.search(r'^msgstr(\[0\])? ""$', block, re.M) and not re.search(r'^msgstr(\[0\])? ""\n"', block, re.M)
        if not (fuzzy or empty):
            continue
        if msgid not in table:
            missing.append(msgid)
            continue
        kept = [ln for ln in lines if not ln.startswith("#|")]
        kept = [ln.replace(", fuzzy", "") if ln.startswith("#,") else ln for ln in kept]
        if re.search(r"%(?![(%sd])", msgid.split("\x04")[-1]):  # a bare percent sign is not a format
            kept = [ln.replace(", python-format", "") if ln.startswith("#,") else ln for ln in kept]
        # A flags line left with no flag ("#," or "#") goes entirely.
        kept = [ln for ln in kept if ln.strip() not in {"#,", "#"}]
        head = []
        for ln in kept:
            if ln.startswith("msgstr"):
                break
            head.append(ln)
        if any(ln.startswith("msgid_plural") for ln in kept):
            head.append("msgstr[0] " + quote(table[msgid]))
        else:
            head.append("msgstr " + quote(table[msgid]))
        blocks[i] = "\n".join(head)
    open(po_path, "w", encoding="utf-8").write("\n\n".join(blocks))
    for msgid in missing:
        print("untranslated:", msgid)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
