from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from association.mail import mail_send_on_commit
from home.models import SiteSettings


def mail_site(request=None) -> SimpleNamespace:
    """What account mail calls the site (allauth's ``current_site``): the organisation's name
    from the site settings staff edit, and the address people reach the site at. Without
    ``django.contrib.sites`` allauth would find no name at all ("Hello from !")."""
    name = (
        SiteSettings.load(request_or_site=request).organisation_name or settings.WAGTAIL_SITE_NAME
    )
    if request is not None:
        domain = request.get_host()  # checked against ALLOWED_HOSTS, as in the mail's links
    else:
        domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc
    return SimpleNamespace(name=name, domain=domain)


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
        # Login is by e-mail: the username is an internal detail nobody needs to remember.
        ctx.pop("username", None)
        if ctx.get("user") is not None:
            ctx["user"] = _MailRecipient(ctx["user"])
        message = self.render_mail(template_prefix, email, ctx)
        mail_send_on_commit(message)
