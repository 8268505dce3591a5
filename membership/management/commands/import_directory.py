"""``manage.py import_directory FILE [--format csv|json] [--dry-run]``: the directory's
import from the command line (the admin has the same under Membership → Organisations →
Import). Prints the report line by line and exits non-zero when anything is wrong; then
nothing is written."""

from django.core.management.base import BaseCommand, CommandError

from membership import imports


class Command(BaseCommand):
    help = (
        "Import organisations into the directory from a CSV or JSON file in the format of "
        "the directory's export. Every row is validated first; then all are created, or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV or JSON file")
        parser.add_argument(
            "--format",
            choices=imports.FORMATS,
            help="the file's format (default: from its extension, else CSV)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and report, write nothing"
        )

    def handle(self, *args, file, format=None, dry_run=False, **options):
        try:
            with open(file, "rb") as handle:
                content = handle.read(imports.MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        format = format or imports.format_for(file)
        if dry_run:
            report = imports.validate(content, format=format)
        else:
            report = imports.organisations_import(content=content, format=format)
        for line in report.lines():
            self.stderr.write(line)
        if not report.ok:
            raise CommandError(f"{len(report.lines())} problem(s) found; nothing was imported.")
        if dry_run:
            self.stdout.write(
                f"{len(report.organisations)} organisation(s) would be created; "
                "nothing was written (--dry-run)."
            )
        else:
            self.stdout.write(f"{report.created} organisation(s) created.")
