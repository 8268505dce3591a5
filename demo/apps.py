from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content from the seeds (``manage.py seed_demo``): the top of the dependency graph,
    data more than code. Nothing imports it."""

    name = "demo"
    verbose_name = "Demo content"
