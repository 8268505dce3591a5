"""The newsletter's Wagtail admin: the snippet viewsets (``viewsets``), the custom screens
(``views``) and their forms (``forms``). ``newsletter/wagtail_hooks.py`` registers them.

Nothing is imported here: Django's admin autodiscovery imports ``newsletter.admin``."""
