"""``manage.py copy_media_to_storage [--from DIR] [--dry-run]``: copy the media a site kept on
its disk (``MEDIA_ROOT``, or ``DIR``) into the default storage, the bucket named by
``AWS_STORAGE_BUCKET_NAME`` (association/storage.py), each file under the same name, so the
database's file names find them there.

Each object gets its ACL from its name as every upload does: image originals and renditions
public-read, everything else private. Run it again at will: a file already in the bucket with
the same size is skipped. One of another size is left alone and reported (the exit status is
then non-zero): it may be a newer upload, which a copy must not replace."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError

from association.storage import is_public


def _stored_size(storage, name: str) -> int | None:
    """The size of the stored object of ``name``, or None when there is none."""
    try:
        return storage.size(name)
    except FileNotFoundError:
        return None


class Command(BaseCommand):
    help = (
        "Copy the local media (MEDIA_ROOT, or --from DIR) into the configured default storage "
        "(the S3 bucket) under the same names, with public-read or private ACLs; files "
        "already there with the same size are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="source",
            metavar="DIR",
            help="the folder to copy (default: MEDIA_ROOT)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would be copied, write nothing"
        )

    def handle(self, *args, source=None, dry_run=False, **options):
        storage = storages["default"]
        if isinstance(storage, FileSystemStorage):
            raise CommandError(
                "The default storage is still the local disk "
                f"({storage.location}): set AWS_STORAGE_BUCKET_NAME (and the other AWS_* "
                "variables) in the environment first."
            )
        root = Path(source or settings.MEDIA_ROOT)
        if not root.is_dir():
            raise CommandError(f"{root} is not a folder.")

        copied = {"public": 0, "private": 0}
        skipped, differing, copied_bytes = 0, [], 0
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            name = path.relative_to(root).as_posix()
            size = path.stat().st_size
            stored = _stored_size(storage, name)
            if stored == size:
                skipped += 1
                continue
            if stored is not None:
                differing.append(f"{name} ({size} bytes here, {stored} in the storage)")
                continue
            access = "public" if is_public(name) else "private"
            if dry_run:
                self.stdout.write(f"would copy {name} ({access})")
            else:
                with path.open("rb") as handle:
                    # _save writes under this very name (save() would pick another one
                    # were it taken) with the ACL the name calls for.
                    storage._save(name, File(handle, name=name))
                self.stdout.write(f"copied {name} ({access})")
            copied[access] += 1
            copied_bytes += size

        verb = "would copy" if dry_run else "copied"
        self.stdout.write(
            f"{verb.capitalize()} {copied['public'] + copied['private']} file(s), "
            f"{copied_bytes} bytes ({copied['public']} public, {copied['private']} private); "
            f"skipped {skipped} already in the storage; {len(differing)} differ."
            + (" Nothing was written (--dry-run)." if dry_run else "")
        )
        if differing:
            for line in differing:
                self.stderr.write(f"differs, left alone: {line}")
            raise CommandError(
                f"{len(differing)} file(s) exist in the storage with another size and were "
                "left alone; compare them by hand."
            )
