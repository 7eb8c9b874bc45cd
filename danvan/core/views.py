from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from danvan.core.navigation import MODULES_BY_SLUG
from danvan.organisations.selectors import orgunit_roots_for_user


@login_required
def home(request):
    return render(request, "core/home.html", {"roots": orgunit_roots_for_user(user=request.user)})


@login_required
def module(request, slug):
    module = MODULES_BY_SLUG.get(slug)
    if module is None:
        raise Http404
    return render(request, "core/module.html", {"module": module})


def healthz(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
