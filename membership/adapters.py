from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from association import public_url
from association.mail import mail_send_on_commit
from home.models import SiteSettings


def mail_site(request=None) -> SimpleNamespace:
    """What account mail calls the site (allauth's ``current_site``): the organisation's name
    from the site settings staff edit, in the reader's language and script (as the site's
    header shows it), and the site's public address (PUBLIC_BASE_URL), whatever host the
    request came in on. The project does without ``django.contrib.sites``: this is the one
    place allauth's mail reads a site from, and a second record to keep in step would only
    drift (without either, allauth would find no name at all: "Hello from !")."""
    site_settings = SiteSettings.load(request_or_site=request)
    name = (
        site_settings.name_for(translation.get_language(), request=request)
        or settings.WAGTAIL_SITE_NAME
    )
    return SimpleNamespace(name=name, domain=public_url.domain())


class _MailRecipient:
    """The account as account mail shows it. allauth's ``{% user_display %}`` prints the
    username, which here is generated from the address and never used to log in (login is
    by e-mail), so the mail names the person or their address instead."""

    def __init__(self, user):
        self._user = user

    def __getattr__(self, name):
        return getattr(self._user, name)

    @property
    def username(self) -> str:
        return self._user.get_full_name() or self._user.email

    def __str__(self) -> str:
        return self.username


class AccountAdapter(DefaultAccountAdapter):
    """Account mail (confirmation, password reset) goes through the Celery worker too, and
    names the site and the person, never the internal username allauth generates."""

    def send_mail(self, template_prefix, email, context):
        ctx = {
            "request": self.request,
            "email": email,
            "current_site": mail_site(self.request),
        }
        ctx.update(context)
        # allauth builds its links (activate_url, password_reset_url, signup_url...) from the
        # request's host; the mail links to the site's public address instead.
        for key, value in ctx.items():
            if key.endswith("_url") and isinstance(value, str):
                ctx[key] = public_url.rebase(value)
        # Login is by e-mail: the username is an internal detail nobody needs to remember.
        ctx.pop("username", None)
        if ctx.get("user") is not None:
            ctx["user"] = _MailRecipient(ctx["user"])
        message = self.render_mail(template_prefix, email, ctx)
        mail_send_on_commit(message)
