from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from home import routing as home_routing
from home import views as home_views
from home.api import api_router

from . import views, webhooks

# One login for the whole site: allauth's refuses unverified accounts and is rate limited.
to_site_login = RedirectView.as_view(pattern_name="account_login", query_string=True)

urlpatterns = [
    path("admin/login/", to_site_login, name="wagtailadmin_login_redirect"),
    path("django-admin/login/", to_site_login, name="django_admin_login_redirect"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("healthz", views.healthz, name="healthz"),
    path("payments/", include("payments.urls")),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", home_views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", home_views.sitemap, name="sitemap_section"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "newsletter/esp/",
        include((webhooks.tracking_urlpatterns(settings.NEWSLETTER_ESP), "anymail")),
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("accounts/invitation/", include("sitesetup.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("membership.urls")),
    path("", include("events.urls")),
    # Wagtail serves no page address with a dot in it: data files of routable pages (the
    # directory's map and exports, the calendar feeds) are routed here to the page's route.
    re_path(
        r"^(?P<path>(?:[\w\-]+/)+)(?P<filename>[\w\-]+\.(?:geojson|csv|json|ics))$",
        home_views.page_data_file,
        name="page_data_file",
    ),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("newsletter/", include("newsletter.urls")),
    # Wagtail's URLs, its page view through home.routing (routing remembered per process).
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(serve_pattern, home_routing.serve, name="wagtail_serve"),
    prefix_default_language=False,
)

handler400 = "association.views.bad_request"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
