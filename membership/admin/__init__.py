"""Membership in the Wagtail admin: ``viewsets`` (every viewset of the app), ``views`` (the
review of an application), ``forms`` and ``filters``; ``membership.wagtail_hooks`` registers
them."""
