"""The people of a demo organisation: the Vojvodina ICT Cluster's manager (its admin), its
secretary and a board member, each with a verified address and no password (they show the
People screens; nobody signs in as them). Idempotent: a second run changes nothing."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from membership.models import Organisation, OrganisationUser

ORGANISATION_SLUG = "voict"
PEOPLE = (
    ("jelena.maric@voict.example", "Jelena", "Marić", "admin"),
    ("nikola.petrovic@voict.example", "Nikola", "Petrović", "member"),
    ("milica.jovanovic@voict.example", "Milica", "Jovanović", "member"),
)


@transaction.atomic
def seed_people() -> str:
    """Link the demo people to their organisation; a one-line summary."""
    organisation = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
    if organisation is None:
        return "People: skipped (no demo organisation)."
    user_model = get_user_model()
    created = 0
    for email, first_name, last_name, role in PEOPLE:
        user = user_model.objects.filter(email__iexact=email).first()
        if user is None:
            user = user_model(
                username=email.split("@")[0],
                email=email,
                first_name=first_name,
                last_name=last_name,
            )
            user.set_unusable_password()
            user.save()
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        _role, made = OrganisationUser.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
        created += made
    return (
        f"People: {created} created, {len(PEOPLE) - created} unchanged "
        f"({organisation.name}: an admin and two members)."
    )
