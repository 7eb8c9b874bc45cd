"""Fill empty or fuzzy entries of a .po file from a JSON dict {msgid: msgstr}. Developer tool:

    .venv/bin/python scripts/dev/po_fill.py locale/vi/LC_MESSAGES/django.po translations.json
Prints the msgids still untranslated afterwards.
"""

import json
import re
import sys


def quote(text: str) -> str:
    """A .po string literal: backslashes, quotes and newlines escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return '"' + escaped + '"'


def main(po_path: str, json_path: str) -> int:
    table = json.load(open(json_path, encoding="utf-8"))
    blocks = open(po_path, encoding="utf-8").read().split("\n\n")
    missing = []
    for i, block in enumerate(blocks):
        lines = block.splitlines()
        msgid, key = "", None
        for line in lines:
            if line.startswith("msgid "):
                key, msgid = "id", line[7:-1]
            elif line.startswith("msgid_plural") or line.startswith("msgstr"):
                key = None
            elif line.startswith('"') and key == "id":
                msgid += line[1:-1]
        msgid = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8") if msgid else ""
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
