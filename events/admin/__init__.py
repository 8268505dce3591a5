"""The events admin: viewsets (``viewsets``), custom screens (``views``), forms (``forms``),
the registration list's filters (``filters``) and columns (``columns``); ``wagtail_hooks``
registers them.

Django's admin autodiscovery imports this package, so it imports nothing itself."""
