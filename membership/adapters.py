from allauth.account.adapter import DefaultAccountAdapter

from association.mail import mail_send_on_commit


class AccountAdapter(DefaultAccountAdapter):
    """Account mail (confirmation, password reset) goes through the Celery worker too."""

    def send_mail(self, template_prefix, email, context):
        ctx = {"email": email, "current_site": context.get("current_site")}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        mail_send_on_commit(message)
