"""Receivers that keep cached fragments fresh (see home/cache.py)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import bump_content_version


def connect(*models) -> None:
    """Bump the content version whenever one of ``models`` is saved or deleted. Other apps
    call this for the models their cached fragments show."""
    for model in models:
        post_save.connect(bump_content_version, sender=model, weak=False)
        post_delete.connect(bump_content_version, sender=model, weak=False)


def connect_pages() -> None:
    page_published.connect(bump_content_version, weak=False)
    page_unpublished.connect(bump_content_version, weak=False)
    post_page_move.connect(bump_content_version, weak=False)
    post_delete.connect(bump_content_version, sender=Page, weak=False)
