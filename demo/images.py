"""Pictures for the demo content, drawn with Pillow so a fresh install needs no downloads.

Each picture is a network of dots on a gradient: the same seed always gives the same file.
"""

import io
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

# Drawn at twice the size and scaled down, which smooths the lines and dots.
SUPERSAMPLE = 2


@dataclass(frozen=True)
class DemoImage:
    key: str
    title: str
    description: str
    filename: str
    size: tuple[int, int]
    pattern: str
    top: str
    bottom: str
    colours: tuple[str, ...]
    seed: int


DEMO_IMAGES = [
    DemoImage(
        key="hero",
        title="Demo: cluster network banner",
        description="Light dots joined by thin lines on a deep blue background",
        filename="demo-cluster-network-banner.png",
        size=(1600, 600),
        pattern="network",
        top="#0b2a5b",
        bottom="#12508f",
        colours=("#f5c542", "#9fd3ff", "#ffffff"),
        seed=2016,
    ),
    DemoImage(
        key="about",
        title="Demo: seven founding clusters",
        description="Seven groups of connected dots, linked to one another",
        filename="demo-seven-founding-clusters.png",
        size=(1200, 630),
        pattern="groups",
        top="#0f3d3e",
        bottom="#1f6f6b",
        colours=("#f2e8cf", "#a7c957", "#f5c542", "#9fd3ff", "#f28482", "#cdb4db", "#ffffff"),
        seed=7,
    ),
    DemoImage(
        key="membership",
        title="Demo: joining the network",
        description="Rings of dots around a bright centre",
        filename="demo-joining-the-network.png",
        size=(1200, 630),
        pattern="rings",
        top="#3b1f5c",
        bottom="#6a3d9a",
        colours=("#f5c542", "#ffffff"),
        seed=12,
    ),
    DemoImage(
        key="serbia-innovates",
        title="Demo: four supercluster domains",
        description="Four groups of connected dots in four colours, one per programme domain",
        filename="demo-four-supercluster-domains.png",
        size=(1200, 630),
        pattern="groups",
        top="#1b1b3a",
        bottom="#2e4a7d",
        colours=("#f5c542", "#a7c957", "#f28482", "#9fd3ff"),
        seed=2022,
    ),
    DemoImage(
        key="cluster-brochure",
        title="Demo: twenty clusters across Serbia",
        description="Five groups of connected dots in five colours, one per group of industries",
        filename="demo-twenty-clusters-across-serbia.png",
        size=(1200, 630),
        pattern="groups",
        top="#23303f",
        bottom="#3f5a73",
        colours=("#f5c542", "#a7c957", "#9fd3ff", "#f28482", "#f2e8cf"),
        seed=2009,
    ),
    DemoImage(
        key="balkan-cluster-day",
        title="Demo: Balkan Cluster Day",
        description="Warm dots joined by thin lines on a dusk-red background",
        filename="demo-balkan-cluster-day.png",
        size=(1200, 630),
        pattern="network",
        top="#5c1f2e",
        bottom="#a2463b",
        colours=("#f5c542", "#ffd6a5", "#ffffff"),
        seed=325,
    ),
    DemoImage(
        key="days-of-clusters",
        title="Demo: Days of Clusters conference",
        description="Rings of dots around an orange centre on an autumn-brown background",
        filename="demo-days-of-clusters-conference.png",
        size=(1200, 630),
        pattern="rings",
        top="#3d2314",
        bottom="#8a4b20",
        colours=("#ff9f1c", "#ffe8c2"),
        seed=10,
    ),
    DemoImage(
        key="b2b-meetings",
        title="Demo: B2B meetings",
        description="Pairs of dots facing each other across rows of tables, each pair joined",
        filename="demo-b2b-meetings.png",
        size=(1200, 630),
        pattern="pairs",
        top="#123c2f",
        bottom="#1f6b4f",
        colours=("#f5c542", "#9fd3ff", "#ffffff"),
        seed=2024,
    ),
    DemoImage(
        key="ict-vojvodina",
        title="Demo: ICT cluster network",
        description="Cyan and green dots joined by thin lines on a dark teal background",
        filename="demo-ict-cluster-network.png",
        size=(1200, 630),
        pattern="network",
        top="#062c30",
        bottom="#0d5c63",
        colours=("#5ce1e6", "#a7c957", "#ffffff"),
        seed=2010,
    ),
]


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _gradient(size: tuple[int, int], top: str, bottom: str) -> Image.Image:
    width, height = size
    start, end = _rgb(top), _rgb(bottom)
    canvas = Image.new("RGB", size)
    draw = ImageDraw.Draw(canvas)
    for y in range(height):
        share = y / max(height - 1, 1)
        colour = tuple(round(a + (b - a) * share) for a, b in zip(start, end, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    return canvas


def _draw_network(draw, size, colours, rng):
    width, height = size
    points = [(rng.uniform(0, width), rng.uniform(0, height)) for _ in range(90)]
    reach = width / 7
    line = _rgb(colours[-1]) + (70,)
    for i, (x1, y1) in enumerate(points):
        for x2, y2 in points[i + 1 :]:
            if math.dist((x1, y1), (x2, y2)) < reach:
                draw.line([(x1, y1), (x2, y2)], fill=line, width=2 * SUPERSAMPLE)
    for x, y in points:
        radius = rng.uniform(3, 8) * SUPERSAMPLE
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=rng.choice(colours))


def _draw_groups(draw, size, colours, rng):
    width, height = size
    count = len(colours)
    centres = []
    for i in range(count):
        angle = 2 * math.pi * i / count + rng.uniform(-0.2, 0.2)
        centres.append(
            (width / 2 + math.cos(angle) * width * 0.3, height / 2 + math.sin(angle) * height * 0.3)
        )
    link = (255, 255, 255, 90)
    for i, a in enumerate(centres):
        for b in centres[i + 1 :]:
            draw.line([a, b], fill=link, width=2 * SUPERSAMPLE)
    spread = min(width, height) / (3 + count / 2)
    for (cx, cy), colour in zip(centres, colours, strict=True):
        for _ in range(14):
            x, y = rng.gauss(cx, spread / 2.5), rng.gauss(cy, spread / 2.5)
            draw.line([(cx, cy), (x, y)], fill=_rgb(colour) + (120,), width=SUPERSAMPLE)
            radius = rng.uniform(3, 6) * SUPERSAMPLE
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)
        radius = 14 * SUPERSAMPLE
        draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=colour)


def _draw_rings(draw, size, colours, rng):
    width, height = size
    cx, cy = width / 2, height / 2
    accent, dot = colours[0], colours[-1]
    for ring in range(1, 6):
        distance = ring * min(width, height) / 11
        dots = 6 * ring
        offset = rng.uniform(0, 2 * math.pi)
        for i in range(dots):
            angle = offset + 2 * math.pi * i / dots
            x, y = cx + math.cos(angle) * distance * 1.6, cy + math.sin(angle) * distance
            if ring == 1:
                draw.line([(cx, cy), (x, y)], fill=_rgb(accent) + (160,), width=2 * SUPERSAMPLE)
            radius = (7 - ring) * SUPERSAMPLE
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=dot)
    radius = 24 * SUPERSAMPLE
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=accent)


def _draw_pairs(draw, size, colours, rng):
    """Rows of meeting tables: two dots face each other across each one, joined by a line."""
    width, height = size
    rows, columns = 4, 6
    line = _rgb(colours[-1]) + (110,)
    for row in range(rows):
        y = height * (row + 1) / (rows + 1)
        for column in range(columns):
            x = width * (column + 1) / (columns + 1)
            gap = width / (columns + 1) / 4
            jitter = rng.uniform(-0.15, 0.15) * gap
            left, right = (x - gap, y + jitter), (x + gap, y - jitter)
            draw.line([left, right], fill=line, width=2 * SUPERSAMPLE)
            for (px, py), colour in ((left, colours[0]), (right, colours[1])):
                radius = rng.uniform(6, 9) * SUPERSAMPLE
                draw.ellipse([px - radius, py - radius, px + radius, py + radius], fill=colour)


PATTERNS = {
    "network": _draw_network,
    "groups": _draw_groups,
    "rings": _draw_rings,
    "pairs": _draw_pairs,
}


def render_png(spec: DemoImage) -> bytes:
    """The picture as PNG bytes."""
    width, height = spec.size
    big = (width * SUPERSAMPLE, height * SUPERSAMPLE)
    canvas = _gradient(big, spec.top, spec.bottom)
    overlay = Image.new("RGBA", big, (0, 0, 0, 0))
    PATTERNS[spec.pattern](ImageDraw.Draw(overlay), big, spec.colours, random.Random(spec.seed))
    canvas = Image.alpha_composite(canvas.convert("RGBA"), overlay).convert("RGB")
    canvas = canvas.resize(spec.size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()
