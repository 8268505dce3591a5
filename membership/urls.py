from django.urls import path

from .views import account, membership, organisation_editor, people

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
    path(
        "dashboard/organisations/<slug:slug>/people/",
        people.organisation_people,
        name="organisation_people",
    ),
    path(
        "dashboard/organisations/<slug:slug>/people/<int:pk>/role/",
        people.organisation_person_role,
        name="organisation_person_role",
    ),
    path(
        "dashboard/organisations/<slug:slug>/people/<int:pk>/remove/",
        people.organisation_person_remove,
        name="organisation_person_remove",
    ),
    path(
        "dashboard/organisations/<slug:slug>/people/<int:pk>/handover/",
        people.organisation_admin_handover,
        name="organisation_admin_handover",
    ),
    path(
        "dashboard/organisations/<slug:slug>/invitations/<int:pk>/withdraw/",
        people.organisation_invitation_revoke,
        name="organisation_invitation_revoke",
    ),
    path(
        "dashboard/invitations/<int:pk>/accept/",
        people.invitation_accept_from_dashboard,
        name="invitation_accept_from_dashboard",
    ),
    path(
        "membership/invitation/<str:token>/",
        people.invitation_accept,
        name="organisation_invitation",
    ),
    path("dashboard/my-data.json", account.account_data, name="account_data"),
    path("dashboard/delete-account/", account.account_delete, name="account_delete"),
]
