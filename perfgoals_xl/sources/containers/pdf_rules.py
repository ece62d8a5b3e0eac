"""Ruling lines squared to the page before any reader looks at them.

pdfplumber tells a rule's direction by exact equality: a line is horizontal when its top *equals*
its bottom, a path segment when its two ends share x (vertical) or y (horizontal) exactly; a
rectangle path is a rectangle only when its corners line up exactly. A page whose content is drawn
through a rotation computed in floating point (``6.12323e-17 1 -1 6.12323e-17 0 0 cm``: a landscape
table on a portrait page shown with ``/Rotate 90``, as some printers and PDF joiners write it) has
every rule a hair off its axis (1e-13 pt): its horizontal lines were taken for vertical ones, its
cell borders drawn as thin rectangles for curves with no direction, and the table lost rows or was
not found at all. Ends within :data:`SQUARE_POINTS` of each other are made equal, once per page,
in the page's own objects (every crop and table search made from it sees them squared).
"""

from __future__ import annotations

from typing import Any

#: Points two ends of a rule may differ by and still be one horizontal (vertical) rule: float noise
#: and rounding, far below a printed rule's width (0.5 pt) and any cell's size.
SQUARE_POINTS = 0.1


def square_rules(page: Any) -> Any:
    """The page, each line and path segment within SQUARE_POINTS of horizontal or vertical made exactly so."""
    objects = page.objects
    for line in objects.get("line", ()):
        _square_line(line)
    for curve in objects.get("curve", ()):
        _square_path(curve)
    return page


def _square_line(line: dict[str, Any]) -> None:
    if line["top"] != line["bottom"] and abs(line["bottom"] - line["top"]) <= SQUARE_POINTS:
        line["bottom"], line["y0"], line["height"] = line["top"], line["y1"], 0.0
        line["pts"] = [(x, line["top"]) for x, _ in line.get("pts", ())]
    if line["x0"] != line["x1"] and abs(line["x1"] - line["x0"]) <= SQUARE_POINTS:
        line["x1"], line["width"] = line["x0"], 0.0
        line["pts"] = [(line["x0"], y) for _, y in line.get("pts", ())]


def _square_path(curve: dict[str, Any]) -> None:
    pts = curve.get("pts")
    if not pts or len(pts) < 2:
        return
    squared = [tuple(pts[0])]
    for x, y in pts[1:]:
        px, py = squared[-1]
        squared.append((px if x != px and abs(x - px) <= SQUARE_POINTS else x,
                        py if y != py and abs(y - py) <= SQUARE_POINTS else y))
    curve["pts"] = squared
