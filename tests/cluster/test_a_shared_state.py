"""What one web host does, the other sees: media in the shared bucket, sessions and throttle
counters in the shared Redis and database. "Through host 1" means web1's own address,
bypassing the balancer."""

import io
import re
import uuid

import pytest
import requests
from django.conf import settings
from PIL import Image as PILImage
from wagtail.images import get_image_model

from news.models import NewsIndexPage
from tests.factories import NewsPageFactory

from .data import STAFF_EMAIL, STAFF_PASSWORD, png, staff_user
from .web import BALANCER, WEB, Browser

pytestmark = pytest.mark.cluster

LEAD_IMAGE = re.compile(r'<figure class="article__lead-image">\s*<img src="([^"]+)"')


def test_an_image_uploaded_through_web1_is_shown_through_web2_and_served_to_the_client():
    """Proves media are shared and on no host's disk: staff upload an image in Wagtail's admin
    on web1; an article using it is rendered by web2, which makes the rendition from the
    original in the bucket and stores it there; the client fetches the rendition."""
    assert "FileSystemStorage" not in settings.STORAGES["default"]["BACKEND"], (
        "with AWS_STORAGE_BUCKET_NAME set, media must go to the S3 bucket "
        "(association/storage.py); the default storage still writes to the host's disk"
    )
    staff_user()
    staff = Browser()
    staff.log_in(WEB["web1"], STAFF_EMAIL, STAFF_PASSWORD)
    title = f"Cluster photo {uuid.uuid4().hex[:8]}"
    token = staff.form_token(f"{WEB['web1']}/admin/images/add/")
    upload = staff.post(
        f"{WEB['web1']}/admin/images/add/",
        data={"csrfmiddlewaretoken": token, "title": title},
        files={"file": ("cluster.png", png(), "image/png")},
    )
    assert upload.status_code == 302, upload.text[:3000]
    image = get_image_model().objects.get(title=title)
    assert image.file.storage.exists(image.file.name)  # the original, in the bucket
    assert not image.renditions.exists()

    news = NewsIndexPage.objects.filter(locale__language_code="en").first()
    article = NewsPageFactory(parent=news, title=f"Photo story {title[-8:]}", lead_image=image)
    path = article.relative_url(article.get_site())
    page = Browser().get(f"{WEB['web2']}{path}")
    assert page.status_code == 200
    match = LEAD_IMAGE.search(page.text)
    assert match, "the article through web2 shows no lead image"
    url = match.group(1)
    rendition = image.renditions.get(filter_spec="width-960")  # made by web2 for the page
    assert rendition.file.name.rsplit("/", 1)[-1] in url

    fetched = requests.get(url if "://" in url else f"{BALANCER}{url}", timeout=30)
    assert fetched.status_code == 200, (url, fetched.status_code)
    assert fetched.headers["Content-Type"].startswith("image/")
    with PILImage.open(io.BytesIO(fetched.content)) as served:
        assert served.size == (rendition.width, rendition.height) == (960, 640)


def test_a_login_through_web1_holds_on_web2_and_a_logout_on_web2_ends_it_on_web1():
    """Proves sessions are shared (cached_db: Redis in front of PostgreSQL)."""
    staff_user()
    browser = Browser()
    browser.log_in(WEB["web1"], STAFF_EMAIL, STAFF_PASSWORD)

    assert browser.get(f"{WEB['web2']}/admin/").status_code == 200
    assert browser.get(f"{BALANCER}/admin/").status_code == 200

    token = browser.form_token(f"{WEB['web2']}/accounts/logout/")
    logout = browser.post(f"{WEB['web2']}/accounts/logout/", data={"csrfmiddlewaretoken": token})
    assert logout.status_code == 302
    after = browser.get(f"{WEB['web1']}/admin/")
    assert after.status_code == 302 and "login" in after.headers["Location"]


def test_a_throttle_counted_on_web1_holds_on_web2():
    """Proves throttle counters are shared (django-ratelimit on the Redis cache): the
    newsletter's subscribe form allows three attempts per address an hour ("resend"); three
    through web1, and the fourth through web2 is refused."""
    address = f"throttled-{uuid.uuid4().hex[:8]}@readers.test"
    browser = Browser(client_address="10.77.9.9")
    form = {"email": address, "consent": "on", "name": "Reader", "language": "en"}
    for _ in range(3):
        answer = browser.post(f"{WEB['web1']}/newsletter/", data=form)
        assert answer.status_code in (200, 302, 400), answer.status_code
    assert browser.post(f"{WEB['web2']}/newsletter/", data=form).status_code == 429
    # A client coming from elsewhere, for another address, is not held by it.
    other = Browser(client_address="10.77.9.10")
    fresh = {**form, "email": f"fresh-{uuid.uuid4().hex[:8]}@readers.test"}
    assert other.post(f"{WEB['web2']}/newsletter/", data=fresh).status_code != 429
