"""Media in an S3-compatible bucket (association/storage.py): moto's standalone server as a real
process (``s3_media``, root conftest.py), reached over HTTP by the site's storage, by boto3 to
look at the objects, and by plain unsigned GETs as a visitor's browser makes them. The site
itself answers through Django's test client."""

import io
import os
import re
import secrets
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from association.tests.test_settings import PRODUCTION_ENV
from tests.factories import (
    NewsIndexPageFactory,
    NewsletterIssueFactory,
    NewsPageFactory,
    StandardPageFactory,
    verified_user,
)
from tests.object_storage import http_get

pytestmark = pytest.mark.django_db

REPO_ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n% the board's minutes\n%%EOF\n"


def _png(size=(640, 480), colour="#0b4f6c") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor_client(home_page):
    client = Client()
    client.force_login(verified_user("editor@example.org", is_staff=True, is_superuser=True))
    return client


def _upload_image(client, title="Balkan Cluster Day", content=None):
    content = content or _png()
    response = client.post(
        "/admin/images/add/",
        {
            "title": title,
            "file": ContentFile(content, name="cluster-day.png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_image_model().objects.get(title=title), content


def _upload_document(client, title, collection, content=PDF):
    response = client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "file": ContentFile(content, name="minutes.pdf"),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_document_model().objects.get(title=title)


# --- images: public-read, unsigned, stable ---------------------------------------------------


def test_an_image_uploaded_in_the_admin_lands_in_the_bucket_public_read(s3_media, editor_client):
    image, content = _upload_image(editor_client)

    assert image.file.name.startswith("original_images/")
    assert s3_media.object_names() == [image.file.name]
    assert s3_media.body(image.file.name) == content
    assert s3_media.public_read(image.file.name)
    # Its address is the object's own, unsigned, and anyone may fetch it.
    assert image.file.url == s3_media.unsigned_url(image.file.name)
    assert http_get(image.file.url) == (200, content)


def test_a_page_shows_the_image_by_an_unsigned_address_of_its_rendition_in_the_bucket(
    s3_media, editor_client, home_page
):
    image, _ = _upload_image(editor_client)
    article = NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page), lead_image=image)

    response = Client().get(article.url)

    assert response.status_code == 200
    renditions = list(image.renditions.all())
    assert renditions
    for rendition in renditions:
        assert rendition.file.name.startswith("images/")
        assert rendition.file.name in s3_media.object_names()
        assert s3_media.public_read(rendition.file.name)
    sources = [unescape(src) for src in re.findall(r'<img[^>]* src="([^"]+)"', response.text)]
    shown = [r for r in renditions if s3_media.unsigned_url(r.file.name) in sources]
    assert shown, sources
    # No signature and no expiry in the address the page cache keeps: it works for anyone.
    address = s3_media.unsigned_url(shown[0].file.name)
    assert urlsplit(address).query == ""
    assert http_get(address) == (200, s3_media.body(shown[0].file.name))


# --- documents: private objects, through Wagtail's checked view ------------------------------


def _restricted_collection():
    board = Collection.get_first_root_node().add_child(name="Board")
    CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.LOGIN
    )
    return board


def test_a_document_in_a_restricted_collection_is_stored_private(s3_media, editor_client):
    document = _upload_document(editor_client, "Board minutes", _restricted_collection())

    assert document.file.name.startswith("documents/")
    assert s3_media.body(document.file.name) == PDF
    assert not s3_media.public_read(document.file.name)
    # moto enforces the ACL: an anonymous, unsigned GET of the object is refused.
    assert http_get(s3_media.unsigned_url(document.file.name))[0] == 403


def test_the_document_view_refuses_an_anonymous_reader_and_serves_an_authorised_one(
    s3_media, editor_client
):
    document = _upload_document(editor_client, "Board minutes", _restricted_collection())

    anonymous = Client().get(document.url)
    member = Client()
    member.force_login(verified_user("member@example.org"))
    authorised = member.get(document.url)

    # The link is Wagtail's view, which sends an anonymous reader to the login page...
    assert document.url == f"/documents/{document.pk}/minutes.pdf"
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    # ...and a signed-in one on to a freshly signed, short-lived address of the private object.
    assert authorised.status_code == 302
    signed = authorised["Location"]
    assert signed.startswith(s3_media.unsigned_url(document.file.name) + "?")
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=300" in signed
    assert http_get(signed) == (200, PDF)


def test_a_public_document_is_served_through_the_view_too(s3_media, editor_client, home_page):
    document = _upload_document(
        editor_client, "Infocluster autumn 2026", Collection.get_first_root_node()
    )
    page = StandardPageFactory(
        parent=home_page,
        body=[("document", {"document": document, "title": "Infocluster (PDF)"})],
    )

    html = Client().get(page.url).text
    answer = Client().get(document.url)

    # Pages link the view, never the bucket; the object itself stays private.
    assert f'href="{document.url}"' in html
    assert s3_media.name not in html
    assert not s3_media.public_read(document.file.name)
    assert answer.status_code == 302
    assert http_get(answer["Location"]) == (200, PDF)


# --- manage.py copy_media_to_storage ---------------------------------------------------------

LOCAL_MEDIA = {
    "original_images/cluster-day.png": b"original",
    "images/cluster-day.2e16d0ba.fill-300x200.png": b"rendition",
    "documents/infocluster-autumn-2026.pdf": PDF,
    "avatar_images/avatar_1234_editor.png": b"avatar",
}


@pytest.fixture
def local_media(tmp_path):
    for name, content in LOCAL_MEDIA.items():
        path = tmp_path / "media" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return tmp_path / "media"


def _copy(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("copy_media_to_storage", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_copy_command_copies_local_media_under_the_same_names_with_their_acls(
    s3_media, local_media
):
    out, _ = _copy("--from", str(local_media))

    assert s3_media.object_names() == sorted(LOCAL_MEDIA)
    for name, content in LOCAL_MEDIA.items():
        assert s3_media.body(name) == content
    assert [name for name in LOCAL_MEDIA if s3_media.public_read(name)] == [
        "original_images/cluster-day.png",
        "images/cluster-day.2e16d0ba.fill-300x200.png",
    ]
    assert "Copied 4 file(s)" in out and "(2 public, 2 private)" in out


def test_the_copy_command_reads_media_root_by_default_and_is_idempotent(
    s3_media, local_media, settings
):
    settings.MEDIA_ROOT = str(local_media)
    _copy()
    modified = {
        name: s3_media.client.head_object(Bucket=s3_media.name, Key=name)["ETag"]
        for name in LOCAL_MEDIA
    }
    (local_media / "documents" / "statute.pdf").write_bytes(PDF)

    out, _ = _copy()

    assert "Copied 1 file(s)" in out and "skipped 4 already in the storage" in out
    assert s3_media.object_names() == sorted([*LOCAL_MEDIA, "documents/statute.pdf"])
    assert {
        name: s3_media.client.head_object(Bucket=s3_media.name, Key=name)["ETag"]
        for name in LOCAL_MEDIA
    } == modified


def test_the_copy_command_leaves_an_object_of_another_size_alone_and_says_so(s3_media, local_media):
    s3_media.client.put_object(
        Bucket=s3_media.name, Key="documents/infocluster-autumn-2026.pdf", Body=b"newer upload"
    )

    with pytest.raises(CommandError, match="1 file\\(s\\) exist in the storage"):
        _copy("--from", str(local_media))

    assert s3_media.body("documents/infocluster-autumn-2026.pdf") == b"newer upload"
    assert len(s3_media.object_names()) == len(LOCAL_MEDIA)


def test_the_copy_command_writes_nothing_on_a_dry_run(s3_media, local_media):
    out, _ = _copy("--from", str(local_media), "--dry-run")

    assert s3_media.object_names() == []
    assert "would copy documents/infocluster-autumn-2026.pdf (private)" in out
    assert "would copy original_images/cluster-day.png (public)" in out
    assert "Would copy 4 file(s)" in out and "Nothing was written (--dry-run)." in out


def test_the_copy_command_refuses_while_the_default_storage_is_the_local_disk(local_media):
    with pytest.raises(CommandError, match="The default storage is still the local disk"):
        _copy("--from", str(local_media))


# --- the settings switch and the Content-Security-Policy ------------------------------------

BUCKET_ENV = {
    "AWS_STORAGE_BUCKET_NAME": "association-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
    "AWS_ACCESS_KEY_ID": "access-key",
    "AWS_SECRET_ACCESS_KEY": "secret-key",
    "AWS_S3_CUSTOM_DOMAIN": "media.clusters.example.org",
    "AWS_S3_ADDRESSING_STYLE": "path",
}
AWS_NAMES = (*BUCKET_ENV, "AWS_S3_REGION_NAME")
SHOW_STORAGE = (
    "import django; django.setup(); from django.conf import settings; "
    "from django.core.files.storage import storages; "
    "print(repr(settings.STORAGES['default'])); print(type(storages['default']).__name__); "
    "print(settings.WAGTAILDOCS_SERVE_METHOD)"
)


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in AWS_NAMES and k not in PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("module", ["association.settings.production", "association.settings.dev"])
def test_a_bucket_in_the_environment_makes_the_s3_class_the_default_storage(module):
    result = _run(
        {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": module, **BUCKET_ENV}, "-c", SHOW_STORAGE
    )

    assert result.returncode == 0, result.stderr
    default, storage_class, serve_method = result.stdout.splitlines()
    assert eval(default) == {  # noqa: S307 (our own repr of a dict of strings)
        "BACKEND": "association.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": "association-media",
            "endpoint_url": "https://s3.example.net",
            "access_key": "access-key",
            "secret_key": "secret-key",
            "region_name": "us-east-1",
            "custom_domain": "media.clusters.example.org",
            "addressing_style": "path",
        },
    }
    assert storage_class == "MediaStorage"
    assert serve_method == "redirect"


@pytest.mark.parametrize("module", ["association.settings.production", "association.settings.dev"])
def test_without_a_bucket_the_local_disk_stays_the_default_storage(module):
    result = _run({**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": module}, "-c", SHOW_STORAGE)

    assert result.returncode == 0, result.stderr
    default, storage_class, serve_method = result.stdout.splitlines()
    assert eval(default) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}  # noqa: S307
    assert storage_class == "FileSystemStorage"
    assert serve_method == "serve_view"


def test_the_deploy_check_stays_clean_with_media_in_a_bucket():
    result = _run(
        {
            **PRODUCTION_ENV,
            **BUCKET_ENV,
            "AWS_S3_REGION_NAME": "eu-central-1",
            "SECRET_KEY": secrets.token_urlsafe(50),
        },
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )

    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def _img_src(response) -> str:
    return re.search(r"img-src ([^;]+)", response["Content-Security-Policy"]).group(1)


def test_the_public_policy_allows_images_from_the_buckets_endpoint_and_nothing_else_new(
    client, home_page, settings, moto_server
):
    local = client.get("/")["Content-Security-Policy"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "association.storage.MediaStorage",
            "OPTIONS": moto_server.new_bucket().storage_options(),
        },
    }

    in_bucket = Client().get("/")["Content-Security-Policy"]

    assert "img-src 'self' data: blob:;" in local
    assert in_bucket == local.replace(
        "img-src 'self' data: blob:;", f"img-src 'self' data: blob: {moto_server.endpoint_url};"
    )


def test_with_a_custom_domain_public_images_come_from_it_and_the_admin_also_allows_the_endpoint(
    home_page, settings, moto_server, editor_client
):
    options = moto_server.new_bucket().storage_options()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "association.storage.MediaStorage",
            "OPTIONS": {**options, "custom_domain": "media.clusters.example.org"},
        },
    }

    public = _img_src(Client().get("/"))
    admin = _img_src(editor_client.get("/admin/"))

    assert public == "'self' data: blob: https://media.clusters.example.org"
    # The admin shows private media too (avatars), by signed addresses on the endpoint.
    assert admin == (
        f"'self' data: blob: https://media.clusters.example.org {moto_server.endpoint_url}"
    )


def test_the_infocluster_preview_allows_images_from_the_bucket(s3_media, editor_client):
    issue = NewsletterIssueFactory(subject="Infocluster preview")
    preview_url = f"/admin/snippets/newsletter/newsletterissue/preview/{issue.pk}/"
    data = {
        "subject": "Infocluster preview",
        "slug": issue.slug,
        "language": "en",
        "preheader": "",
        "audience": issue.audience_id,
        "body-count": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    assert editor_client.post(preview_url, data).json()["is_valid"] is True

    policy = editor_client.get(preview_url)["Content-Security-Policy"]

    # The mail's images are renditions in the bucket; the preview's own policy shows them.
    assert f"img-src 'self' data: http://testserver {s3_media.server.endpoint_url};" in policy


LOADED_MODULES = (
    "import sys, django; django.setup(); import association.urls; "
    "from association.celery import app; app.loader.import_default_modules(); "
    "from django.core.files.storage import storages; storages['default']; "
    "from association.middleware import ContentSecurityPolicyMiddleware; "
    "ContentSecurityPolicyMiddleware(lambda request: None); "
    "print(sorted(m for m in ('boto3', 'botocore', 'storages.backends.s3') if m in sys.modules))"
)


def test_a_process_whose_media_stay_on_disk_never_loads_boto3():
    """About 15 MB in every web and worker process: the URLconf (the mail provider's webhook),
    the tasks, the storage and the CSP load it only when media are in a bucket."""
    on_disk = _run(
        {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "association.settings.production"},
        "-c",
        LOADED_MODULES,
    )
    in_bucket = _run(
        {
            **PRODUCTION_ENV,
            "DJANGO_SETTINGS_MODULE": "association.settings.production",
            **BUCKET_ENV,
        },
        "-c",
        LOADED_MODULES,
    )

    assert on_disk.returncode == 0, on_disk.stderr
    assert on_disk.stdout.strip() == "[]"
    assert in_bucket.returncode == 0, in_bucket.stderr
    assert "boto3" in in_bucket.stdout
