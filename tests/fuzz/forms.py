"""Reads a page's forms the way a browser would, so the fuzz test starts from what the site
really offers (every field, its current value and its choices) and changes from there."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from hypothesis import strategies as st

from .hostile import hostile_text, integers_as_text, raw_bytes


@dataclass
class Form:
    action: str = ""
    method: str = "get"
    # Field name -> the values a browser could send for it (current value first).
    fields: dict[str, list[str]] = field(default_factory=dict)
    # What a browser sends untouched.
    base: list[tuple[str, str]] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text = ""

    def _add(self, name: str, value: str, *, sent: bool) -> None:
        choices = self._form.fields.setdefault(name, [])
        if value not in choices:
            choices.append(value)
        if sent:
            self._form.base.append((name, value))

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = Form(action=attrs.get("action", ""), method=attrs.get("method", "get"))
            self.forms.append(self._form)
            return
        if self._form is None or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            value = attrs.get("value", "on" if kind in ("checkbox", "radio") else "")
            sent = kind not in ("checkbox", "radio") or "checked" in attrs
            self._add(attrs["name"], value, sent=sent)
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = attrs["name"], None, False
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            self._add(self._select, value, sent="selected" in attrs)
            self._select_chosen |= "selected" in attrs
            if self._select_first is None:
                self._select_first = value
        elif tag == "textarea":
            self._textarea, self._text = attrs["name"], ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            if not self._select_chosen and self._select_first is not None and self._form:
                self._form.base.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form:
            self._add(self._textarea, self._text.lstrip("\n"), sent=True)
            self._textarea = None


def forms_in(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def post_form(client, url: str, *, fallback: dict[str, list[str]]) -> Form:
    """The first POST form of the page at ``url`` (with what ``fallback`` names added, in
    case the page cannot be read or leaves a field out)."""
    form = Form(method="post")
    response = client.get(url)
    if response.status_code == 200:
        found = [f for f in forms_in(response.content.decode()) if f.method.lower() == "post"]
        # Forms that carry fields of their own, not the search box or a single button.
        found = [f for f in found if set(f.fields) - {"csrfmiddlewaretoken"}]
        if found:
            form = found[0]
    for name, values in fallback.items():
        choices = form.fields.setdefault(name, [])
        choices.extend(v for v in values if v not in choices)
        sent = [v for n, v in form.base if n == name]
        if values and not any(sent):
            # Not sent, or sent empty: fill it in as a person would.
            form.base = [(n, v) for n, v in form.base if n != name] + [(name, values[0])]
    form.fields.pop("csrfmiddlewaretoken", None)
    form.base = [(n, v) for n, v in form.base if n != "csrfmiddlewaretoken"]
    return form


def submissions(form: Form, *, overrides: dict | None = None):
    """What people and attackers send through ``form``: what a browser sends, with up to
    three fields changed to another of their choices or to something hostile, repeated or
    left out; now and then an unknown field or raw bytes."""
    overrides = overrides or {}
    names = sorted(form.fields)

    def field_value(name):
        choices = [v for v in form.fields[name] if v != ""] or [""]
        branches = [st.sampled_from(choices), hostile_text, integers_as_text]
        if name in overrides:
            branches.insert(0, overrides[name])
        return st.one_of(*branches)

    @st.composite
    def build(draw):
        changed = (
            set(draw(st.lists(st.sampled_from(names), max_size=3, unique=True))) if names else set()
        )
        pairs = [(n, v) for n, v in form.base if n not in changed]
        for name in sorted(changed):
            action = draw(st.sampled_from(["change", "change", "change", "drop", "repeat"]))
            if action == "drop":
                continue
            pairs.append((name, draw(field_value(name))))
            if action == "repeat":
                pairs.append((name, draw(field_value(name))))
        if draw(st.integers(0, 9)) == 0:
            pairs.append((draw(hostile_text), draw(hostile_text)))
        if names and draw(st.integers(0, 19)) == 0:
            pairs.append((draw(st.sampled_from(names)), draw(raw_bytes)))
        return pairs

    return build()
