"""The directory's import: organisations from a CSV or JSON file in the format of the
directory's own open-data export (``selectors.export_rows``, ``/clusters/export.csv`` and
``export.json``), so one site's export is another's import.

Every row is validated first, through a model form of the organisation's own fields (the
admin editor's rules: choices, dates, numbers, coordinates in range, URLs, e-mail
addresses; ``Organisation.full_clean`` runs inside it) plus what a file adds: sectors and
technology fields named by name or slug in any language or script, no organisation twice
in the file or already in the directory (names compared folded, ``twins.search.fold``), no
control characters. Then either every row is created or none is, in one transaction, each
the way the admin's create view creates one (Wagtail's ``CreateAction``: a revision and a
"created" entry in the history). Imported organisations are published, the admin form's
default; no membership is made for them (the directory lists published organisations,
memberships are records of applications and payments). Names stay as written, in
whichever script.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.actions.create import CreateAction
from wagtail.models import Locale

from association.exports import FORMULA_STARTS
from association.hygiene import has_control_characters, strip_control_characters
from twins.search import fold

from .models import Organisation, Sector, TechnologyField
from .richtext import plain_to_rich_text
from .selectors import EXPORT_COLUMNS

MAX_BYTES = 5 * 1024 * 1024
# Each organisation is created as the admin creates one (about 40 queries: revision, history,
# search and reference indexes), so a file is bounded to what one request imports in time.
MAX_ROWS = 1000
FORMATS = ("csv", "json")
# The export's columns, but the profile address (derived from the slug on the other site).
DERIVED_COLUMNS = {"url"}
IMPORT_COLUMNS = [name for name in EXPORT_COLUMNS if name not in DERIVED_COLUMNS]
REQUIRED_COLUMNS = ("name",)
LIST_COLUMNS = {
    "sectors",
    "technology_fields",
    "target_countries",
    "transnational_target_countries",
    "languages",
    "emerging_industries",
    "support_services",
    "international_activities",
    "transnational_activities",
}
# Lists of the ECCP's vocabularies: each item by its value or its label.
VOCABULARY_COLUMNS = (
    "languages",
    "emerging_industries",
    "support_services",
    "international_activities",
    "transnational_activities",
)
# Yes, no, or not said (an empty cell).
OPTIONAL_YES_NO_COLUMNS = {"has_formalised_strategy", "has_internationalisation_strategy"}
TERM_COLUMNS = {"sectors": Sector, "technology_fields": TechnologyField}
CHOICE_COLUMNS = {
    "kind": Organisation.Kind,
    "stage": Organisation.Stage,
    "region": Organisation.Region,
    "excellence_label": Organisation.Label,
}
TRUE_WORDS = {"yes", "true", "1", "da", "да"}
FALSE_WORDS = {"no", "false", "0", "ne", "не", ""}


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, format, columns, size)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class RowError:
    where: str  # "line 7" (CSV) or "entry 7" (JSON)
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return f"{self.where}: {self.column}: {self.message}"
        return f"{self.where}: {self.message}"


@dataclass
class ImportReport:
    """What validating (and, when nothing is wrong, importing) a file found."""

    file_error: str = ""
    errors: list[RowError] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    created: int = 0

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.errors

    def lines(self) -> list[str]:
        if self.file_error:
            return [self.file_error]
        return [str(error) for error in self.errors]


# --- reading the file ------------------------------------------------------------------


def format_for(filename: str) -> str:
    """``csv`` or ``json`` from a file's name; CSV when it says neither."""
    extension = os.path.splitext(filename or "")[1].lower().lstrip(".")
    return "json" if extension == "json" else "csv"


def _text(content: bytes) -> str:
    if len(content) > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(max)s MB; split it into smaller files.")
            % {"max": MAX_BYTES // (1024 * 1024)}
        )
    try:
        # "utf-8-sig" also reads the byte-order mark spreadsheet programs write.
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "The file is not UTF-8 text (byte %(position)s). Save it as “CSV UTF-8” "
                "or as UTF-8 JSON."
            )
            % {"position": error.start + 1}
        ) from error


def _check_columns(columns: list[str]) -> None:
    known = {*IMPORT_COLUMNS, *DERIVED_COLUMNS}
    unknown = [name for name in columns if name not in known]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError(
            _("The column “%(column)s” is missing; the columns are: %(columns)s.")
            % {"column": missing[0], "columns": ", ".join(IMPORT_COLUMNS)}
        )
    if unknown:
        raise ImportFileError(
            _("Unknown columns: %(unknown)s. The columns are: %(columns)s.")
            % {"unknown": ", ".join(unknown), "columns": ", ".join(IMPORT_COLUMNS)}
        )


def _unsanitise(value: str) -> str:
    """The export prefixes a cell that a spreadsheet would read as a formula with an
    apostrophe (``association.exports.sanitise_cell``); the import takes it off again."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def read_csv(text: str) -> list[tuple[str, dict]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header:
            raise ImportFileError(_("The file is empty."))
        columns = [name.strip().lower() for name in header]
        if "name" not in columns and len(columns) == 1:
            for delimiter in (";", "\t"):
                if delimiter in columns[0]:
                    raise ImportFileError(
                        _(
                            "The columns must be separated by commas; this file seems to "
                            "use “%(delimiter)s”."
                        )
                        % {"delimiter": "Tab" if delimiter == "\t" else delimiter}
                    )
        if len(set(columns)) != len(columns):
            raise ImportFileError(_("A column appears twice in the header."))
        _check_columns(columns)
        rows = []
        line = reader.line_num + 1
        for cells in reader:
            where = _("line %(number)s") % {"number": line}
            line = reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise _too_many_rows()
            if len(cells) > len(columns):
                rows.append(
                    (
                        where,
                        {
                            "__error__": _("%(cells)s cells, but the header has %(columns)s.")
                            % {"cells": len(cells), "columns": len(columns)}
                        },
                    )
                )
                continue
            cells = cells + [""] * (len(columns) - len(cells))
            values = {}
            for name, cell in zip(columns, cells, strict=True):
                cell = _unsanitise(cell)
                if name in LIST_COLUMNS:
                    values[name] = [part.strip() for part in cell.split(";") if part.strip()]
                else:
                    values[name] = cell
            rows.append((where, values))
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file cannot be read at line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error
    return rows


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _("The file holds more than %(max)s organisations; split it into smaller files.")
        % {"max": MAX_ROWS}
    )


def read_json(text: str) -> list[tuple[str, dict]]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ImportFileError(
            _("The file is not valid JSON: %(error)s") % {"error": str(error)[:200]}
        ) from error
    if isinstance(data, dict) and "organisations" in data:  # the export: columns + rows
        data = data["organisations"]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ImportFileError(
            _(
                "The JSON must be a list of organisations, each an object of its fields, or "
                "the directory's export with its “organisations” list."
            )
        )
    if len(data) > MAX_ROWS:
        raise _too_many_rows()
    columns = {name for item in data for name in item}
    _check_columns(sorted(columns) if data else list(REQUIRED_COLUMNS))
    return [
        (_("entry %(number)s") % {"number": number}, item)
        for number, item in enumerate(data, start=1)
    ]


def read_rows(content: bytes, *, format: str) -> list[tuple[str, dict]]:
    """The file's rows, each with where it is ("line 7", "entry 7") and its values by
    column. Raises ``ImportFileError`` for a file that cannot be read as a whole."""
    if format not in FORMATS:
        raise ImportFileError(_("Choose CSV or JSON."))
    text = _text(content)
    rows = read_csv(text) if format == "csv" else read_json(text)
    if not rows:
        raise ImportFileError(_("The file holds no organisations."))
    return rows


# --- validating a row --------------------------------------------------------------------


def _formfield(model_field, **kwargs):
    if isinstance(model_field, models.URLField):  # as the member's editor reads a website
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class OrganisationImportForm(forms.ModelForm):
    """One row: the organisation's own fields under the editor's rules. The taxonomies are
    resolved from names before the form (``Terms``); the description is plain text."""

    description = forms.CharField(required=False, strip=False)

    class Meta:
        model = Organisation
        fields = [name for name in IMPORT_COLUMNS if name not in TERM_COLUMNS]
        formfield_callback = _formfield

    def clean_description(self):
        return plain_to_rich_text(self.cleaned_data.get("description", ""))


class Terms:
    """Every sector or technology field, found by slug or by name folded (either script,
    with or without diacritics), in any language: one query."""

    def __init__(self, model):
        self.model = model
        self.by_key = defaultdict(list)
        self.default_locale_id = Locale.get_default().pk
        for term in model.objects.order_by("pk"):
            self.by_key[("group", term.translation_key)].append(term)
            self.by_key[("slug", term.slug)].append(term)
            self.by_key[("name", fold(term.name).strip())].append(term)

    def find(self, value: str):
        """The term ``value`` names (its slug, else its name), or an error message.
        Translations of one term are one term: the one written exactly so, else the default
        language's."""
        # A slug names one term and its translations; a name may be shared.
        candidates = self.by_key[("slug", value)] or self.by_key[("name", fold(value).strip())]
        if not candidates:
            return None, _("“%(value)s” is not a known term (by name or slug).") % {"value": value}
        if len({term.translation_key for term in candidates}) > 1:
            return None, _("“%(value)s” names more than one term; use its slug.") % {"value": value}
        exact = [term for term in candidates if term.name == value]
        group = self.by_key[("group", candidates[0].translation_key)]
        default = [term for term in group if term.locale_id == self.default_locale_id]
        return (exact or default or candidates)[0], ""


def _choice_labels(choices) -> dict[str, str]:
    """A choice's value from its value or its label in any of the site's languages (the
    ECCP's English labels included)."""
    vocabulary = getattr(choices, "item_choices", None)  # a ChoiceListField
    labels = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for value, label in vocabulary() if vocabulary else choices.choices:
                if value:
                    labels[fold(str(label)).strip()] = value
    return labels


def _form_value(column: str, value, errors: list[tuple[str, str]]):
    """A file's value as the form reads it; a type the column cannot hold is an error."""
    if value is None:
        return [] if column in LIST_COLUMNS else ""
    if column in LIST_COLUMNS:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(";") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            errors.append((column, _("Give a list of names.")))
            return []
        return [item.strip() for item in value if item.strip()]
    if column in OPTIONAL_YES_NO_COLUMNS:
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower() if isinstance(value, (str, int)) else None
        if word == "":
            return None
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        errors.append((column, _("Enter yes, no, or nothing.")))
        return None
    if column == "is_founder":
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower() if isinstance(value, (str, int)) else None
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        errors.append((column, _("Enter yes or no.")))
        return False
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        errors.append((column, _("Enter text or a number.")))
        return ""
    return value if isinstance(value, str) else str(value)


@dataclass
class _Directory:
    """What rows are compared with: the terms, the choices' labels, and the names and slugs
    already taken (two queries for the organisations, whatever the file's size)."""

    terms: dict
    choices: dict
    vocabularies: dict
    names: set = field(default_factory=set)
    slugs: set = field(default_factory=set)


def _directory(rows: list[tuple[str, dict]]) -> _Directory:
    names = {fold(str(values.get("name") or "")).strip() for _where, values in rows}
    slugs = {str(values.get("slug") or "").strip() for _where, values in rows}
    return _Directory(
        terms={column: Terms(model) for column, model in TERM_COLUMNS.items()},
        choices={column: _choice_labels(choices) for column, choices in CHOICE_COLUMNS.items()},
        vocabularies={
            column: _choice_labels(Organisation._meta.get_field(column))
            for column in VOCABULARY_COLUMNS
        },
        names=set(
            Organisation.objects.filter(name_folded__in=names - {""}).values_list(
                "name_folded", flat=True
            )
        ),
        slugs=set(
            Organisation.objects.filter(slug__in=slugs - {""}).values_list("slug", flat=True)
        ),
    )


def _generated_slug(name: str, taken: set[str]) -> str:
    """A slug for a row without one: the name in Latin, unique in the file and the
    directory."""
    base = slugify(fold(name))[:240] or "organisation"
    taken = taken | set(
        Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def validate_row(
    where: str, values: dict, directory: _Directory, seen: dict
) -> tuple[Organisation | None, list[RowError]]:
    """One row as an unsaved organisation with its terms, or its errors."""
    if "__error__" in values:
        return None, [RowError(where, "", values["__error__"])]
    problems: list[tuple[str, str]] = []
    data = {}
    for column in IMPORT_COLUMNS:
        if column in values:
            data[column] = _form_value(column, values[column], problems)
    for column, value in list(data.items()):
        texts = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        if any(has_control_characters(text) for text in texts):
            problems.append((column, _("Remove the invisible control characters.")))
            data[column] = (
                [strip_control_characters(text) for text in value]
                if isinstance(value, list)
                else strip_control_characters(value)
            )
    for column, labels in directory.choices.items():
        value = data.get(column, "")
        if value and value not in CHOICE_COLUMNS[column].values:
            data[column] = labels.get(fold(value).strip(), value)
    for column, labels in directory.vocabularies.items():
        if column in data:
            data[column] = [labels.get(fold(item).strip(), item) for item in data[column]]
    if not data.get("kind"):
        data["kind"] = Organisation._meta.get_field("kind").default
    for column in ("target_countries", "transnational_target_countries"):
        data[column] = [code.upper() for code in data.get(column, [])]
    if not data.get("founding_date_precision"):  # a file from before the precision
        data["founding_date_precision"] = Organisation.DatePrecision.DAY
    terms = {}
    for column, finder in directory.terms.items():
        terms[column] = []
        for value in data.pop(column, []):
            term, message = finder.find(value)
            if term is None:
                problems.append((column, message))
            elif term not in terms[column]:
                terms[column].append(term)
    name = str(data.get("name", "")).strip()
    folded = fold(name).strip()
    if folded and folded in directory.names:
        problems.append(("name", _("An organisation of this name is already in the directory.")))
    elif folded and ("name", folded) in seen:
        problems.append(
            ("name", _("The same name as on %(where)s.") % {"where": seen["name", folded]})
        )
    slug = str(data.get("slug", "")).strip()
    if slug and ("slug", slug) in seen:
        problems.append(
            ("slug", _("The same slug as on %(where)s.") % {"where": seen["slug", slug]})
        )
    elif not slug:
        taken = directory.slugs | {value for kind, value in seen if kind == "slug"}
        data["slug"] = _generated_slug(name, taken)
    form = OrganisationImportForm(data=data)
    valid = form.is_valid()
    errors = [RowError(where, column, message) for column, message in problems]
    for column, messages in form.errors.items():
        for message in messages:
            errors.append(RowError(where, "" if column == "__all__" else column, message))
    for key in (("name", folded), ("slug", slug or data["slug"])):
        if key[1]:
            seen.setdefault(key, where)
    if not valid or errors:
        return None, errors
    organisation = form.instance
    organisation.sectors = terms["sectors"]
    organisation.technology_fields = terms["technology_fields"]
    return organisation, []


def validate(content: bytes, *, format: str) -> ImportReport:
    """Read and validate the whole file; nothing is written."""
    report = ImportReport()
    try:
        rows = read_rows(content, format=format)
    except ImportFileError as error:
        report.file_error = error.message
        return report
    directory = _directory(rows)
    seen: dict[tuple[str, str], str] = {}
    for where, values in rows:
        organisation, errors = validate_row(where, values, directory, seen)
        report.errors.extend(errors)
        if organisation is not None:
            report.organisations.append(organisation)
    if not report.ok:
        report.organisations = []
    return report


def organisations_import(*, content: bytes, format: str, user=None) -> ImportReport:
    """Validate the file and, when every row is right, create every organisation in one
    transaction; when any row is wrong, nothing is created. ``user`` is named in each
    organisation's history (none from the command line)."""
    with transaction.atomic():
        report = validate(content, format=format)
        if not report.ok:
            return report
        try:
            with transaction.atomic():
                for organisation in report.organisations:
                    # What the admin's create view does: save, a revision, a history entry.
                    # The row passed full_clean() in validate(), in this transaction.
                    CreateAction(organisation, user=user, clean=False).execute(
                        skip_permission_checks=True
                    )
        except IntegrityError:
            # Another import or an editor took a slug meanwhile.
            report.file_error = _(
                "The directory changed while the file was imported; nothing was imported. "
                "Please try again."
            )
            report.organisations = []
            return report
        report.created = len(report.organisations)
    return report
