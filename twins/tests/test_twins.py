"""Write once, publish in both scripts: publishing a Serbian page writes its twin in the other
script (twins/services.py), every text converted and everything else kept."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from home.models import StandardPage
from tests.factories import (
    ImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    translate_page,
)
from twins import services
from twins.models import ScriptSettings, ScriptTwin

pytestmark = pytest.mark.django_db


@pytest.fixture
def homes(home_page):
    """The home page in Serbian Latin, and its Cyrillic twin written on publish."""
    latin = translate_page(home_page, "sr-latn", title="Početna")
    return {"sr-latn": latin, "sr": latin.get_translation(Locale.objects.get(language_code="sr"))}


@pytest.fixture
def protected(settings):
    settings.TRANSLITERATION_PROTECTED_TERMS = ["Infocluster"]
    ScriptSettings.objects.update_or_create(defaults={"protected_terms": "SCAN\nCluster House"})


def latin_page(parent, slug="dani-klastera", **fields) -> StandardPage:
    page = StandardPage(
        title="Dani klastera u Nišu",
        slug=slug,
        locale=parent.locale,
        intro="Ljudi iz SCAN i Cluster House, džep i nadživeti.",
        seo_title="Dani klastera — Infocluster",
        search_description="Konferencija klastera.",
        listing_summary="Sažetak za liste.",
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def twin_of(page) -> StandardPage:
    return page.get_translation(Locale.objects.get(language_code="sr")).specific


def test_publishing_a_latin_page_writes_its_cyrillic_twin(homes, protected):
    page = latin_page(homes["sr-latn"])

    twin = twin_of(page)
    assert twin.live
    assert twin.title == "Дани кластера у Нишу"
    assert twin.draft_title == twin.title
    assert twin.intro == "Људи из SCAN и Cluster House, џеп и надживети."
    assert twin.seo_title == "Дани кластера — Infocluster"
    assert twin.search_description == "Конференција кластера."
    assert twin.listing_summary == "Сажетак за листе."
    assert twin.slug == "dani-klastera"  # addresses stay Latin
    assert twin.get_parent().pk == homes["sr"].pk
    assert ScriptTwin.objects.get(twin=twin).source_id == page.pk


def every_block(image, document, target) -> list[dict]:
    """A body with one block of each type of the shared stream, in Latin."""
    body = [
        ("heading", {"text": "Ljudi i klasteri", "level": "h2"}),
        (
            "paragraph",
            '<p>Džep <a href="https://klasteri.rs/lj">ljudi</a> '
            '<span translate="no">Cluster news</span> i SCAN</p>',
        ),
        (
            "image",
            {"image": image.pk, "caption": "Niš", "attribution": "Đorđe", "alt_text": "Ljudi"},
        ),
        ("video", {"video": "https://www.youtube.com/watch?v=lj", "caption": "Emisija"}),
        ("quote", {"text": "Klasteri rastu.", "attribution": "Ljiljana", "role": "direktorka"}),
        (
            "call_to_action",
            {
                "title": "Učlanite se",
                "text": "Članstvo je besplatno.",
                "button_label": "Prijava",
                "page": target.pk,
                "external_url": "https://klasteri.rs/clanstvo",
            },
        ),
        ("document", {"document": document.pk, "title": "Preuzmite program"}),
        ("table", {"data": [["Grad", "Članovi"], ["Niš", "20"]], "table_caption": "Članstvo"}),
    ]
    return [{"type": block_type, "value": value} for block_type, value in body]


def test_every_block_of_the_shared_stream_is_converted(homes, protected):
    image = ImageFactory()
    document = get_document_model().objects.create(
        title="Program", file=ContentFile(b"%PDF-1.4", name="program.pdf")
    )
    target = latin_page(homes["sr-latn"], slug="clanstvo")
    raw = every_block(image, document, target)
    page = latin_page(homes["sr-latn"], slug="sa-blokovima", body=raw)

    blocks = {block.block_type: block.value for block in twin_of(page).body}

    assert blocks["heading"]["text"] == "Људи и кластери"
    assert blocks["heading"]["level"] == "h2"
    assert blocks["paragraph"].source == (
        '<p>Џеп <a href="https://klasteri.rs/lj">људи</a> '
        '<span translate="no">Cluster news</span> и SCAN</p>'
    )
    assert blocks["image"]["image"].pk == image.pk
    assert (blocks["image"]["caption"], blocks["image"]["attribution"]) == ("Ниш", "Ђорђе")
    assert blocks["image"]["alt_text"] == "Људи"
    assert blocks["video"]["video"].url == "https://www.youtube.com/watch?v=lj"
    assert blocks["video"]["caption"] == "Емисија"
    assert (blocks["quote"]["text"], blocks["quote"]["attribution"]) == (
        "Кластери расту.",
        "Љиљана",
    )
    assert blocks["quote"]["role"] == "директорка"
    cta = blocks["call_to_action"]
    assert (cta["title"], cta["text"], cta["button_label"]) == (
        "Учланите се",
        "Чланство је бесплатно.",
        "Пријава",
    )
    assert cta["page"].pk == twin_of(target).pk  # the Cyrillic page, not the Latin one
    assert cta["external_url"] == "https://klasteri.rs/clanstvo"
    assert blocks["document"]["document"].pk == document.pk
    assert blocks["document"]["title"] == "Преузмите програм"
    assert blocks["table"]["data"] == [["Град", "Чланови"], ["Ниш", "20"]]
    assert blocks["table"]["table_caption"] == "Чланство"


def test_republishing_the_source_rewrites_the_same_twin(homes):
    page = latin_page(homes["sr-latn"])
    twin = twin_of(page)

    page.intro = "Novi uvod."
    page.save_revision().publish()

    again = twin_of(page)
    assert again.pk == twin.pk
    assert again.intro == "Нови увод."
    assert again.live
    assert ScriptTwin.objects.filter(source=page).count() == 1


def test_a_locked_twin_is_left_alone_until_it_is_unlocked(homes, admin_user):
    page = latin_page(homes["sr-latn"])
    twin = twin_of(page)
    twin.intro = "Ручно писано."
    twin.save_revision().publish()
    services.twin_lock(twin=twin, user=admin_user, locked=True)

    page.intro = "Promena izvora."
    page.save_revision().publish()
    assert twin_of(page).intro == "Ручно писано."

    services.twin_lock(twin=twin, user=admin_user, locked=False)
    page.save_revision().publish()
    assert twin_of(page).intro == "Промена извора."


def test_a_cyrillic_source_gets_a_latin_twin(homes):
    page = StandardPage(title="Љубљана и Њујорк", slug="ljubljana", intro="Џеп.")
    homes["sr"].add_child(instance=page)
    page.save_revision().publish()

    twin = page.get_translation(Locale.objects.get(language_code="sr-latn")).specific
    assert (twin.title, twin.intro) == ("Ljubljana i Njujork", "Džep.")


def test_the_twin_is_unpublished_with_its_source(homes):
    page = latin_page(homes["sr-latn"])

    page.unpublish()

    assert not twin_of(page).live


def test_a_translation_that_existed_before_is_independent_and_untouched(home_page, homes):
    english = StandardPageFactory(parent=home_page, title="About", slug="about")
    cyrillic = english.copy_for_translation(Locale.objects.get(language_code="sr"))
    cyrillic.title = "О нама (ручно)"
    cyrillic.save_revision().publish()
    latin = translate_page(english, "sr-latn", title="O nama")

    latin.title = "O nama, izmenjeno"
    latin.save_revision().publish()

    cyrillic.refresh_from_db()
    assert cyrillic.title == "О нама (ручно)"
    assert not ScriptTwin.objects.filter(twin=cyrillic).exists()


def test_an_english_page_has_no_twin(home_page, homes):
    page = StandardPageFactory(parent=home_page, title="Events", slug="events-en")

    assert services.twin_sync(source=page) is None
    assert not ScriptTwin.objects.filter(source=page).exists()


def test_publishing_the_twin_itself_does_not_write_back(homes):
    page = latin_page(homes["sr-latn"])
    twin = twin_of(page)

    twin.save_revision().publish()

    page.refresh_from_db()
    assert page.title == "Dani klastera u Nišu"
    assert Page.objects.filter(translation_key=page.translation_key).count() == 2


def test_an_articles_tags_are_written_in_the_twins_script(homes):
    """A tag is a word of the text: the Cyrillic twin of an article tagged "izvoz" is tagged
    "извоз" (a tag of its own, so the Cyrillic tag list and filter read Cyrillic); a tag the
    converter leaves alone ("b2b") is the same tag; republishing follows the source's tags."""
    news = NewsIndexPageFactory(parent=homes["sr-latn"], title="Vesti", slug="vesti")
    article = NewsPageFactory(parent=news, title="Klasteri i izvoz", tags=["izvoz", "b2b"])
    article.save_revision().publish()

    twin = twin_of(article)
    assert sorted(tag.name for tag in twin.tags.all()) == ["b2b", "извоз"]
    assert sorted(tag.name for tag in article.tags.all()) == ["b2b", "izvoz"]

    article.tags.set(["mreža"])
    article.save_revision().publish()
    assert [tag.name for tag in twin_of(article).tags.all()] == ["мрежа"]
