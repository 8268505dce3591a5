"""The member's side of membership: applying (reached through ``MembershipPage``), the
dashboard, paying and renewing."""

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from association.hygiene import query_int
from association.throttle import throttle
from payments.bank import bank_transfer_start, payment_proforma
from payments.checkout import checkout_start
from payments.forms import BankTransferForm
from payments.invoices import InvoiceError
from payments.selectors import invoices_for_user

from .. import selectors, services
from ..forms import ApplicationForm
from ..models import Membership, MembershipLevel
from ..signals import collect_dashboard_sections


@verified_email_required
def apply(request, page):
    """/membership/apply/: reached through MembershipPage so it lives in every language."""
    if request.method == "POST":
        # Each attempt counts, valid or not: applying files rows and sends mail to staff.
        throttle(request, "apply", address=request.user.email)
    levels = selectors.levels_for_locale(locale=page.locale)
    level_id = query_int(request.GET.get("level"))
    form = ApplicationForm(
        request.POST or None,
        user=request.user,
        levels=MembershipLevel.objects.filter(pk__in=[level.pk for level in levels]),
        initial={"level": level_id} if level_id else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(
                applicant=request.user,
                level=form.cleaned_data["level"],
                motivation=form.cleaned_data["motivation"],
                organisation=form.cleaned_data.get("organisation"),
                new_organisation=form.new_organisation(),
            )
        except ValidationError as error:
            # The service validates models whose fields the form does not have.
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Thank you: your application is waiting for review."))
            return redirect("dashboard")
    return render(request, "membership/apply.html", {"page": page, "form": form, "levels": levels})


@verified_email_required
def dashboard(request):
    memberships = list(selectors.memberships_for_user(user=request.user))
    return render(
        request,
        "membership/dashboard.html",
        {
            "memberships": memberships,
            "renewable": selectors.renewable_membership_ids(
                memberships=memberships, today=timezone.localdate()
            ),
            "organisation_roles": selectors.organisations_for_user(user=request.user),
            "invitations": selectors.invitations_for_user(user=request.user),
            "applications": selectors.applications_for_user(user=request.user),
            "extra_sections": collect_dashboard_sections(request),
            "invoices": invoices_for_user(user=request.user),
        },
    )


@require_POST
@verified_email_required
def membership_pay(request, pk):
    membership = selectors.membership_for_user(user=request.user, pk=pk)
    if membership is None:
        raise Http404(_("There is no such membership."))
    if membership.status != Membership.Status.PENDING_PAYMENT or membership.level.is_free:
        messages.info(request, _("This membership has nothing left to pay."))
        return redirect("dashboard")
    # Nothing is stored when Stripe cannot be reached; the membership still waits for it.
    payment = checkout_start(
        request,
        payable=membership,
        amount=membership.level.yearly_price,
        description=_("%(level)s, one year") % {"level": membership.level.name},
        customer_email=request.user.email,
        cancel_path=reverse("dashboard"),
        unavailable_message=_(
            "We could not reach the payment service just now. Nothing was charged; "
            "please try again in a few minutes."
        ),
    )
    if payment is None:
        return redirect("dashboard")
    return redirect(payment.checkout_url)


@require_POST
@verified_email_required
def membership_renew(request, pk):
    membership = selectors.membership_for_user(user=request.user, pk=pk)
    if membership is None:
        raise Http404(_("There is no such membership."))
    if membership.status not in (Membership.Status.ACTIVE, Membership.Status.EXPIRED):
        return HttpResponseBadRequest(_("Only an active or expired membership can be renewed."))
    try:
        renewal = services.membership_renew(membership=membership, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("dashboard")
    if renewal.status == Membership.Status.ACTIVE:
        messages.success(request, _("Your membership is renewed."))
    else:
        messages.info(request, _("Your renewal is waiting for payment."))
    return redirect("dashboard")


def _buyer_initial(membership, user) -> dict:
    organisation = membership.organisation
    if organisation is not None:
        address = ", ".join(part for part in (organisation.address, organisation.city) if part)
        return {"name": organisation.name, "address": address}
    return {"name": user.get_full_name() or user.email}


@verified_email_required
def membership_pay_bank(request, pk):
    """Pay by bank transfer: the buyer's details, then a pro-forma invoice (mailed, and on
    the dashboard) that holds the membership waiting for the money."""
    membership = selectors.membership_for_user(user=request.user, pk=pk)
    if membership is None:
        raise Http404(_("There is no such membership."))
    level = membership.level
    if membership.status != Membership.Status.PENDING_PAYMENT or level.is_free:
        messages.info(request, _("This membership has nothing left to pay."))
        return redirect("dashboard")
    if not level.yearly_price_rsd:
        messages.error(request, _("This level can only be paid by card."))
        return redirect("dashboard")
    form = BankTransferForm(request.POST or None, initial=_buyer_initial(membership, request.user))
    if request.method == "POST":
        # Each pro-forma is a numbered document and a mail: as costly as an application.
        throttle(request, "bank_transfer", address=request.user.email)
        if form.is_valid():
            try:
                payment = bank_transfer_start(
                    payable=membership,
                    amount=level.yearly_price_rsd,
                    currency="RSD",
                    description=_("%(level)s, one year") % {"level": level.name},
                    buyer=form.buyer(email=request.user.email),
                    language=translation.get_language(),
                    owner=request.user,
                )
            except InvoiceError as error:
                form.add_error(None, error.messages)
            else:
                proforma = payment_proforma(payment)
                messages.success(
                    request,
                    _(
                        "Pro-forma invoice %(number)s is on its way to %(email)s; your "
                        "membership starts when the payment arrives."
                    )
                    % {"number": proforma.number if proforma else "", "email": request.user.email},
                )
                return redirect("dashboard")
    return render(
        request,
        "membership/pay_bank.html",
        {"membership": membership, "form": form, "amount": level.yearly_price_rsd},
    )
