"""The fuzz test of accounts and membership: sign-up, login, password reset, e-mail
confirmation, the membership application and the member dashboard (payments, renewals, the
organisation editor with its logo, deleting the account); and of the staff's event filters and
exports. See ``strategies.py`` for what the fuzz test is and how to run it."""

from __future__ import annotations

from hypothesis import strategies as st

from .forms import post_form, submissions
from .harness import Req
from .hostile import NUMBERS, email_value, int_value, params, uploads, value
from .strategies import (
    FUZZ_MARKS,
    drive,
    get,
    hostile_segment,
    in_languages,
    language,
    post,
    under,
)

pytestmark = FUZZ_MARKS


# --- accounts, membership application, the member dashboard ------------------------------


def _account_requests() -> list:
    """Sign-up, login, password reset and e-mail confirmation."""
    password = value(["correct-horse-battery", "a-long-enough-passphrase-2026"])
    return [
        post(
            "POST /accounts/signup/",
            in_languages("/accounts/signup/"),
            params(
                {"email": email_value(), "password1": password, "password2": password}, extra=True
            ),
        ),
        post(
            "POST /accounts/login/",
            in_languages("/accounts/login/"),
            params({"login": email_value(), "password": password, "remember": value(["on"])}),
            params(
                {"next": value(["/dashboard/", "https://evil.example.org/", "//evil.example.org"])}
            ),
        ),
        get(
            "GET /accounts/login/",
            in_languages("/accounts/login/"),
            params({"next": value(["/dashboard/", "https://evil.example.org/"])}),
        ),
        post(
            "POST /accounts/password/reset/",
            in_languages("/accounts/password/reset/"),
            params({"email": email_value()}),
        ),
        get("GET /accounts/confirm-email/<key>/", under("/accounts/confirm-email/")),
        post("POST /accounts/confirm-email/<key>/", under("/accounts/confirm-email/"), st.just([])),
        get(
            "GET /accounts/password/reset/key/<uid>-<key>/",
            st.builds(
                lambda lang, uid, key: f"{lang}/accounts/password/reset/key/{uid}-{key}/",
                language,
                st.one_of(
                    st.sampled_from(["1", "zzzzzzzzzzzzz", "z" * 14, "0"]),
                    st.integers(0, 2**80).map(lambda n: format(n, "x")),
                ),
                hostile_segment,
            ),
        ),
    ]


def _application_requests(site, member_client) -> list:
    """The membership application form, as the site serves it, with hostile answers."""
    apply = submissions(
        post_form(
            member_client,
            "/membership/apply/",
            fallback={
                "level": [str(site.free_level.pk), str(site.paid_level.pk)],
                "organisation": ["", str(site.organisation.pk)],
                "new_name": ["New Cluster"],
                "new_kind": ["cluster"],
                "new_city": ["Kragujevac"],
                "new_website": ["https://cluster.example.org"],
                "motivation": ["We want to join."],
            },
        ),
        overrides={
            "level": int_value([site.free_level.pk, site.paid_level.pk]),
            "organisation": int_value([site.organisation.pk]),
        },
    )
    return [
        get(
            "GET /membership/apply/",
            in_languages("/membership/apply/"),
            params({"level": int_value([site.free_level.pk, site.paid_level.pk])}),
            user="member",
        ),
        post("POST /membership/apply/", in_languages("/membership/apply/"), apply, user="member"),
    ]


def _membership_ids(site):
    """The member's memberships, and numbers that are none of theirs."""
    membership_ids = [m.pk for m in site.memberships.values()]
    return st.one_of(
        st.sampled_from([str(pk) for pk in membership_ids]),
        st.sampled_from([n for n in NUMBERS if n.isascii() and n.isdigit()]),
        st.integers(0, 2**70).map(str),
    )


def _dashboard_requests(site, ids) -> list:
    """The dashboard, its data export, and paying and renewing a membership."""
    return [
        get(
            "GET /dashboard/",
            in_languages("/dashboard/"),
            params({"page": int_value([1])}),
            user="member",
        ),
        get("GET /dashboard/my-data.json", in_languages("/dashboard/my-data.json"), user="member"),
        post(
            "POST /dashboard/memberships/<id>/pay/",
            st.builds(lambda lang, pk: f"{lang}/dashboard/memberships/{pk}/pay/", language, ids),
            st.just([]),
            user="member",
        ),
        post(
            "POST /dashboard/memberships/<id>/renew/",
            st.builds(lambda lang, pk: f"{lang}/dashboard/memberships/{pk}/renew/", language, ids),
            st.just([]),
            user="member",
        ),
    ]


def _organisation_requests(edit_url: str, edit_form, edit, delete) -> list:
    """The organisation editor (fields and logo) and deleting the account."""
    return [
        get(
            "GET /dashboard/organisations/<slug>/edit/",
            under("/dashboard/organisations/", "/edit/"),
            user="member",
        ),
        post(
            "POST /dashboard/organisations/<slug>/edit/",
            in_languages(edit_url),
            edit,
            user="member",
        ),
        st.builds(
            lambda lang, form, upload: Req(
                "POST /dashboard/organisations/<slug>/edit/ (logo)",
                "POST",
                lang + edit_url,
                form=form,
                files=[("logo_upload", *upload)],
                user="member",
            ),
            language,
            # The logo alone, or with other fields changed too.
            st.one_of(st.just(edit_form.base), edit),
            uploads,
        ),
        post(
            "POST /dashboard/delete-account/",
            in_languages("/dashboard/delete-account/"),
            delete,
            user="member",
        ),
    ]


def _accounts_known(site, edit_url: str, edit_form) -> tuple[Req, ...]:
    return (
        # A people's level with a new organisation named but no kind (found with FUZZ_SEED=11).
        Req(
            "POST /membership/apply/",
            "POST",
            "/membership/apply/",
            form=[
                ("level", str(site.free_level.pk)),
                ("organisation", ""),
                ("new_name", "New Cluster"),
                ("motivation", "We want to join."),
            ],
            user="member",
        ),
        # A logo that looks like a GIF to Willow but not to Pillow (found in a full run).
        Req(
            "POST /dashboard/organisations/<slug>/edit/ (logo)",
            "POST",
            edit_url,
            form=edit_form.base,
            files=[("logo_upload", "logo.gif", b"GIF89a" + b"\x00" * 20)],
            user="member",
        ),
    )


def test_fuzz_accounts_and_membership(fuzzer, site):
    member_client = site.client_for("member")
    application = _application_requests(site, member_client)
    edit_url = f"/dashboard/organisations/{site.organisation.slug}/edit/"
    edit_form = post_form(member_client, edit_url, fallback={"name": [site.organisation.name]})
    edit = submissions(
        edit_form,
        overrides={
            "sectors": int_value([site.sector.pk]),
            "technology_fields": int_value([site.technology.pk]),
        },
    )
    delete = submissions(
        post_form(
            member_client,
            "/dashboard/delete-account/",
            fallback={"confirm": ["on"], "password": ["correct-horse-battery"]},
        )
    )
    strategy = st.one_of(
        *_account_requests(),
        *application,
        *_dashboard_requests(site, _membership_ids(site)),
        *_organisation_requests(edit_url, edit_form, edit, delete),
    )
    drive(fuzzer, strategy, "accounts", _accounts_known(site, edit_url, edit_form))


# --- staff: the events admin's filters and exports ----------------------------------------


def test_fuzz_staff_filters(fuzzer, site):
    event = site.event.pk
    event_ids = st.one_of(st.just(str(event)), st.integers(0, 2**70).map(str))
    filters = params(
        {
            "status": value(["confirmed", "pending_email", "waitlisted"]),
            "ticket_type": int_value([site.free_ticket.pk, site.paid_ticket.pk]),
            "q": value(["guest", "member@example.org"]),
            "p": int_value([1, 2]),
            "export": value(["csv", "xlsx"]),
            "event": int_value([event]),
        }
    )
    strategy = st.one_of(
        get(
            "GET /admin/events/",
            st.just("/admin/events/"),
            params({"p": int_value([1, 2])}),
            user="staff",
        ),
        get(
            "GET /admin/events/<id>/registrations/",
            event_ids.map(lambda pk: f"/admin/events/{pk}/registrations/"),
            filters,
            user="staff",
        ),
        get(
            "GET /admin/events/registrations/",
            st.just("/admin/events/registrations/"),
            filters,
            user="staff",
        ),
        get(
            "GET /admin/<listing>/ (+ export)",
            st.sampled_from(
                [
                    "/admin/snippets/membership/membership/",
                    "/admin/snippets/membership/organisation/",
                    "/admin/snippets/membership/application/",
                    "/admin/snippets/newsletter/subscriber/",
                    "/admin/payments/",
                ]
            ),
            params(
                {
                    "status": value(["active", "pending", "confirmed", "paid"]),
                    "dues_status": value(["paid", "due", "overdue"]),
                    "membership_status": value(["active"]),
                    "organisation": int_value([site.organisation.pk]),
                    "level": int_value([site.paid_level.pk]),
                    "starts_on_from": value(["2026-01-01"]),
                    "ends_on_to": value(["2026-12-31"]),
                    "created_at_from": value(["2026-01-01"]),
                    "language": value(["en", "sr-latn"]),
                    "q": value(["cluster", "example.org"]),
                    "p": int_value([1, 2]),
                    "export": value(["csv", "xlsx"]),
                }
            ),
            user="staff",
        ),
        post(
            "POST /admin/events/<id>/check-in/",
            st.just(f"/admin/events/{event}/check-in/"),
            params({"code": value([site.registrations["confirmed"].code])}),
            user="staff",
        ),
    )
    known = (
        Req("GET /admin/events/", "GET", "/admin/events/", user="staff"),
        Req(
            "GET /admin/events/registrations/",
            "GET",
            "/admin/events/registrations/",
            query=[("event", str(event)), ("ticket_type", "9" * 30)],
            user="staff",
        ),
        Req(
            "GET /admin/events/registrations/",
            "GET",
            "/admin/events/registrations/",
            query=[("event", str(event)), ("ticket_type", "²")],
            user="staff",
        ),
    )
    drive(fuzzer, strategy, "staff", known)
