"""Where media addresses point, for the Content-Security-Policy: the site itself (the local
disk) or a bucket's origins (association/storage.py). Kept apart from the storage class so that
a process whose media stay on the local disk never imports boto3 (about 15 MB in every web and
worker process)."""

from django.conf import settings

MEDIA_STORAGE = "association.storage.MediaStorage"


def media_origins() -> tuple[str | None, str | None]:
    """The origins of public and of private media addresses when the default storage is the
    bucket; ``(None, None)`` on the local disk, whose media the site's own origin serves."""
    if settings.STORAGES["default"]["BACKEND"] != MEDIA_STORAGE:
        return None, None
    from django.core.files.storage import storages

    storage = storages["default"]
    return storage.origin(public=True), storage.origin(public=False)
