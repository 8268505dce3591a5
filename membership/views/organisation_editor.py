"""The member dashboard's editor of an organisation's public profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .. import selectors
from ..forms import ContactPersonFormSet, OrganisationProfileForm, profile_data
from ..models import Organisation
from ..services import organisation_update


@login_required
def organisation_edit(request, slug):
    organisation = Organisation.objects.filter(slug=slug).first()
    can_edit = organisation is not None and selectors.can_edit_organisation(
        user=request.user, organisation=organisation
    )
    if organisation is None or (not can_edit and not organisation.is_published):
        # An organisation the visitor may neither see nor edit answers like an unknown slug,
        # so the page names no unpublished organisation (nor confirms that one exists).
        raise Http404(_("There is no such organisation."))
    if not can_edit:
        return TemplateResponse(
            request,
            "membership/organisation_edit_forbidden.html",
            {"organisation": organisation},
            status=403,
        )
    if request.method == "POST":
        form = OrganisationProfileForm(request.POST, request.FILES, instance=organisation)
        formset = ContactPersonFormSet(request.POST, instance=organisation, prefix="contacts")
        if form.is_valid() and formset.is_valid():
            # The form wrote its values onto the instance; start again from the stored row
            # so the service sees a clean object and applies the data itself.
            fresh = Organisation.objects.get(pk=organisation.pk)
            organisation_update(
                organisation=fresh, user=request.user, data=profile_data(form, formset)
            )
            messages.success(request, _("The profile has been saved."))
            return redirect(request.path)
    else:
        form = OrganisationProfileForm(instance=organisation)
        formset = ContactPersonFormSet(instance=organisation, prefix="contacts")
    return TemplateResponse(
        request,
        "membership/organisation_edit.html",
        {"organisation": organisation, "form": form, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )
