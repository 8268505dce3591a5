"""News: thousands of articles with categories, tags, authors and lead images."""

import datetime
import random

from django.utils import timezone
from wagtail.images import get_image_model

from news.models import Author, NewsCategory, NewsIndexPage, NewsPage

from . import generator
from .site import ADJECTIVES, NOUNS, _body, _indexed_in_bulk, _sentence, site_home

CATEGORIES = [
    ("Cluster news", "cluster-news"),
    ("Calls and funding", "calls-and-funding"),
    ("Events", "events"),
    ("Infocluster", "infocluster"),
]
TAGS = ["b2b", "nis", "ict", "supercluster", "export", "training", "agrifood", "eu"]
FIRST_DATE = datetime.date(2015, 1, 1)


def news_index() -> NewsIndexPage:
    """The English news index; a placeholder page at /news/ gives way to one."""
    home = site_home()
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        home.get_children().filter(slug="news").delete()
        index = NewsIndexPage(title="News", slug="news", intro="News from the cluster network.")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def latest_article() -> NewsPage:
    article = NewsPage.objects.live().child_of(news_index()).order_by("-date", "-pk").first()
    if article is None:
        raise LookupError("no articles: run bench/generate.py --news N")
    return article


@generator("news", size=3000, description="news articles with categories, tags and authors")
def generate_news(count: int) -> str:
    index = news_index()
    categories = [
        NewsCategory.objects.get_or_create(slug=slug, locale=index.locale, defaults={"name": name})[
            0
        ]
        for name, slug in CATEGORIES
    ]
    authors = [Author.objects.get_or_create(name=name)[0] for name in ("Editorial team", "Staff")]
    images = list(get_image_model().objects.order_by("pk")[:8])
    existing = set(NewsPage.objects.child_of(index).values_list("slug", flat=True))
    now = timezone.now()
    with _indexed_in_bulk(NewsPage) as created:
        for number in range(1, count + 1):
            slug = f"bench-article-{number:05d}"
            if slug in existing:
                continue
            rng = random.Random(number)
            date = FIRST_DATE + datetime.timedelta(days=number % 4300)
            page = NewsPage(
                title=f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} news {number}",
                slug=slug,
                date=date,
                intro=_sentence(rng, 18),
                body=_body(rng),
                lead_image=rng.choice(images) if images and number % 3 else None,
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
            page.categories = rng.sample(categories, k=rng.randint(1, 2))
            page.authors = [rng.choice(authors)]
            for tag in rng.sample(TAGS, k=rng.randint(1, 3)):
                page.tags.add(tag)
            index.add_child(instance=page)
            created.append(page)
    return f"{len(created)} new articles for {count} wanted under {index.url_path}"
