from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Send a Content-Security-Policy on every response.

    The public site serves every script and style itself, so its policy allows only 'self'.
    Wagtail's admin still relies on inline styles and scripts, so it gets a policy that
    allows those but still forbids every other origin.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        frames = " ".join(["'self'", *settings.CSP_FRAME_SOURCES])
        common = (
            "default-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; "
            f"connect-src 'self'; frame-src {frames}; frame-ancestors 'self'; "
            "form-action 'self'; base-uri 'self'; object-src 'none'"
        )
        self.public_policy = f"{common}; script-src 'self'; style-src 'self'"
        self.admin_policy = (
            f"{common}; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            "style-src 'self' 'unsafe-inline'"
        )

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(("/admin/", "/django-admin/"))
            response["Content-Security-Policy"] = self.admin_policy if admin else self.public_policy
        return response
