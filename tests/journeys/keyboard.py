"""Driving a page with the keyboard alone, as a person who uses no mouse: Tab moves the
focus, Enter follows a link or presses a button, typing fills the focused field."""

import re

import pytest

# What a person hears or reads for the focused element: its aria-label, its label, its text.
_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {name: "", field: ""};
  const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
  const name = e.getAttribute("aria-label") || label || e.innerText || e.value || "";
  return {name: name.replace(/\\s+/g, " ").trim(), field: e.getAttribute("name") || ""};
}"""


def tab_to(page, name: str | re.Pattern | None = None, *, field: str = "", limit: int = 150):
    """Press Tab until the focus is on the element called ``name`` (a string to equal, or a
    pattern to search) or on the form field named ``field``; fail, listing where the focus
    went, if it never gets there (once round the page, or after ``limit`` steps)."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if len(passed) > 2 and focused["name"] == passed[0] and passed[-1] == "":
            break  # round the page and back (through the browser's own controls)
        if field and focused["field"] == field:
            return
        if name is not None:
            if isinstance(name, re.Pattern) and name.search(focused["name"]):
                return
            if focused["name"] == name:
                return
        passed.append(focused["name"] or focused["field"])
    pytest.fail(f"Tab never reaches {name or field!r}; the focus went through {passed}")


def press_enter_and_wait(page):
    """Enter on the focused link or button, waiting for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def activate(page, name: str | re.Pattern):
    """Tab to the link or button ``name`` and press Enter on it."""
    tab_to(page, name)
    press_enter_and_wait(page)


def type_into(page, field: str, text: str):
    """Tab to the form field named ``field`` and type ``text`` into it."""
    tab_to(page, field=field)
    page.keyboard.type(text)
