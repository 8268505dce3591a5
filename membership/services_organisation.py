"""Writes to an organisation's profile."""

from django.db import transaction
from wagtail.images import get_image_model

from .models import ContactPerson, Organisation

M2M_FIELDS = ("sectors", "technology_fields")


def _logo_title(name: str, image_model) -> str:
    """ "<name> logo", cut to the image title's length (a name may be as long as the title)."""
    suffix = " logo"
    limit = image_model._meta.get_field("title").max_length - len(suffix)
    return name[:limit].rstrip() + suffix


@transaction.atomic
def organisation_update(*, organisation: Organisation, user, data: dict) -> Organisation:
    """Apply ``data`` (profile fields, ``contact_persons`` as a list of dicts with an
    optional ``id``, and ``logo_file``) to the live organisation and record a revision, so
    staff see who changed what. The public profile shows the change at once."""
    data = dict(data)
    contacts = data.pop("contact_persons", None)
    logo_file = data.pop("logo_file", None)
    for name, value in data.items():
        if name in M2M_FIELDS:
            setattr(organisation, name, list(value))
        else:
            setattr(organisation, name, value)
    if contacts is not None:
        existing = {person.pk: person for person in organisation.contact_persons.all()}
        kept = []
        for order, fields in enumerate(contacts):
            fields = dict(fields)
            person = existing.get(fields.pop("id", None)) or ContactPerson()
            for name, value in fields.items():
                setattr(person, name, value)
            person.sort_order = order
            kept.append(person)
        # ClusterableModel: assigning the list stages the children; save() writes them
        # and deletes the ones left out.
        organisation.contact_persons = kept
    if logo_file is not None:
        image_model = get_image_model()
        image = image_model(title=_logo_title(organisation.name, image_model), file=logo_file)
        image.full_clean(exclude=["file_size", "file_hash", "width", "height"])
        image.save()
        organisation.logo = image
    organisation.full_clean()
    organisation.save()
    organisation.save_revision(user=user, log_action=True, clean=False)
    return organisation
