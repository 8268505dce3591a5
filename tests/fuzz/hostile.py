"""Hypothesis strategies for hostile input: what an attacker, a broken client or a
copy-and-paste accident puts into a query string, a form field, a path segment or a
request body."""

from __future__ import annotations

import io
import struct
import zlib

from hypothesis import strategies as st
from PIL import Image

# Integers a database or int() chokes on: beyond 32 and 64 bits, negative, zero, and
# strings that look like numbers to str.isdigit() but not to int() (superscripts).
NUMBERS = [
    "9" * 30,
    "-" + "9" * 30,
    str(2**31 - 1),
    str(2**31),
    str(2**63 - 1),
    str(2**63),
    str(2**64),
    str(-(2**63) - 1),
    "-1",
    "0",
    "-0",
    "00",
    "+1",
    " 1",
    "1 ",
    "1.5",
    "1,5",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "0x7fffffff",
    "1_000",
    "²",
    "12³",
    "١٢٣",
    "१२",
    "½",
    "9" * 400,
]

CONTROL = [
    "\x00",
    "a\x00b",
    "%00",
    "\x01",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b[31mred",
    "\x7f",
    "\r\n",
    "a\rb",
    "\nBcc: victim@example.org",
    "\t",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\uffff",
]

UNICODE = [
    "\u202e",
    "\u202etxt.exe",
    "abc\u202edef\u202c",
    "\u200f\u200e\u200b",
    "\u2066x\u2069",
    "e\u0301",
    "a" + "\u0301" * 200,
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗̜",
    "שלום",
    "مرحبا بالعالم",
    "Ђорђе Јовановић",
    "Đorđe Šćepanović",
    "ǅ",
    "ß",
    "İı",
    "\U0001f600",
    "👨‍👩‍👧‍👦",
    "𝕳𝖊𝖑𝖑𝖔",
    "\ufdfd",
    "ﬀ",
    "Ⅻ",
    "\u3000",
    "\u00a0",
    "\U000e0041",
]

SYNTAX = [
    '"',
    "'",
    'a"b',
    '"a',
    "a'b",
    "''",
    '""',
    "' OR 1=1 --",
    "' OR '1'='1",
    '" OR ""="',
    "'; DROP TABLE auth_user; --",
    "1; SELECT pg_sleep(1)",
    "1) UNION SELECT NULL--",
    "NEAR(",
    "NEAR(a b)",
    "a NEAR/3 b",
    "*",
    "-",
    "^",
    "a*",
    "*a",
    "-a",
    "^a",
    "a OR b",
    "a AND",
    "AND",
    "OR",
    "NOT",
    "NOT a",
    "(",
    ")",
    "((a)",
    "a:b",
    "title:a",
    "{a b}",
    "a + b",
    "a & b",
    "a | b",
    "!a",
    "a <-> b",
    "a:*",
    "\\",
    "\\'",
    "%",
    "_",
    "%_%",
    "[",
    "]",
    "[a-z]",
    ";",
    "--",
    "/*",
    "*/",
    "$$",
    "E'\\x00'",
    "\\x00",
    "%2500",
    "%ZZ",
    "&",
    "a&b=c",
    "#",
    "?",
    "=",
    ".",
    "..",
    "../../etc/passwd",
    "/",
    "//evil.example.org",
    "\\\\server\\share",
    "~",
    "@",
    "%s",
    "%d",
    "%(name)s",
    "{0}",
    "{name}",
    "%n",
]

MARKUP = [
    "<script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% debug %}",
    "${7*7}",
    "<!--",
    "]]>",
    "<![CDATA[x]]>",
    "&#0;",
    "&#x0;",
    "&lt;b&gt;",
    "<b>bold</b>",
    "<a href='https://evil.example.org'>x</a>",
]

SPREADSHEET = [
    "=1+1",
    '=HYPERLINK("https://evil.example.org","x")',
    '+1+HYPERLINK("https://evil.example.org")',
    "-1+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "=cmd|' /C calc'!A0",
]

FIXED = NUMBERS + CONTROL + UNICODE + SYNTAX + MARKUP + SPREADSHEET


def _long(piece: str, size: int) -> str:
    return (piece * (size // max(len(piece), 1) + 1))[:size]


# 10 kB strings and a little over: repeated fragments of the lists above.
long_strings = st.builds(
    _long,
    st.sampled_from(["A", "é", "\u202e", "' OR 1=1 -- ", "<script>", "9", "ab\u0301", "\x00"]),
    st.sampled_from([1_000, 10_000, 10_240, 12_000]),
)

integers_as_text = st.one_of(
    st.sampled_from(NUMBERS),
    st.integers().map(str),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
)

# Text Hypothesis makes up: any code point but surrogates, biased towards the ones that
# break things (controls, formatting, combining marks, separators, private use).
generated_text = st.one_of(
    st.text(max_size=40),
    st.text(
        st.characters(categories=["Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Co", "Cn"]),
        max_size=20,
    ),
    st.text(st.sampled_from("\"'`\\%_*^-:()[]{}<>;&|!#?=/.,@$~ \t\n"), max_size=20),
)

# Any of the above, and two glued together.
hostile_text = st.one_of(
    st.sampled_from(FIXED),
    integers_as_text,
    generated_text,
    long_strings,
    st.builds(str.__add__, st.sampled_from(FIXED), st.sampled_from(FIXED)),
)

# Bytes that are not UTF-8, for percent-encoded query strings and raw bodies.
raw_bytes = st.one_of(
    st.sampled_from([b"\xff", b"\xfe\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"%\xff", b"\x00"]),
    st.binary(max_size=40),
)


def value(valid=()):
    """A field's value: one of the ``valid`` ones (so the request gets past the form into
    deeper code) or something hostile, about half and half."""
    valid = [v for v in valid if v is not None]
    if not valid:
        return hostile_text
    return st.one_of(st.sampled_from(valid), hostile_text)


def int_value(valid=()):
    """A field that takes an id or a number."""
    valid = [str(v) for v in valid]
    branches = [integers_as_text, hostile_text]
    if valid:
        branches.insert(0, st.sampled_from(valid))
    return st.one_of(*branches)


def email_value():
    return value(
        [
            "fuzz@example.org",
            "Fuzz.Person+tag@example.org",
            "o'brien@example.org",
            '"quoted"@example.org',
            "user@xn--80ak6aa92e.com",
            "user@пример.срб",
            "a" * 64 + "@example.org",
            "x@" + "a" * 63 + ".example.org",
            "member@example.org",
            "reader0@example.org",
        ]
    )


def params(spec: dict, *, extra: bool = True):
    """A list of (name, value) pairs: each parameter of ``spec`` (name -> value strategy)
    present or not, sometimes repeated; now and then an unknown or hostile parameter name,
    and now and then a value given as raw (non UTF-8) bytes."""

    @st.composite
    def build(draw):
        pairs = []
        names = draw(st.lists(st.sampled_from(sorted(spec)), max_size=len(spec))) if spec else []
        for name in names:
            pairs.append((name, draw(spec[name])))
        if extra and draw(st.integers(0, 9)) == 0:
            name = draw(st.one_of(st.sampled_from(sorted(spec) or ["x"]), hostile_text))
            pairs.append((name, draw(hostile_text)))
        if spec and draw(st.integers(0, 14)) == 0:
            pairs.append((draw(st.sampled_from(sorted(spec))), draw(raw_bytes)))
        return pairs

    return build()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels but carries almost no data: what a
    decompression bomb looks like to whoever only reads the header."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _png_chunk(b"IEND", b"")
    )


def small_image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "teal").save(buffer, kind)
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'

# Logo uploads: real images named as what they are, and images named or typed as something
# else, bombs, scripts and junk.
uploads = st.one_of(
    st.sampled_from([("logo.png", "PNG"), ("logo.jpg", "JPEG"), ("logo.webp", "WEBP")]).map(
        lambda named: (named[0], small_image(named[1]))
    ),
    st.tuples(
        st.one_of(
            st.sampled_from(
                ["logo.png", "logo.jpg", "logo.webp", "logo.svg", "logo.png.exe", "logo"]
            ),
            st.builds(
                lambda text, ext: text + ext, hostile_text, st.sampled_from([".png", ".gif", ""])
            ),
        ),
        st.one_of(
            st.sampled_from(["PNG", "JPEG", "WEBP", "GIF", "BMP"]).map(small_image),
            st.sampled_from([(100_000, 100_000), (20_000, 20_000), (0, 0), (2**31 - 1, 1)]).map(
                lambda size: png_header(*size)
            ),
            st.just(SVG),
            st.just(b"GIF89a" + b"\x00" * 20),
            raw_bytes,
        ),
    ),
)
