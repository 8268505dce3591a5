"""The project's URLs with the benchmark's constant-response view in front.

The view goes first: the i18n patterns end in Wagtail's catch-all, which would otherwise
answer the path with a page lookup and a 404.
"""

from django.urls import path

from association import urls as project_urls

from . import views

urlpatterns = [
    path("__bench__/constant/", views.constant, name="bench_constant"),
    *project_urls.urlpatterns,
]

handler404 = project_urls.handler404
handler500 = project_urls.handler500
