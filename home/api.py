"""The read API at ``/api/v2/``: Wagtail's API v2 for pages, images and documents, and the
endpoints the other apps register on the same router from their ``AppConfig.ready()``
(``organisations``: membership, ``events``: events, ``news``: news), so this module
imports none of them.

Every endpoint is anonymous and read-only (GET and HEAD; anything else answers 405): no
authentication is read, so a signed-in visitor sees exactly what a stranger sees. It serves
public data only: live pages without a view restriction (Wagtail's ``public()``), documents
outside restricted collections, published organisations. Lists are paginated with
``limit`` (at most ``WAGTAILAPI_LIMIT_MAX``) and ``offset``; a number in the query string
that is no number, or beyond what a database holds, answers 400, never a 500. Each client
is throttled (``THROTTLE_RATES["api"]``, 429). A 200 is ``public`` for
``PAGE_CACHE_MAX_AGE`` seconds; the page cache (``home/page_cache.py``) keeps anonymous
answers under the content version like any page, so a publish is seen at once.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.utils.cache import patch_cache_control
from django_ratelimit.exceptions import Ratelimited
from rest_framework.exceptions import Throttled
from rest_framework.fields import Field
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction, Locale

from association.hygiene import query_int
from association.throttle import throttle

api_router = WagtailAPIRouter("wagtailapi")

# Query-string parameters holding an id (``child_of`` may also be ``root``) or a count.
ID_PARAMETERS = ("id", "child_of", "ancestor_of", "descendant_of", "translation_of")
COUNT_PARAMETERS = ("limit", "offset")


class PublicReadMixin:
    """What every endpoint of the read API shares (see the module's docstring)."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = []
    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        try:
            throttle(request, "api")
        except Ratelimited as error:
            raise Throttled() from error
        for name in ID_PARAMETERS:
            value = request.GET.get(name)
            if value is not None and value != "root" and query_int(value) is None:
                raise BadRequestError(f"{name} must be a positive integer")
        for name in COUNT_PARAMETERS:
            value = request.GET.get(name)
            if value is not None and query_int(value, minimum=0) is None:
                raise BadRequestError(f"{name} must be a positive integer")

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        return response


def requested_locale(request) -> Locale | None:
    """The locale ``?locale=`` names (``en``, ``sr-latn``, ``sr``), None when not given;
    an unknown one answers 400."""
    code = request.GET.get("locale")
    if code is None:
        return None
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise BadRequestError("locale must be one of the site's languages")
    return locale


class TermsField(Field):
    """A many-to-many of taxonomy terms (sectors, series, categories) as ``slug`` and
    ``name`` pairs; the endpoint prefetches them, so a list costs one query more, whatever
    its length."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, manager):
        return [{"slug": term.slug, "name": term.name} for term in manager.all()]


class PublicPagesAPIViewSet(PublicReadMixin, PagesAPIViewSet):
    """Every live page without a view restriction, in any language (``?locale=``), of any
    type (``?type=news.NewsPage``)."""


class PublicImagesAPIViewSet(PublicReadMixin, ImagesAPIViewSet):
    pass


class PublicDocumentsAPIViewSet(PublicReadMixin, DocumentsAPIViewSet):
    """Documents, except those in a collection staff restricted (and its sub-collections)."""

    def get_queryset(self):
        restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
        hidden = Q()
        for path in restricted:
            hidden |= Q(collection__path__startswith=path)
        return super().get_queryset().exclude(hidden) if hidden else super().get_queryset()


api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
