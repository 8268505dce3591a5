"""The vocabulary the demo content (``demo.content``, ``demo.news``) is written in: StreamField
blocks as ``(block type, value)`` pairs, and markers for the rows ``seed_demo`` looks up when
it writes them (``PageRef``, ``ImageRef``)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageRef:
    """An English page by its slugs below the home page, "a/b"; "" is the home page."""

    path: str


@dataclass(frozen=True)
class ImageRef:
    """A demo picture by its key in ``demo.images.DEMO_IMAGES``."""

    key: str


def heading(text: str, level: str = "h2") -> tuple[str, dict]:
    return ("heading", {"text": text, "level": level})


def paragraph(html: str) -> tuple[str, str]:
    return ("paragraph", html)


def image(key: str, *, caption: str = "", alt_text: str = "") -> tuple[str, dict]:
    return (
        "image",
        {"image": ImageRef(key), "caption": caption, "attribution": "", "alt_text": alt_text},
    )


def quote(text: str, attribution: str, role: str = "") -> tuple[str, dict]:
    return ("quote", {"text": text, "attribution": attribution, "role": role})


def call_to_action(title: str, text: str, button_label: str, page: str) -> tuple[str, dict]:
    return (
        "call_to_action",
        {
            "title": title,
            "text": text,
            "button_label": button_label,
            "page": PageRef(page),
            "external_url": "",
        },
    )


def table(
    rows: list[list[str]], *, caption: str, header_row: bool = True, header_column: bool = False
) -> tuple[str, dict]:
    return (
        "table",
        {
            "data": rows,
            "first_row_is_table_header": header_row,
            "first_col_is_header": header_column,
            "table_caption": caption,
        },
    )


def bullets(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
