"""The fuzz test of the signed links people get by mail: a registration's ticket, confirm,
cancel and pay links, and the newsletter's subscription, confirmation, unsubscribe and
preferences links with its archive. See ``strategies.py`` for what the fuzz test is and how to
run it."""

from __future__ import annotations

from hypothesis import strategies as st

from .forms import post_form, submissions
from .harness import Req, segment
from .hostile import email_value, hostile_text, int_value, params, value
from .strategies import (
    FUZZ_MARKS,
    drive,
    get,
    hostile_segment,
    in_languages,
    language,
    post,
    signed_tokens,
)

pytestmark = FUZZ_MARKS


# --- a registration's signed link: ticket, confirm, cancel, pay ----------------------------


def test_fuzz_ticket_links(fuzzer, site):
    tokens = signed_tokens(
        list(site.ticket_tokens.values()), "events.registration.manage", compress=True
    )
    who = st.sampled_from(["anonymous", "anonymous", "member"])
    junk_form = st.one_of(st.just([]), params({"confirm": value(["1"]), "code": hostile_text}))

    def link(lang, token, tail):
        return f"{lang}/tickets/{token}/{tail}"

    paths = {
        tail: st.builds(link, language, tokens, st.just(tail))
        for tail in ["", "qr.svg", "confirm/", "cancel/", "pay/"]
    }
    strategy = st.one_of(
        who.flatmap(lambda u: get("GET /tickets/<token>/", paths[""], user=u)),
        get("GET /tickets/<token>/qr.svg", paths["qr.svg"]),
        *(
            who.flatmap(
                lambda u, tail=tail: post(
                    f"POST /tickets/<token>/{tail}", paths[tail], junk_form, user=u
                )
            )
            for tail in ["confirm/", "cancel/", "pay/"]
        ),
        # Cancelling asks first: a GET shows the question (or says it is cancelled already).
        who.flatmap(lambda u: get("GET /tickets/<token>/cancel/", paths["cancel/"], user=u)),
        # The views refuse other methods: a GET to an action, a POST to the ticket.
        get("GET /tickets/<token>/confirm/", paths["confirm/"]),
        post("POST /tickets/<token>/", paths[""], junk_form),
    )
    drive(fuzzer, strategy, "tickets")


# --- the newsletter: subscribe, confirm, unsubscribe, preferences, archive ----------------


def _newsletter_forms(site):
    """The subscription form and a subscriber's preferences form as the site serves them,
    with hostile answers."""
    subscribe = post_form(
        site.client_for("anonymous"),
        "/newsletter/",
        fallback={
            "email": ["fuzz@example.org"],
            "name": ["Ana"],
            "language": ["en", "sr", "sr-latn"],
            "interests": [str(site.sector.pk)],
            "consent": ["on"],
            "source": ["page", "home", "footer"],
        },
    )
    overrides = {"email": email_value(), "interests": int_value([site.sector.pk])}
    preferences = submissions(
        post_form(
            site.client_for("anonymous"),
            f"/newsletter/preferences/{site.newsletter_tokens['unsubscribe']}/",
            fallback={"name": ["Ana"], "language": ["en"], "interests": [str(site.sector.pk)]},
        ),
        overrides=overrides,
    )
    return submissions(subscribe, overrides=overrides), preferences


def _subscription_requests(subscription) -> list:
    return [
        get(
            "GET /newsletter/",
            in_languages("/newsletter/"),
            params({"from": value(["home", "footer"])}),
        ),
        post(
            "POST /newsletter/",
            in_languages("/newsletter/"),
            subscription,
            params({"from": value(["home", "footer"])}),
        ),
        get("GET /newsletter/thanks/", in_languages("/newsletter/thanks/")),
    ]


def _at(prefix):
    return lambda tokens_: st.builds(lambda lang, t: f"{lang}{prefix}{t}/", language, tokens_)


def _link_requests(tokens: dict, preferences) -> list:
    """The confirmation, unsubscribe and preferences links, real and forged."""
    confirm_tokens = signed_tokens(
        [tokens["confirm"], tokens["confirm_used"]], "newsletter.confirm"
    )
    unsubscribe_tokens = signed_tokens(
        [tokens["unsubscribe"], tokens["unsubscribe_hash"]], "newsletter.unsubscribe"
    )
    return [
        get("GET /newsletter/confirm/<token>/", _at("/newsletter/confirm/")(confirm_tokens)),
        post(
            "POST /newsletter/confirm/<token>/",
            _at("/newsletter/confirm/")(confirm_tokens),
            st.just([]),
        ),
        get(
            "GET /newsletter/unsubscribe/<token>/",
            _at("/newsletter/unsubscribe/")(unsubscribe_tokens),
        ),
        post(
            "POST /newsletter/unsubscribe/<token>/",
            _at("/newsletter/unsubscribe/")(unsubscribe_tokens),
            st.one_of(st.just([]), st.just([("List-Unsubscribe", "One-Click")])),
        ),
        get("GET /newsletter/unsubscribe/", in_languages("/newsletter/unsubscribe/")),
        get(
            "GET /newsletter/preferences/<token>/",
            _at("/newsletter/preferences/")(unsubscribe_tokens),
        ),
        post(
            "POST /newsletter/preferences/<token>/",
            _at("/newsletter/preferences/")(
                st.one_of(st.just(segment(tokens["unsubscribe"])), unsubscribe_tokens)
            ),
            preferences,
        ),
    ]


def _archive_requests() -> list:
    return [
        get(
            "GET /newsletter/archive/",
            in_languages("/newsletter/archive/"),
            params({"page": int_value([1, 2])}),
        ),
        get(
            "GET /newsletter/archive/<issue>/",
            st.builds(
                lambda lang, slug: f"{lang}/newsletter/archive/{slug}/",
                language,
                st.one_of(st.just("infocluster-1"), hostile_segment),
            ),
        ),
        post(
            "POST /newsletter/dashboard/subscribe/",
            in_languages("/newsletter/dashboard/subscribe/"),
            st.just([]),
            user="member",
        ),
    ]


def _newsletter_known() -> tuple[Req, ...]:
    return (
        Req(
            "POST /newsletter/",
            "POST",
            "/newsletter/",
            form=[
                ("email", "fuzz@example.org"),
                ("language", "en"),
                ("consent", "on"),
                ("interests", "9" * 30),
            ],
        ),
        Req(
            "POST /newsletter/",
            "POST",
            "/newsletter/",
            form=[("email", "fuzz@example.org"), ("language", "en"), ("consent", "on")],
            headers={"User-Agent": "fuzz\x00agent"},
        ),
    )


def test_fuzz_newsletter(fuzzer, site):
    subscription, preferences = _newsletter_forms(site)
    strategy = st.one_of(
        *_subscription_requests(subscription),
        *_link_requests(site.newsletter_tokens, preferences),
        *_archive_requests(),
    )
    drive(fuzzer, strategy, "newsletter", _newsletter_known())
