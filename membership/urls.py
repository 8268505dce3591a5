from django.urls import path

from .views import account, membership, organisation_editor

urlpatterns = [
    path("dashboard/", membership.dashboard, name="dashboard"),
    path("dashboard/memberships/<int:pk>/pay/", membership.membership_pay, name="membership_pay"),
    path(
        "dashboard/memberships/<int:pk>/pay/bank/",
        membership.membership_pay_bank,
        name="membership_pay_bank",
    ),
    path(
        "dashboard/memberships/<int:pk>/renew/",
        membership.membership_renew,
        name="membership_renew",
    ),
    path(
        "dashboard/organisations/<slug:slug>/edit/",
        organisation_editor.organisation_edit,
        name="organisation_edit",
    ),
    path("dashboard/my-data.json", account.account_data, name="account_data"),
    path("dashboard/delete-account/", account.account_delete, name="account_delete"),
]
