"""The interface is complete in both Serbian scripts: every message the code and templates
use is in each catalogue, translated, not fuzzy, with the same placeholders as its source."""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["sr", "sr_Latn"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
# What makemessages does not read: the tools, local state and the catalogues themselves.
IGNORED = {"bench", "var", "node_modules", "staticfiles", "media", "locale"}


def _catalogue(language: str, root: Path = ROOT) -> polib.POFile:
    return polib.pofile(str(root / "locale" / language / "LC_MESSAGES" / "django.po"))


def _entries(catalogue: polib.POFile):
    return [entry for entry in catalogue if not entry.obsolete]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    catalogue = _catalogue(language)

    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_their_source(language):
    wrong = []
    for entry in _entries(_catalogue(language)):
        # A plural's every form (Serbian's first is also for 21, 31...) names what the plural
        # source names.
        expected = set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        wrong += [
            entry.msgid for text in translations if set(PLACEHOLDER.findall(text)) != expected
        ]

    assert wrong == []


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is not installed")
def test_the_catalogues_hold_every_message_the_code_uses(tmp_path, monkeypatch):
    """makemessages over a mirror of the project (links to its code and templates, a copy of
    its catalogues): a message the code or a template uses that is not yet translated shows
    up as untranslated in the copy, and the real catalogues are never written."""
    mirror = tmp_path / "project"
    mirror.mkdir()
    for entry in ROOT.iterdir():
        if entry.name not in IGNORED and not entry.name.startswith("."):
            (mirror / entry.name).symlink_to(entry)
    shutil.copytree(ROOT / "locale", mirror / "locale")
    monkeypatch.chdir(mirror)
    with override_settings(LOCALE_PATHS=[mirror / "locale"]):
        call_command("makemessages", locale=LANGUAGES, symlinks=True, no_obsolete=True, verbosity=0)

    for language in LANGUAGES:
        missing = [e.msgid for e in _catalogue(language, mirror).untranslated_entries()]
        assert missing == [], f"{language}: run makemessages and translate {missing}"
