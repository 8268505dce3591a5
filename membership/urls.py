from django.urls import path

from . import views, views_directory

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/memberships/<int:pk>/pay/", views.membership_pay, name="membership_pay"),
    path("dashboard/memberships/<int:pk>/renew/", views.membership_renew, name="membership_renew"),
    path(
        "dashboard/organisations/<slug:slug>/edit/",
        views_directory.organisation_edit,
        name="organisation_edit",
    ),
    path("dashboard/my-data.json", views.account_data, name="account_data"),
    path("dashboard/delete-account/", views.account_delete, name="account_delete"),
]
