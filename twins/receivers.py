"""A Serbian page's publish and unpublish reach its twin (twins/services.py)."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from . import services


@receiver(page_published, dispatch_uid="twins_follow_publish")
def follow_publish(sender, instance, revision=None, **kwargs):
    user = getattr(revision, "user", None)
    services.twin_sync(source=instance, user=user)


@receiver(page_unpublished, dispatch_uid="twins_follow_unpublish")
def follow_unpublish(sender, instance, **kwargs):
    services.twin_unpublish(source=instance, user=None)
