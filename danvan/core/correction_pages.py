"""The page that corrects a recorded fact (decision 0062): the record's values in a form with the reason and the
version shown, the app's `<entity>_correct` service on save, and the record's history from the audit log below."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from danvan.audit.selectors import auditevent_history_of
from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of


def correction_page(request, *, record, form_class, service, template, done, fields=None, context=None, **form_kwargs):
    """`service(actor=…, **cleaned_data)` saves; `done` is where a saved correction goes. `fields` are the record's
    attributes the form starts from (default: the form's fields less the reason and the version)."""
    if fields is None:
        fields = [name for name in form_class.base_fields if name not in ("reason", "expected_version")]
    initial = {name: getattr(record, name) for name in fields} | {"expected_version": version_of(record)}
    form = form_class(request.POST or None, initial=initial, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            if exc.code == "forbidden":
                raise Http404 from exc
            show_conflict(form, exc)
        else:
            messages.success(request, _("Correction saved."))
            return redirect(done)
    return render(request, template, {**(context or {}), "form": form, "history": auditevent_history_of(record)})
