"""The fixed vocabularies of the European Cluster Collaboration Platform's (ECCP) cluster
organisation profile, and the field that stores a choice of several of them.

The lists are the options of the ECCP's profile form as its published profiles print them
(emerging industries are the ten of the European Cluster Observatory). A list is stored as a
JSON list of values, so it works on PostgreSQL and SQLite alike; the values are validated
against the vocabulary, and a value is never translated (the labels are)."""

from django import forms
from django.conf import global_settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class EmergingIndustry(models.TextChoices):
    ADVANCED_PACKAGING = "advanced_packaging", _("Advanced packaging")
    BIOPHARMACEUTICALS = "biopharmaceuticals", _("Biopharmaceuticals")
    BLUE_GROWTH = "blue_growth", _("Blue growth industries")
    CREATIVE = "creative", _("Creative industries")
    DIGITAL = "digital", _("Digital industries")
    ENVIRONMENTAL = "environmental", _("Environmental industries")
    EXPERIENCE = "experience", _("Experience industries")
    LOGISTICAL_SERVICES = "logistical_services", _("Logistical services")
    MEDICAL_DEVICES = "medical_devices", _("Medical devices")
    MOBILITY_TECHNOLOGIES = "mobility_technologies", _("Mobility technologies")


class SupportService(models.TextChoices):
    ACCESS_TO_FINANCE = "access_to_finance", _("Access to finance")
    ACCESS_TO_PUBLIC_SUPPORT = (
        "access_to_public_support",
        _("Access to public support (regional/national programmes, innovation vouchers, etc.)"),
    )
    COLLABORATION_BETWEEN_MEMBERS = (
        "collaboration_between_members",
        _("Facilitation of collaboration between members"),
    )
    CROSS_SECTORAL_COOPERATION = (
        "cross_sectoral_cooperation",
        _("Facilitation of cross-sectoral cooperation"),
    )
    INTERNATIONALISATION = (
        "internationalisation",
        _("Internationalisation support (access to third-country markets)"),
    )
    INFORMATION_DISSEMINATION = "information_dissemination", _("Periodic information dissemination")
    PROMOTION = "promotion", _("Promotion and marketing")
    INFRASTRUCTURE = "infrastructure", _("Provision of infrastructure")
    RESEARCH_INNOVATION = "research_innovation", _("Research and innovation support")
    SKILLS = "skills", _("Skills development and training")
    ENTREPRENEURSHIP = "entrepreneurship", _("Support to entrepreneurship and start-ups")
    TECHNOLOGY_TRANSFER = "technology_transfer", _("Technology transfer")


class CooperationActivity(models.TextChoices):
    """What a cluster organisation did abroad for its members: within Europe
    (trans-national) or beyond it (international)."""

    MISSIONS_EVENTS = "missions_events", _("Participation at missions, events, study visits, fairs")
    MATCHMAKING = "matchmaking", _("Organisation of matchmaking and B2B events")
    AGREEMENTS = "agreements", _("Cooperation agreements (memoranda of understanding)")
    JOINT_PROJECTS = "joint_projects", _("Joint projects with partners abroad")
    HOSTING_DELEGATIONS = "hosting_delegations", _("Hosting delegations from abroad")


def language_choices() -> list[tuple[str, str]]:
    """The languages a management team may speak: Django's list, whose names its own
    catalogues translate."""
    return [(code, _(name)) for code, name in global_settings.LANGUAGES]


class ChoiceListField(models.JSONField):
    """Several values of one vocabulary, stored as a JSON list; edited as checkboxes (or a
    multiple select), validated against the vocabulary, each value at most once."""

    def __init__(self, *args, vocabulary=None, **kwargs):
        self.vocabulary = vocabulary
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def item_choices(self) -> list[tuple[str, str]]:
        vocabulary = self.vocabulary
        if callable(vocabulary) and not isinstance(vocabulary, type):
            return vocabulary()
        return list(vocabulary.choices) if vocabulary is not None else []

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value in (None, ""):
            return
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValidationError(gettext("Choose from the list."), code="invalid_list")
        allowed = {code for code, _label in self.item_choices()}
        unknown = [item for item in value if item not in allowed]
        if unknown:
            raise ValidationError(
                gettext("“%(value)s” is not one of the choices.") % {"value": unknown[0]},
                code="invalid_choice",
            )
        if len(set(value)) != len(value):
            raise ValidationError(gettext("A choice is given twice."), code="duplicate")

    def labels(self, value) -> list[str]:
        """The labels of the stored values, in the vocabulary's order; an unknown value as
        it is."""
        labels = dict(self.item_choices())
        return [str(labels.get(item, item)) for item in value or []]

    def formfield(self, **kwargs):
        many = len(self.item_choices()) > 20
        return forms.MultipleChoiceField(
            choices=self.item_choices,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            widget=kwargs.get("widget")
            or (forms.SelectMultiple(attrs={"size": 8}) if many else forms.CheckboxSelectMultiple),
        )
