"""The news part of ``seed_demo``: categories in every language, authors, the articles below
the news index and their Serbian translations.

Categories are found by slug and language, their translations through the translation key,
authors by name, articles by slug below the index of their language. Run after the pages
and their translations, as the articles link to both.
"""

from wagtail.models import Locale

from demo import news
from demo.blocks import ImageRef
from demo.news import AUTHORS, CATEGORIES, Article
from demo.seeding import (
    CREATED,
    EVERYTHING,
    TWIN_CODE,
    TWIN_SOURCE,
    UNCHANGED,
    References,
    Report,
    Scope,
    assign,
    ensure_page,
    ensure_snippet_twin,
    ensure_translation,
    report_page_twin,
    status_of,
    written_locales,
)
from news.models import Author, NewsCategory, NewsPage

NEWS_INDEX_PATH = "news"


def articles(scope: Scope) -> list[Article]:
    """The English articles ``seed_demo`` writes in this scope, in the order of ``demo.news``."""
    return scope.select(news.ARTICLES, news.SUBSET, key=lambda article: article.slug)


def translations(scope: Scope) -> dict[str, dict[str, dict]]:
    """The translations of those articles: their texts by language, then by English slug."""
    slugs = {article.slug for article in articles(scope)}
    return {
        code: {slug: texts for slug, texts in by_slug.items() if slug in slugs}
        for code, by_slug in news.TRANSLATIONS.items()
    }


class NewsSeeder:
    def __init__(
        self,
        locales: dict[str, Locale],
        refs: References,
        report: Report,
        scope: Scope = EVERYTHING,
    ):
        # The first language is the one the articles are written in; the others translate it.
        self.locales = locales
        self.refs = refs
        self.report = report
        self.scope = scope
        self.categories: dict[tuple[str, str], NewsCategory] = {}
        self.authors: dict[str, Author] = {}

    def ensure_news(self) -> None:
        self.ensure_categories()
        self.ensure_authors()
        self.ensure_article_translations(self.ensure_articles())

    def ensure_categories(self) -> None:
        for spec in CATEGORIES:
            source = None
            for code, locale in written_locales(self.locales).items():
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
                if code == TWIN_SOURCE and TWIN_CODE in self.locales:
                    twin_status = ensure_snippet_twin(category, status)
                    self.report.item(f"news category {spec['slug']!r} [{TWIN_CODE}]", twin_status)

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
        pages = {}
        for article in articles(self.scope):
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
            pages[article.slug] = page
        return pages

    def ensure_article_translations(self, pages: dict[str, NewsPage]) -> None:
        by_slug = {article.slug: article for article in articles(self.scope)}
        for code, texts_by_slug in translations(self.scope).items():
            for slug, texts in texts_by_slug.items():
                fields = {**texts, **self._shared_fields(by_slug[slug], code)}
                page, status = ensure_translation(
                    pages[slug],
                    self.locales[code],
                    self.refs.resolve_fields(NewsPage, fields, self.locales[code]),
                )
                self.report.page(page, status)
                report_page_twin(self.report, page, status)

    def _shared_fields(self, article: Article, code: str) -> dict:
        """What a translation shares with the English article. copy_for_translation copies
        the English categories and tags; a translation lists those of its own language."""
        return {
            "date": article.date,
            "lead_image": ImageRef(article.lead_image),
            "categories": [self.categories[code, slug] for slug in article.categories],
            "authors": [self.authors[key] for key in article.authors],
            "tags": [news.TAGS.get(code, {}).get(tag, tag) for tag in article.tags],
        }
