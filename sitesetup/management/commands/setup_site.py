"""``manage.py setup_site``: the site a production starts from, on an empty database right
after ``migrate``, with no demo content (sitesetup/site.py says what it writes). Idempotent:
what exists is left alone and reported.

    manage.py setup_site --name "Cluster Association of Serbia" \\
        --name-sr-latn "Klaster asocijacija Srbije" [--name-sr "…"] \\
        --contact-email office@example.org --staff-email admin@example.org \\
        [--base-url https://…] [--no-input]

Each value may come from the environment instead (``SETUP_SITE_NAME``,
``SETUP_SITE_NAME_SR_LATN``, ``SETUP_SITE_NAME_SR``, ``SETUP_CONTACT_EMAIL``,
``SETUP_STAFF_EMAIL``); on a terminal, without ``--no-input``, the command asks for what is
missing. The first staff member becomes a superuser and is invited by e-mail to choose a
password: no password ever goes on the command line.
"""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from association import public_url
from twins.transliteration import script_of

from ...site import SetupRefused, SiteNames, site_setup

# (option, environment variable, required, what to ask)
VALUES = {
    "name": ("--name", "SETUP_SITE_NAME", True, "The site's name in English"),
    "name_sr_latn": (
        "--name-sr-latn",
        "SETUP_SITE_NAME_SR_LATN",
        True,
        "The site's name in Serbian, Latin script",
    ),
    "name_sr": ("--name-sr", "SETUP_SITE_NAME_SR", False, None),
    "contact_email": (
        "--contact-email",
        "SETUP_CONTACT_EMAIL",
        True,
        "The association's contact e-mail address",
    ),
    "staff_email": (
        "--staff-email",
        "SETUP_STAFF_EMAIL",
        True,
        "The e-mail address of the first staff member (invited by e-mail)",
    ),
}


class Command(BaseCommand):
    help = (
        "Set up the site on an empty database after migrate: pages, menus, footer, languages, "
        "staff roles, and an invitation for the first staff member. No demo content."
    )

    def add_arguments(self, parser):
        for dest, (option, variable, _required, _prompt) in VALUES.items():
            parser.add_argument(option, dest=dest, default=None, help=f"Or {variable}.")
        parser.add_argument(
            "--base-url",
            default=None,
            help="The site's public address; must be PUBLIC_BASE_URL, which links use.",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Never ask: a missing value is an error.",
        )

    def handle(self, *args, **options):
        values = {dest: self._value(dest, options) for dest in VALUES}
        self._check_base_url(options["base_url"])
        names = self._names(values)
        for dest in ("contact_email", "staff_email"):
            try:
                validate_email(values[dest])
            except ValidationError as error:
                raise CommandError(
                    f"{VALUES[dest][0]} is not an e-mail address: {values[dest]!r}."
                ) from error
        try:
            report = site_setup(
                names=names,
                contact_email=values["contact_email"],
                staff_email=values["staff_email"],
            )
        except SetupRefused as refused:
            raise CommandError(str(refused)) from refused
        for line in report.lines(list_unchanged=True):
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"The site is set up at {public_url.base_url()}/ (admin: "
                f"{public_url.base_url()}/admin/)."
            )
        )

    def _value(self, dest: str, options: dict) -> str:
        option, variable, required, prompt = VALUES[dest]
        value = (options[dest] or os.environ.get(variable, "")).strip()
        if value or not required:
            return value
        if options["interactive"] and sys.stdin.isatty():
            while not value:
                value = input(f"{prompt}: ").strip()
            return value
        raise CommandError(f"Missing {option} (or the environment variable {variable}).")

    def _check_base_url(self, given: str | None) -> None:
        if not given:
            return
        from association.settings.base import public_base_url

        try:
            normalised = public_base_url(given.strip())
        except ImproperlyConfigured as error:
            raise CommandError(f"--base-url: {error}") from error
        if normalised != settings.PUBLIC_BASE_URL.rstrip("/"):
            raise CommandError(
                f"--base-url {normalised} differs from PUBLIC_BASE_URL "
                f"({settings.PUBLIC_BASE_URL}), which every link uses: set PUBLIC_BASE_URL to "
                f"the site's address and run the command again."
            )

    def _names(self, values: dict) -> SiteNames:
        if len(values["name"]) > 255 or len(values["name_sr_latn"]) > 255:
            raise CommandError("A site name is at most 255 characters long.")
        if script_of(values["name_sr_latn"]) == "sr":
            raise CommandError(
                f"--name-sr-latn must be in Latin script: {values['name_sr_latn']!r}."
            )
        if values["name_sr"] and script_of(values["name_sr"]) != "sr":
            raise CommandError(f"--name-sr must be in Cyrillic script: {values['name_sr']!r}.")
        return SiteNames(en=values["name"], sr_latn=values["name_sr_latn"], sr=values["name_sr"])
