"""Corrections to the Serbian catalogues of the libraries we use.

Our ``locale/`` comes first in ``LOCALE_PATHS``, so a message listed here and translated in
our catalogues replaces the library's translation. ``makemessages`` keeps a message only
when our code names it, hence this list. Each entry says what was wrong.
"""

from django.utils.translation import gettext_noop

CORRECTIONS = [
    # allauth's sign-up page: "se projavite" (a typo) for "se prijavite" in both scripts.
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
]
