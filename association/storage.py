"""Media on S3-compatible object storage: the default storage when ``AWS_STORAGE_BUCKET_NAME``
is set (``STORAGES`` in association/settings/base.py), else the local disk (``MEDIA_ROOT``).

What is public and what is private follows the file's name, that is the folder Wagtail's
``upload_to`` puts it in:

- public: image originals (``original_images/``) and their renditions (``images/``). Stored
  ``public-read`` and linked by stable, unsigned addresses (the custom domain, a CDN, when one is
  set): the anonymous page cache keeps HTML naming them, so they must never expire.
- private: everything else, documents (``documents/``, the Infocluster PDFs and whatever sits in a
  restricted collection) and any other upload (the admin's avatars, ``avatar_images/``), and any
  folder added later until it is named here. Stored ``private``; its address is signed and works
  for ``PRIVATE_URL_SECONDS`` only, always on the bucket's endpoint (a CDN would serve it
  unsigned). Documents are reached through Wagtail's ``/documents/<id>/<name>`` view
  (``WAGTAILDOCS_SERVE_METHOD = "redirect"``): it applies a restricted collection's rules, then
  redirects to a freshly signed address.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django.core.files.storage import storages
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# The folders of Wagtail's image originals and renditions (wagtail.images.models,
# AbstractImage.get_upload_to and AbstractRendition.get_upload_to).
PUBLIC_PREFIXES = ("original_images/", "images/")
PRIVATE_URL_SECONDS = 5 * 60


def is_public(name: str) -> bool:
    """Whether the file of this storage name may be read by anyone."""
    return clean_name(name).lstrip("/").startswith(PUBLIC_PREFIXES)


class MediaStorage(S3Storage):
    """The site's media in a bucket: public images, everything else private."""

    # Never replace an object under a name in use: a second upload called ``logo.png`` gets a
    # name of its own, as on the local disk (django-storages overwrites by default).
    file_overwrite = False
    # The lifetime of a signed address: the document view signs a new one on every click.
    querystring_expire = PRIVATE_URL_SECONDS
    # Signature version 4, which every AWS region and S3-compatible server accepts.
    signature_version = "s3v4"

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        params["ACL"] = "public-read" if is_public(name) else "private"
        return params

    def url(self, name, parameters=None, expire=None, http_method=None):
        key = self._normalize_name(clean_name(name))
        params = dict(parameters or {})
        if is_public(name) and self.custom_domain:
            query = f"?{urlencode(params)}" if params else ""
            return f"{self.url_protocol}//{self.custom_domain}/{filepath_to_uri(key)}{query}"
        # A public object's address is unsigned (the bucket's endpoint answers anyone), a
        # private one's signed with the credentials and short-lived.
        connection = self.unsigned_connection if is_public(name) else self.connection
        return connection.meta.client.generate_presigned_url(
            "get_object",
            Params={**params, "Bucket": self.bucket_name, "Key": key},
            ExpiresIn=self.querystring_expire if expire is None else expire,
            HttpMethod=http_method,
        )

    def origin(self, *, public: bool) -> str:
        """``scheme://host[:port]`` of the addresses of public (or private) files: what a
        Content-Security-Policy must allow. Computed as an unsigned address, offline."""
        if public and self.custom_domain:
            parts = urlsplit(f"{self.url_protocol}//{self.custom_domain}/")
        else:
            client = self.unsigned_connection.meta.client
            parts = urlsplit(
                client.generate_presigned_url(
                    "get_object", Params={"Bucket": self.bucket_name, "Key": "origin"}
                )
            )
        return f"{parts.scheme}://{parts.netloc}"


def media_origins() -> tuple[str | None, str | None]:
    """The origins of public and of private media addresses when the default storage is the
    bucket; ``(None, None)`` on the local disk, whose media the site's own origin serves."""
    storage = storages["default"]
    if not isinstance(storage, MediaStorage):
        return None, None
    return storage.origin(public=True), storage.origin(public=False)
