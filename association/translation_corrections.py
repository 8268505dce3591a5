"""Corrections to the Serbian catalogues of the libraries we use.

Our ``locale/`` comes first in ``LOCALE_PATHS``, so a message listed here and translated in
our catalogues replaces the library's translation. ``makemessages`` keeps a message only
when our code names it, hence this list. Each entry says what was wrong.
"""

from django.utils.translation import gettext_noop

CORRECTIONS = [
    # allauth's sign-up page: "se projavite" (a typo) for "se prijavite" in both scripts.
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    # allauth's mails open with "Hvala od …" ("Thanks from …") for "Hello from …".
    gettext_noop("Hello from %(site_name)s!"),
    # "registracioni kod" / "kod za registraciju" (a sign-up code) for a sign-in code.
    gettext_noop("Sign-In Code"),
    gettext_noop("Send me a sign-in code"),
    # "možete se prijaviti za nalog" (sign in) where the mail means opening an account.
    gettext_noop("If it was you, you can sign up for an account using the link below."),
    # "adrese e-pošti" (a wrong case) for "adrese e-pošte".
    gettext_noop("The following email addresses are associated with your account:"),
]
