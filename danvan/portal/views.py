from django.http import Http404
from django.shortcuts import render


def home(request):
    return render(request, "portal/home.html", {})


def commune(request, code):
    raise Http404


def petition_new(request, code):
    raise Http404


def consultation(request, public_id):
    raise Http404


def file_download(request, public_id):
    raise Http404


def track(request):
    raise Http404
