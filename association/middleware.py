from django.conf import settings

from association.storage import media_origins


def _sources(*sources: str | None) -> str:
    return " ".join(dict.fromkeys(source for source in sources if source))


class ContentSecurityPolicyMiddleware:
    """Send a Content-Security-Policy on every response.

    The public site serves every script and style itself, so its policy allows only 'self',
    and images from the site or, with media in a bucket (association/storage.py), from the
    origin of public media's addresses (the bucket's endpoint or the custom domain).
    Wagtail's admin still relies on inline styles and scripts, so it gets a policy that
    allows those but still forbids every other origin; it may show private media too (the
    avatars staff upload), whose signed addresses name the bucket's endpoint.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        public_media, private_media = media_origins()
        frames = _sources("'self'", *settings.CSP_FRAME_SOURCES)
        public_images = _sources("'self'", "data:", "blob:", public_media)
        admin_images = _sources("'self'", "data:", "blob:", public_media, private_media)
        rest = (
            f"font-src 'self' data:; connect-src 'self'; frame-src {frames}; "
            "frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'"
        )
        self.public_policy = (
            f"default-src 'self'; img-src {public_images}; {rest}; "
            "script-src 'self'; style-src 'self'"
        )
        self.admin_policy = (
            f"default-src 'self'; img-src {admin_images}; {rest}; "
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'"
        )

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(("/admin/", "/django-admin/"))
            response["Content-Security-Policy"] = self.admin_policy if admin else self.public_policy
        return response
