"""The member dashboard's editor of an organisation's public profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import selectors
from .forms_organisation import ContactPersonFormSet, OrganisationProfileForm, profile_data
from .models import Organisation
from .services_organisation import organisation_update


@login_required
def organisation_edit(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not selectors.can_edit_organisation(request.user, organisation):
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
