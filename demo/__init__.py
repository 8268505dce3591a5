"""Demo content for a local run: the texts and pictures that ``manage.py seed_demo`` writes."""
