"""Views that misbehave on purpose, for the fuzz harness's own test."""

from django.contrib.auth import get_user_model
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import path

from .harness import STORED_PROBE


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


def exports_a_formula(request):
    return HttpResponse("name,city\r\n-1,=1+1\r\n", content_type="text/csv")


def exports_numbers(request):
    return HttpResponse("name,count\r\n'=1+1,-1\r\n", content_type="text/csv")


def shows_stored_script(request):
    return HttpResponse(f"<p>{STORED_PROBE}</p>", content_type="text/html")


urlpatterns = [
    path("formula.csv", exports_a_formula),
    path("numbers.csv", exports_numbers),
    path("stored/", shows_stored_script),
    path("stores/", stores_then_refuses),
    path("updates/", updates_then_refuses),
    path("refuses/", refuses),
    path("fails/", fails),
    path("reflects/", reflects),
]
