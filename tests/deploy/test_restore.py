"""A backup made by ``deploy/backup.sh`` and put back by the README's ``production:restore``
lines gives the same site: the same pages at the same addresses with the same titles, and
the same uploaded files byte for byte. Restored twice: over the database as it was changed
after the backup (``pg_restore --clean``), and into a database dropped and created empty
with the media folder deleted, as on a new machine. The site runs with production settings
under gunicorn started from its systemd unit, on a new database of the suite's PostgreSQL,
with the suite's PostgreSQL client programs."""

import hashlib
import html
import json
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.deploy.production import (
    ScratchDatabase,
    Site,
    production_environment,
    readme_block,
    run_lines,
)
from tests.harness import REPO_ROOT

pytestmark = pytest.mark.slow

# The suite's test processes use Redis databases 0 to N; test_install.py uses 14.
REDIS_DB = 15
PAGES = (
    "import json\n"
    "from wagtail.models import Page\n"
    "pages = Page.objects.live().filter(depth__gt=1).specific().order_by('path')\n"
    "print(json.dumps([[p.get_url(), p.title] for p in pages if p.get_url()]))\n"
)
CHANGE = (
    "from home.models import HomePage\n"
    "page = HomePage.objects.get(locale__language_code='en')\n"
    "page.title = 'Changed after the backup'\n"
    "page.save_revision().publish()\n"
)


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [".venv/bin/python", "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return done.stdout


def pages_of(env: dict) -> list:
    """Every live page's address and title, as the site's database holds them."""
    # The last line: Django's shell first says what it imported.
    return json.loads(manage(env, "shell", "-c", PAGES).strip().splitlines()[-1])


def media_files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def answers(site: Site, pages: list) -> dict[str, int]:
    """The pages that did not answer 200 with their title in them (address: status)."""
    wrong = {}
    for url, title in pages:
        response = site.get(url)
        if response.status != 200 or html.escape(title, quote=False) not in response.text:
            wrong[url] = response.status
    return wrong


@pytest.fixture
def scratch_database():
    database = ScratchDatabase(f"deploy_restore_{uuid.uuid4().hex[:8]}")
    yield database
    database.drop()


def test_a_backup_restored_with_the_readme_commands_gives_the_same_site(tmp_path, scratch_database):
    env = production_environment(
        tmp_path,
        example=REPO_ROOT / ".env.example",
        database_url=scratch_database.url,
        redis_db=REDIS_DB,
        values={},
    )
    media = tmp_path / "media"
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "seed_demo", "--subset")

    pages = pages_of(env)
    assert len(pages) > 20, pages
    site = Site(app_dir=REPO_ROOT, env=env, log=tmp_path / "web.log")
    try:
        # Served once before the backup, so the cache holds the pages as they were.
        site.start()
        assert answers(site, pages) == {}
        # The uploads and the renditions serving made.
        files = media_files(media)
        assert any(name.startswith("original_images/") for name in files), files
        assert any(name.startswith("images/") for name in files), files
        backup = subprocess.run(
            ["deploy/backup.sh"],
            cwd=REPO_ROOT,
            env={**env, "BACKUP_DIR": str(tmp_path / "backups")},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert backup.returncode == 0, backup.stderr
        folder = Path(backup.stdout.strip())
        assert folder.parent == tmp_path / "backups"
        assert sorted(p.name for p in folder.iterdir()) == ["database.dump", "media.tar.gz"]
        assert [p.name for p in (tmp_path / "backups").iterdir()] == [folder.name]

        # Changed after the backup, and served so: the cache now holds the changed site.
        manage(env, "shell", "-c", CHANGE)
        (media / "uploaded-after-the-backup.txt").write_bytes(b"not in the backup")
        home = site.get("/")
        assert "Changed after the backup" in home.text
        site.stop()
        restore = readme_block("restore")

        def restore_and_compare() -> None:
            """The README's restore lines, then the same pages, media and answers."""
            restored = run_lines(restore, cwd=REPO_ROOT, env={**env, "BACKUP": str(folder)})
            assert restored.returncode == 0, restored.stderr[-4000:]
            assert pages_of(env) == pages
            assert media_files(media) == files
            site.start()
            assert answers(site, pages) == {}

        # 1. Over the database as it is now.
        restore_and_compare()
        assert "Changed after the backup" not in site.get("/").text
        site.stop()

        # 2. Into an empty database, the media folder gone, as on a new machine.
        scratch_database.create()
        shutil.rmtree(media)
        media.mkdir()
        restore_and_compare()
    finally:
        site.stop()
