"""The news part of ``seed_demo``: categories in every language, authors, the articles below
the news index and their Serbian translations.

Categories are found by slug and language, their translations through the translation key,
authors by name, articles by slug below the index of their language. Run after the pages
and their translations, as the articles link to both.
"""

from wagtail.models import Locale

from demo.content import ImageRef
from demo.news import ARTICLES, AUTHORS, CATEGORIES, TRANSLATIONS, Article
from demo.seeding import (
    CREATED,
    UNCHANGED,
    References,
    Report,
    assign,
    ensure_page,
    ensure_translation,
    status_of,
)
from news.models import Author, NewsCategory, NewsPage

NEWS_INDEX_PATH = "news"


class NewsSeeder:
    def __init__(self, locales: dict[str, Locale], refs: References, report: Report):
        # The first language is the one the articles are written in; the others translate it.
        self.locales = locales
        self.refs = refs
        self.report = report
        self.categories: dict[tuple[str, str], NewsCategory] = {}
        self.authors: dict[str, Author] = {}

    def ensure_news(self) -> None:
        self.ensure_categories()
        self.ensure_authors()
        articles = self.ensure_articles()
        self.ensure_article_translations(articles)

    def ensure_categories(self) -> None:
        for spec in CATEGORIES:
            source = None
            for code, locale in self.locales.items():
                category = self._find_category(spec["slug"], locale, source)
                wanted = {"name": spec["names"][code], "slug": spec["slug"]}
                if source is not None:
                    wanted["translation_key"] = source.translation_key
                if category is None:
                    category = NewsCategory(locale=locale, **wanted)
                    status = CREATED
                else:
                    status = status_of(assign(category, wanted))
                if status != UNCHANGED:
                    category.full_clean()
                    category.save()
                self.report.item(f"news category {spec['slug']!r} [{code}]", status)
                self.categories[code, spec["slug"]] = category
                source = source or category

    def _find_category(
        self, slug: str, locale: Locale, source: NewsCategory | None
    ) -> NewsCategory | None:
        category = None
        if source is not None:
            category = NewsCategory.objects.filter(
                translation_key=source.translation_key, locale=locale
            ).first()
        # A category staff made by hand with the same slug is taken over, not duplicated.
        return category or NewsCategory.objects.filter(slug=slug, locale=locale).first()

    def ensure_authors(self) -> None:
        for key, spec in AUTHORS.items():
            author = Author.objects.filter(name=spec["name"]).order_by("pk").first()
            if author is None:
                author = Author(**spec)
                status = CREATED
            else:
                status = status_of(assign(author, spec))
            if status != UNCHANGED:
                author.full_clean()
                author.save()
            self.report.item(f"author {spec['name']!r}", status)
            self.authors[key] = author

    def ensure_articles(self) -> dict[str, NewsPage]:
        index = self.refs.pages[NEWS_INDEX_PATH]
        code = next(iter(self.locales))
        articles = {}
        for article in ARTICLES:
            fields = {
                "title": article.title,
                "intro": article.intro,
                "body": article.body,
                **self._shared_fields(article, code),
            }
            page, status = ensure_page(
                index, article.slug, NewsPage, **self.refs.resolve_fields(NewsPage, fields)
            )
            self.report.page(page, status)
            articles[article.slug] = page
        return articles

    def ensure_article_translations(self, articles: dict[str, NewsPage]) -> None:
        by_slug = {article.slug: article for article in ARTICLES}
        for code, translations in TRANSLATIONS.items():
            for slug, texts in translations.items():
                fields = {**texts, **self._shared_fields(by_slug[slug], code)}
                page, status = ensure_translation(
                    articles[slug],
                    self.locales[code],
                    self.refs.resolve_fields(NewsPage, fields),
                )
                self.report.page(page, status)

    def _shared_fields(self, article: Article, code: str) -> dict:
        """What a translation shares with the English article. copy_for_translation copies
        the English categories; a translation lists the categories of its own language."""
        return {
            "date": article.date,
            "lead_image": ImageRef(article.lead_image),
            "categories": [self.categories[code, slug] for slug in article.categories],
            "authors": [self.authors[key] for key in article.authors],
            "tags": list(article.tags),
        }
