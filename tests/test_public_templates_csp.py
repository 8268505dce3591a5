"""The public pages' Content-Security-Policy allows stylesheets from the site only
(``style-src 'self'``, association/middleware.py): a ``<style>`` element or a ``style``
attribute in a public template would be dropped by the browser. Only the admin's templates
(whose policy allows inline styles), mails and the PDFs rendered by WeasyPrint may hold them."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)


def _may_hold_inline_styles(path: Path) -> bool:
    parts = path.relative_to(TEMPLATES).parts
    return "admin" in parts or "email" in parts or path.name.endswith("_pdf.html")


def test_no_public_template_holds_an_inline_style():
    offending = [
        str(path.relative_to(TEMPLATES))
        for path in sorted(TEMPLATES.rglob("*.html"))
        if not _may_hold_inline_styles(path) and INLINE_STYLE.search(path.read_text())
    ]

    assert offending == []
