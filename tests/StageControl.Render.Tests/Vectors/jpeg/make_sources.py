#!/usr/bin/env python3
"""Writes the synthetic source images for the JPEG test vectors (binary PPM, P6): colour bars on the top third,
a horizontal/vertical gradient in the middle, a 4-pixel checker tinted by position at the bottom. Deterministic.
A size prefixed "quad" (quad32x32) is instead the glTF loader tests' quadrant texture: red top left, green top right,
blue bottom left, white bottom right.
Usage: python3 make_sources.py [quad]WIDTHxHEIGHT ... (writes src-[quad]WxH.ppm in the current folder)."""
import sys

BARS = [(255, 255, 255), (255, 255, 0), (0, 255, 255), (0, 255, 0), (255, 0, 255), (255, 0, 0), (0, 0, 255), (0, 0, 0)]


def pixel(x, y, w, h):
    if y < h // 3:
        return BARS[min(7, x * 8 // w)]
    if y < 2 * h // 3:
        r = x * 255 // max(1, w - 1)
        g = y * 255 // max(1, h - 1)
        return (r, g, 255 - r)
    on = ((x // 4) + (y // 4)) % 2 == 0
    return (230, 200 - x % 50, 40 + y % 60) if on else (20, 30 + x % 40, 90)


def quadrant(x, y, w, h):
    left, top = x < w // 2, y < h // 2
    return {(True, True): (255, 0, 0), (False, True): (0, 255, 0), (True, False): (0, 0, 255)}.get((left, top), (255, 255, 255))


for size in sys.argv[1:]:
    quad = size.startswith("quad")
    w, h = (int(v) for v in size.removeprefix("quad").split("x"))
    data = bytearray()
    for y in range(h):
        for x in range(w):
            data.extend(quadrant(x, y, w, h) if quad else pixel(x, y, w, h))
    with open(f"src-{size}.ppm", "wb") as f:
        f.write(f"P6\n{w} {h}\n255\n".encode("ascii"))
        f.write(bytes(data))
