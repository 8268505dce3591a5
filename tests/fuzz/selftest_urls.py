"""Views that misbehave on purpose, for the fuzz harness's own test."""

from django.contrib.auth import get_user_model
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import path


def stores_then_refuses(request):
    get_user_model().objects.create(username=f"stored-{request.GET.get('n', '')}")
    return HttpResponseBadRequest("refused, but stored")


def updates_then_refuses(request):
    get_user_model().objects.update(first_name="changed")
    return HttpResponseBadRequest("refused, but changed")


def refuses(request):
    return HttpResponseBadRequest("refused")


def fails(request):
    raise ZeroDivisionError("on purpose")


def reflects(request):
    return HttpResponse(f"<p>{request.GET.get('q', '')}</p>", content_type="text/html")


urlpatterns = [
    path("stores/", stores_then_refuses),
    path("updates/", updates_then_refuses),
    path("refuses/", refuses),
    path("fails/", fails),
    path("reflects/", reflects),
]
