#!/usr/bin/env bash
# One round of translations: extract the msgids, fill the Vietnamese from locale/pending/*.json, compile, check.
# Run from the repository root after `source scripts/_setup.sh --dev`. Commit locale/ afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
$PY manage.py makemessages -l vi -l en --no-obsolete --ignore=.venv --ignore=.tools --ignore=var \
  --ignore=bench --ignore=static --ignore=staticfiles >/dev/null
$PY scripts/dev/po_fill.py locale/vi/LC_MESSAGES/django.po locale/pending/*.json
$PY manage.py compilemessages -l vi -l en >/dev/null
msgfmt -c -o /dev/null locale/vi/LC_MESSAGES/django.po
echo "translations compiled"
