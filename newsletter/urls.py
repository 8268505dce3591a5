from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("thanks/", views.subscribe_thanks, name="subscribe_thanks"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("confirm/<str:token>/resend/", views.confirm_resend, name="confirm_resend"),
    path("unsubscribe/", views.unsubscribe, name="unsubscribe_missing"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("archive/", views.archive, name="archive"),
    path("archive/<slug:slug>/", views.archive_issue, name="archive_issue"),
    path("dashboard/subscribe/", views.dashboard_subscribe, name="dashboard_subscribe"),
]
