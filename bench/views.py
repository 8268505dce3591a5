from django.http import HttpResponse

CONSTANT_BODY = b"ok\n"


def constant(request):
    """The same few bytes for every request, through the whole middleware stack and no
    template or query: the most requests a second this server can give any Django page."""
    return HttpResponse(CONSTANT_BODY, content_type="text/plain; charset=utf-8")
