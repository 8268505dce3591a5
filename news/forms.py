"""The article editor's form (``NewsPage.base_form_class``)."""

from wagtail.admin.forms import WagtailAdminPageForm


class NewsPageForm(WagtailAdminPageForm):
    """The categories picker offers the article's language only (each category exists once
    per language); an article translated with its source's categories shows them in its
    own language, so saving it files it under those."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("categories")
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if field is None or locale_id is None:
            return
        categories = field.queryset.model.objects
        field.queryset = categories.filter(locale_id=locale_id)
        if self.instance.pk and not self.is_bound:
            chosen = self.instance.categories.all()
            keys = [c.translation_key for c in chosen if c.locale_id != locale_id]
            if keys:
                own = categories.filter(translation_key__in=keys, locale_id=locale_id)
                kept = [c.pk for c in chosen if c.locale_id == locale_id]
                self.initial["categories"] = kept + [c.pk for c in own]
