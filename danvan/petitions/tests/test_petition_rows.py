"""The petition tables' rows built by `{% petition_rows %}` are the HTML the template's `{% for %}` loop rendered
(kept here as it was): escaped text, the over-level and repeat badges, overdue dates only for open petitions
and only where the page passes today's date, both languages, and the empty table."""

import datetime as dt

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

from conftest import make_user
from danvan.petitions.models import Petition

from .factories import TODAY, receive

pytestmark = pytest.mark.django_db

# petitions/_table.html before perf15j (with the column names a phone shows, ux15p).
LOOP = """{% load i18n %}<div class="table-responsive"><table class="table table-sm table-hover align-middle dv-cards-table">
  <thead><tr><th>{% translate "Code" %}</th><th>{% translate "Received" %}</th><th>{% translate "Unit" %}</th><th>{% translate "Category" %}</th><th>{% translate "Field" %}</th><th>{% translate "Content" %}</th><th>{% translate "Status" %}</th><th>{% translate "Due" %}</th></tr></thead>
  <tbody>
  {% for p in petitions %}
    <tr>
      <td data-label="{% translate "Code" %}"><a href="{{ p.code|link_to:'petitions:detail' }}">{{ p.code }}</a></td>
      <td data-label="{% translate "Received" %}">{{ p.received_on|date:"SHORT_DATE_FORMAT" }}</td>
      <td data-label="{% translate "Unit" %}">{{ p.unit.name }}</td>
      <td data-label="{% translate "Category" %}">{{ p.get_category_display }}{% if p.is_over_level %} <span class="badge text-bg-warning">{% translate "vượt cấp" %}</span>{% endif %}{% if p.repeat_of_id %} <span class="badge text-bg-secondary">{% translate "repeat" %}</span>{% endif %}</td>
      <td data-label="{% translate "Field" %}">{{ p.field.name }}</td>
      <td data-label="{% translate "Content" %}">{{ p.content|truncatechars:90 }}</td>
      <td data-label="{% translate "Status" %}">{{ p.get_status_display }}</td>
      <td data-label="{% translate "Due" %}">{% if p.due_on %}<span class="{% if p.is_open and p.due_on < today %}text-danger fw-semibold{% endif %}">{{ p.due_on|date:"SHORT_DATE_FORMAT" }}</span>{% endif %}</td>
    </tr>
  {% empty %}
    <tr><td colspan="8" class="text-muted">{% translate "No petitions." %}</td></tr>
  {% endfor %}
  </tbody>
</table></div>
"""


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_rows_are_the_html_of_the_template_loop(language):
    officer = make_user("rows.officer", "officer", "C7288-DU")
    first = receive(officer, unit_code="C7288-DU", content='<b>"Đất" & nhà</b> ' + "rất dài " * 20)
    second = receive(officer, unit_code="C7288-DU", category="to_cao", is_over_level=True)
    third = receive(officer, unit_code="C7288-DU", content="Ngắn")
    Petition.objects.filter(pk=second.pk).update(repeat_of=first, due_on=TODAY - dt.timedelta(days=3))
    Petition.objects.filter(pk=third.pk).update(status=Petition.Status.RESOLVED, due_on=TODAY - dt.timedelta(days=3))
    petitions = list(Petition.objects.select_related("unit", "field").order_by("pk"))
    assert any(p.is_over_level for p in petitions) and any(p.repeat_of_id for p in petitions)
    loop = engines["django"].from_string(LOOP)
    with translation.override(language):
        for context in (
            {"petitions": petitions, "today": TODAY},
            {"petitions": petitions, "today": TODAY - dt.timedelta(days=10)},
            {"petitions": petitions},  # a page without today's date (a case's petitions)
            {"petitions": [], "today": TODAY},
        ):
            assert render_to_string("petitions/_table.html", context) == loop.render(context)
    html = render_to_string("petitions/_table.html", {"petitions": petitions, "today": TODAY})
    assert "&lt;b&gt;&quot;Đất&quot; &amp; nhà&lt;/b&gt;" in html
    assert "text-danger fw-semibold" in html
