"""Public newsletter pages: subscribe, confirm, unsubscribe, preferences, the archive, and
the dashboard's one-click subscription."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from association.csrf import same_origin_form
from association.throttle import throttle

from . import selectors, services
from .forms import CONSENT_WORDING, DASHBOARD_WORDING, PreferencesForm, SubscribeForm
from .models import Subscriber
from .tokens import TokenExpired, TokenInvalid, read_confirmation_token, read_unsubscribe_token

ARCHIVE_PER_PAGE = 12


def _client(request) -> dict:
    return {
        "ip": request.META.get("REMOTE_ADDR") or None,
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:500],
    }


def _problem(request, *, title: str, message: str, status: int, **extra):
    return TemplateResponse(
        request,
        "newsletter/message.html",
        {"title": title, "message": message, **extra},
        status=status,
    )


# Posted from the footer of every page, cached pages too, which carry no CSRF token: the
# endpoint acts for no session and is refused to other sites' pages (association/csrf.py).
@same_origin_form
def subscribe(request):
    form = SubscribeForm(request.POST or None, initial={"source": request.GET.get("from", "")})
    if request.method == "POST":
        # Every attempt counts, valid or not: a subscription sends mail. It counts as a
        # resend too, since one for a pending address sends its link again; counting them
        # all keeps the answer the same whatever the address's state.
        email = request.POST.get("email", "")
        throttle(request, "subscribe", address=email)
        throttle(request, "resend", address=email)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.subscription_request(
                    email=data["email"],
                    name=data["name"],
                    language=data["language"],
                    interests=data["interests"],
                    source=data["source"],
                    wording=str(CONSENT_WORDING),
                    **_client(request),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("newsletter:subscribe_thanks")
        return TemplateResponse(request, "newsletter/subscribe.html", {"form": form}, status=400)
    return TemplateResponse(request, "newsletter/subscribe.html", {"form": form})


def subscribe_thanks(request):
    # The same answer for a new, pending or existing address: who is subscribed stays private.
    return _problem(
        request,
        title=_("Check your inbox"),
        message=_(
            "If this address is not subscribed yet, we have sent it a message with a link to "
            "confirm the subscription. The link works for 72 hours."
        ),
        status=200,
    )


def _token_problem(request, error, token=""):
    if isinstance(error, TokenExpired):
        return _problem(
            request,
            title=_("This link has expired"),
            message=_(
                "Confirmation links work for 72 hours. We can send you a new one, or you can "
                "subscribe again."
            ),
            status=410,
            subscribe_again=True,
            resend_url=reverse("newsletter:confirm_resend", args=[token]) if token else "",
        )
    return _problem(
        request,
        title=_("This link is not valid"),
        message=_("The link is incomplete or was changed. Copy the whole link from the e-mail."),
        status=400,
        subscribe_again=True,
    )


def _confirmation_done(request, subscriber: Subscriber | None, nonce: str):
    """The answer to a confirmation link that cannot confirm (any more), or None while it
    still can."""
    if subscriber is None:
        return _token_problem(request, TokenInvalid())
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return _problem(
            request,
            title=_("You are already subscribed"),
            message=_("This address receives Infocluster already; there is nothing to confirm."),
            status=200,
        )
    if subscriber.status == Subscriber.Status.PENDING and subscriber.confirmation_nonce != nonce:
        return _problem(
            request,
            title=_("A newer link was sent"),
            message=_(
                "We have sent a newer confirmation link to this address since. Use the link "
                "in the latest e-mail."
            ),
            status=409,
        )
    if subscriber.status != Subscriber.Status.PENDING:
        return _problem(
            request,
            title=_("This link has been used already"),
            message=_("Each confirmation link works once. Subscribe again to receive Infocluster."),
            status=409,
            subscribe_again=True,
        )
    return None


@never_cache  # a reopened link asks the server where the subscription stands now
def confirm(request, token):
    """GET shows a button (mail scanners follow links); POST confirms. A link that has done
    its work says where the subscription stands instead."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        pk, nonce = read_confirmation_token(token)
    except (TokenExpired, TokenInvalid) as error:
        return _token_problem(request, error, token)
    if request.method == "POST":
        try:
            services.subscription_confirm(token=token, **_client(request))
        except (TokenExpired, TokenInvalid) as error:
            return _token_problem(request, error, token)
        except services.AlreadyUsed:
            pass
        else:
            return _problem(
                request,
                title=_("You are subscribed"),
                message=_("Thank you. The next Infocluster will reach your inbox."),
                status=200,
            )
    subscriber = Subscriber.objects.filter(pk=pk).only("status", "confirmation_nonce").first()
    done = _confirmation_done(request, subscriber, nonce)
    if done is not None:
        return done
    return TemplateResponse(request, "newsletter/confirm.html", {"token": token})


@require_POST
def confirm_resend(request, token):
    """An expired link asks for a new one (the button on the "expired" page)."""
    try:
        pk, _nonce = read_confirmation_token(token, expired_ok=True)
    except TokenInvalid as error:
        return _token_problem(request, error)
    email = Subscriber.objects.filter(pk=pk).values_list("email", flat=True).first()
    throttle(request, "resend", address=email)
    services.confirmation_resend(token=token)
    # The same answer whatever happened: the link's owner finds the new one in the inbox.
    return _problem(
        request,
        title=_("Check your inbox"),
        message=_(
            "If this subscription still awaits confirmation, we have sent a new link to its "
            "address. The link works for 72 hours."
        ),
        status=200,
    )


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs with no session; the token decides.
@never_cache
def unsubscribe(request, token=None):
    if token is None:
        return _problem(
            request,
            title=_("This link is not valid"),
            message=_("An unsubscribe request needs the link from the e-mail."),
            status=400,
        )
    try:
        kind, value = read_unsubscribe_token(token)
    except TokenInvalid as error:
        return _token_problem(request, error)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    subscriber = (
        Subscriber.objects.filter(pk=value).only("language", "status").first()
        if kind == "s"
        else None
    )
    # The page speaks the subscriber's language, whichever language the link was made in
    # (the one-click POST of a mail client is answered in it too, without a redirect).
    language = subscriber.language if subscriber else translation.get_language()
    if request.method == "GET" and language != translation.get_language():
        with translation.override(language):
            return redirect(reverse("newsletter:unsubscribe", args=[token]))
    with translation.override(language):
        if request.method == "POST":
            services.unsubscribe_by_token(
                token=token, source="unsubscribe link", **_client(request)
            )
        elif subscriber is None or subscriber.status in (
            Subscriber.Status.PENDING,
            Subscriber.Status.CONFIRMED,
        ):
            # Before the click: a question and its button.
            return TemplateResponse(
                request,
                "newsletter/unsubscribe.html",
                {"token": token, "has_preferences": subscriber is not None},
            ).render()
        # After it (or for an address that no longer receives anything): the confirmation.
        return _problem(
            request,
            title=_("You are unsubscribed"),
            message=_("We will not send you Infocluster again. Sorry to see you go."),
            status=200,
        ).render()


def preferences(request, token):
    try:
        kind, value = read_unsubscribe_token(token)
    except TokenInvalid as error:
        return _token_problem(request, error)
    subscriber = Subscriber.objects.filter(pk=value).first() if kind == "s" else None
    if subscriber is None:
        return redirect("newsletter:unsubscribe", token=token)
    initial = {
        "name": subscriber.name,
        "language": subscriber.language,
        "interests": list(subscriber.interests.all()),
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.subscriber_update_preferences(
            subscriber=subscriber,
            name=form.cleaned_data["name"],
            language=form.cleaned_data["language"],
            interests=form.cleaned_data["interests"],
        )
        messages.success(request, _("Your preferences are saved."))
        return redirect("newsletter:preferences", token=token)
    return TemplateResponse(
        request,
        "newsletter/preferences.html",
        {"form": form, "token": token, "subscriber": subscriber},
        status=400 if request.method == "POST" else 200,
    )


def archive(request):
    page_obj = Paginator(selectors.archive_issues(), ARCHIVE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request, "newsletter/archive.html", {"page_obj": page_obj, "issues": page_obj}
    )


def archive_issue(request, slug):
    issue = selectors.archive_issue(slug=slug)
    if issue is None:
        raise Http404(_("There is no such issue in the archive."))
    return TemplateResponse(request, "newsletter/archive_issue.html", {"issue": issue})


@login_required
@require_POST
def dashboard_subscribe(request):
    throttle(request, "subscribe", address=request.user.email)
    try:
        services.subscription_member(
            user=request.user,
            language=translation.get_language(),
            wording=str(DASHBOARD_WORDING),
            **_client(request),
        )
    except PermissionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You are subscribed to Infocluster."))
    return redirect("dashboard")
