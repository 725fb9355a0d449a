#!/usr/bin/env python3
"""Draws the console's icons into public/: the ICO fallback of the favicon, the Apple touch icon and the manifest's
icons, from the same shapes as the hand-written public/icon.svg (a shield with a keyhole, 32 units square), in the
accent colours of style/tokens.css. Run it again when those change (public/icon.svg is edited by hand).

    python3 tests/tools/icons.py           write them
    python3 tests/tools/icons.py --check   exit 1 if a committed file differs from what this script draws

The PNGs are committed, so a build never runs this. Only the standard library (zlib, struct): no image tools and no
network on the machines that build. The output is deterministic, which is what makes --check possible.
"""
import math
import re
import struct
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = ROOT / "public"


def token(name):
    """The light value of a colour token of style/tokens.css (`--name: light-dark(#light, #dark)`), as RGB."""
    css = (ROOT / "style" / "tokens.css").read_text(encoding="utf-8")
    found = re.search(rf"--{name}:\s*light-dark\(\s*#([0-9a-fA-F]{{6}})\s*,", css)
    if not found:
        sys.exit(f"icons: no light-dark() value of --{name} in style/tokens.css")
    return tuple(bytes.fromhex(found.group(1)))


# The light pair only: the SVG switches to the dark pair by itself, these files cannot, and a white glyph on the
# dark green reads on light and dark home screens alike.
ACCENT = token("mdm-color-accent")
ON_ACCENT = token("mdm-color-accent-text")

# Vertical samples per pixel; horizontal coverage is exact, so edges are smooth at every size.
SUBROWS = 16


def cubic(p0, p1, p2, p3, steps=24):
    """The points of a cubic Bézier after p0, flattened."""
    out = []
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        out.append((
            u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
            u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1],
        ))
    return out


def arc(cx, cy, r, start, end, steps=16):
    return [(cx + r * math.cos(a), cy + r * math.sin(a))
            for a in (start + (end - start) * i / steps for i in range(steps + 1))]


def rounded_square(size, r):
    if r == 0:
        return [(0, 0), (size, 0), (size, size), (0, size)]
    q = math.pi / 2
    return (arc(size - r, r, r, -q, 0) + arc(size - r, size - r, r, 0, q)
            + arc(r, size - r, r, q, 2 * q) + arc(r, r, r, 2 * q, 3 * q))


# public/icon.svg's paths, point for point.
# <path d="M16 4.5 25.5 8v7c0 6-4 10.5-9.5 12.5C10.5 25.5 6.5 21 6.5 15V8z"/>
SHIELD = ([(16, 4.5), (25.5, 8), (25.5, 15)]
          + cubic((25.5, 15), (25.5, 21), (21.5, 25.5), (16, 27.5))
          + cubic((16, 27.5), (10.5, 25.5), (6.5, 21), (6.5, 15))
          + [(6.5, 8)])
# <circle cx="16" cy="13.5" r="3"/> and <path d="M14.6 15h2.8l.8 6h-4.4z"/>
KEYHOLE_HEAD = arc(16, 13.5, 3, 0, 2 * math.pi, 48)[:-1]
KEYHOLE_STEM = [(14.6, 15), (17.4, 15), (18.2, 21), (13.8, 21)]


def coverage(polygons, width, height, scale):
    """Each pixel's covered fraction by the union of `polygons` (design units times `scale`), non-zero winding."""
    edges = []
    for polygon in polygons:
        points = [(x * scale, y * scale) for x, y in polygon]
        for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
            if y0 != y1:
                edges.append((x0, y0, x1, y1, 1 if y1 > y0 else -1))
    rows = []
    for py in range(height):
        # Differences of coverage between neighbouring pixels, summed once the row's spans are in.
        delta = [0.0] * (width + 2)
        for sub in range(SUBROWS):
            y = py + (sub + 0.5) / SUBROWS
            crossings = sorted(
                (x0 + (y - y0) * (x1 - x0) / (y1 - y0), winding)
                for x0, y0, x1, y1, winding in edges if min(y0, y1) <= y < max(y0, y1))
            inside, start = 0, 0.0
            for x, winding in crossings:
                if inside == 0:
                    start = x
                inside += winding
                if inside == 0:
                    add_span(delta, max(0.0, start), min(float(width), x), 1 / SUBROWS)
        row, running = [], 0.0
        for i in range(width):
            running += delta[i]
            row.append(min(1.0, max(0.0, running)))
        rows.append(row)
    return rows


def add_span(delta, a, b, weight):
    """Adds [a, b) to a row's coverage differences: the two end pixels in part, those between in full."""
    if b <= a:
        return
    ia, ib = int(a), int(b)
    if ia == ib:
        delta[ia] += (b - a) * weight
        delta[ia + 1] -= (b - a) * weight
        return
    delta[ia] += (ia + 1 - a) * weight
    delta[ia + 1] -= (ia + 1 - a) * weight
    delta[ia + 1] += weight
    delta[ib] -= weight
    delta[ib] += (b - ib) * weight
    delta[ib + 1] -= (b - ib) * weight


def draw(size, corner):
    """The glyph at `size` pixels square, as premultiplied RGBA floats; `corner` is the background's radius in design
    units (0 for the full-bleed square that home screens crop themselves)."""
    scale = size / 32
    pixels = [[(0.0, 0.0, 0.0, 0.0)] * size for _ in range(size)]
    layers = [
        ([rounded_square(32, corner)], ACCENT),
        ([SHIELD], ON_ACCENT),
        ([KEYHOLE_HEAD, KEYHOLE_STEM], ACCENT),
    ]
    for polygons, color in layers:
        cov = coverage(polygons, size, size, scale)
        for y in range(size):
            row, cov_row = pixels[y], cov[y]
            for x in range(size):
                a = cov_row[x]
                if a:
                    r, g, b, alpha = row[x]
                    row[x] = (color[0] / 255 * a + r * (1 - a), color[1] / 255 * a + g * (1 - a),
                              color[2] / 255 * a + b * (1 - a), a + alpha * (1 - a))
    return pixels


def png(pixels, alpha):
    size = len(pixels)
    raw = bytearray()
    for row in pixels:
        # Filter "none" on every row: on these flat shapes it compresses better than any other (measured).
        raw.append(0)
        for r, g, b, a in row:
            # Back from premultiplied; an opaque image keeps no alpha channel.
            channels = (r / a, g / a, b / a) if a else (0.0, 0.0, 0.0)
            raw.extend(min(255, round(c * 255)) for c in channels)
            if alpha:
                raw.append(min(255, round(a * 255)))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6 if alpha else 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + chunk(b"IEND", b""))


def ico(png_bytes, size):
    """An ICO whose one image is a PNG, which every browser that still asks for favicon.ico decodes."""
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png_bytes), 6 + 16)
    return header + entry + png_bytes


def files():
    yield "favicon.ico", ico(png(draw(32, 7), alpha=True), 32)
    # Home screens round or mask these themselves: full-bleed and opaque, as iOS and Android expect.
    yield "apple-touch-icon.png", png(draw(180, 0), alpha=False)
    yield "icon-192.png", png(draw(192, 0), alpha=False)
    yield "icon-512.png", png(draw(512, 0), alpha=False)


def main(check):
    stale = []
    for name, data in files():
        path = PUBLIC / name
        if check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(name)
        else:
            path.write_bytes(data)
            print(f"icons: wrote public/{name} ({len(data)} bytes)")
    if stale:
        print(f"icons: out of date, run python3 tests/tools/icons.py: {', '.join(stale)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main("--check" in sys.argv[1:])
