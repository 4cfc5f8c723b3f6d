"""Draw the sample site's photos with Pillow: plainly illustrative scenes, no downloads.

The sample stories in content/ name these files (`Image: samples/<name>.jpg`); they are drawn
into content/images/samples/ (ignored by git: generated files are never committed) by
`make html`, `make serve`, `make test` and the test session. Drawing is deterministic (each scene
seeded by its file name) and a file is rewritten only when its bytes change, so the photo cache
stays warm. To add a scene: write a function (rng, width, height) -> Image and list it in SCENES
(story photos, 1800 x 1200) or PORTRAITS (authors' photos, 1000 x 1000).

Usage: python tools/draw_sample_photos.py [--folder content/images/samples]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
from pathlib import Path
from typing import Callable

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "content" / "images" / "samples"
SIZE = (1800, 1200)  # 3:2, wider than the largest published width (1600) and its 1:1 crop (1200)


def vertical_gradient(width: int, height: int, top: tuple, bottom: tuple) -> Image.Image:
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return column.resize((width, height))


def shade(colour: tuple, factor: float) -> tuple:
    return tuple(max(0, min(255, round(c * factor))) for c in colour)


def data_centre(rng: random.Random, width: int, height: int) -> Image.Image:
    """Rows of server racks in a cool-lit hall, status lights on."""
    image = vertical_gradient(width, height, (18, 28, 46), (40, 52, 70))
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.42)
    vanish = width // 2
    for i in range(0, width + 1, 90):  # floor tiles converging to the vanishing point
        draw.line([(vanish + (i - vanish) * 0.08, horizon), (i, height)], fill=(60, 75, 96), width=2)
    for y in range(horizon, height, 40):
        draw.line([(0, y + (y - horizon) // 3), (width, y + (y - horizon) // 3)], fill=(55, 68, 88), width=1)
    for n in range(5):  # ceiling light strips
        y = int(horizon * (0.1 + n * 0.16))
        half = int(width * (0.04 + n * 0.05))
        draw.rectangle([vanish - half, y, vanish + half, y + 6 + n * 2], fill=(200, 225, 255))
    for side in (-1, 1):
        for n in range(7, -1, -1):  # racks, far to near
            depth = 1 + n * 0.55
            rack_h = int(height * 0.75 / depth)
            rack_w = int(width * 0.16 / depth)
            x = vanish + side * int(width * 0.05 + width * 0.34 / depth)
            x0, x1 = sorted((x, x + side * rack_w))
            top = horizon - rack_h // 3
            body = shade((34, 40, 52), 1.6 - n * 0.08)
            draw.rectangle([x0, top, x1, top + rack_h], fill=body, outline=(12, 14, 20), width=3)
            for slot in range(top + 12, top + rack_h - 10, max(6, rack_h // 18)):
                draw.rectangle([x0 + 6, slot, x1 - 6, slot + max(2, rack_h // 40)], fill=shade(body, 0.7))
                if rng.random() < 0.7:
                    lx = rng.randint(x0 + 8, max(x0 + 9, x1 - 12))
                    colour = rng.choice([(80, 220, 120), (80, 220, 120), (90, 170, 255), (255, 180, 60)])
                    draw.ellipse([lx, slot, lx + max(3, rack_w // 30), slot + max(3, rack_w // 30)], fill=colour)
    return image.filter(ImageFilter.GaussianBlur(0.8))


def harbour(rng: random.Random, width: int, height: int) -> Image.Image:
    """Fishing boats in a harbour at sunrise, hills behind."""
    image = vertical_gradient(width, height, (250, 190, 140), (120, 170, 210))
    draw = ImageDraw.Draw(image)
    water = int(height * 0.58)
    draw.ellipse([width * 0.62, height * 0.18, width * 0.62 + 140, height * 0.18 + 140], fill=(255, 236, 190))
    for n, colour in enumerate([(96, 120, 110), (70, 96, 86)]):
        points = [(0, water)]
        for x in range(0, width + 100, 100):
            points.append((x, water - 60 - n * 30 - rng.randint(0, 120 - n * 40)))
        draw.polygon(points + [(width, water)], fill=colour)
    draw.rectangle([0, water, width, height], fill=(46, 96, 130))
    for y in range(water + 8, height, 14):
        for _ in range(6):
            x = rng.randint(0, width)
            draw.line([(x, y), (x + rng.randint(30, 120), y)], fill=(150, 190, 215), width=2)
    for _ in range(6):
        x, y = rng.randint(50, width - 300), rng.randint(water + 40, height - 140)
        length = rng.randint(180, 280)
        hull = rng.choice([(200, 60, 50), (240, 240, 235), (40, 90, 160), (230, 180, 40)])
        draw.polygon([(x, y), (x + length, y), (x + length - 40, y + 50), (x + 30, y + 50)], fill=hull)
        draw.rectangle([x + length // 3, y - 50, x + length // 3 + 70, y], fill=(245, 245, 240))
        draw.line([(x + length // 2, y), (x + length // 2, y - 170)], fill=(60, 50, 40), width=5)
    return image.filter(ImageFilter.GaussianBlur(0.6))


def skyline(rng: random.Random, width: int, height: int) -> Image.Image:
    """A city skyline at dusk, windows lit."""
    image = vertical_gradient(width, height, (30, 40, 90), (240, 140, 90))
    draw = ImageDraw.Draw(image)
    ground = int(height * 0.86)
    for layer, tone in enumerate([(60, 55, 80), (35, 32, 48)]):
        x = -rng.randint(0, 60)
        while x < width:
            w = rng.randint(70, 190)
            h = rng.randint(int(height * 0.2), int(height * (0.55 + layer * 0.12)))
            draw.rectangle([x, ground - h, x + w, ground], fill=tone)
            if layer == 1:
                for wy in range(ground - h + 16, ground - 10, 26):
                    for wx in range(x + 10, x + w - 14, 22):
                        if rng.random() < 0.45:
                            draw.rectangle([wx, wy, wx + 10, wy + 14], fill=(255, 214, 120))
            x += w + rng.randint(4, 30)
    draw.rectangle([0, ground, width, height], fill=(24, 22, 30))
    return image.filter(ImageFilter.GaussianBlur(0.6))


def market(rng: random.Random, width: int, height: int) -> Image.Image:
    """Market stalls under striped awnings, crates of fruit."""
    image = vertical_gradient(width, height, (235, 225, 205), (180, 160, 130))
    draw = ImageDraw.Draw(image)
    stall_w = width // 4
    for n in range(4):
        x = n * stall_w
        colours = rng.choice([((200, 50, 50), (245, 240, 230)), ((40, 110, 170), (245, 240, 230)),
                              ((40, 140, 80), (245, 230, 180))])
        for s in range(0, stall_w, 40):
            draw.polygon([(x + s, 200), (x + s + 40, 200), (x + s + 50, 360), (x + s + 10, 360)],
                         fill=colours[(s // 40) % 2])
        draw.rectangle([x + 20, 360, x + stall_w - 20, 380], fill=(110, 80, 50))
        draw.rectangle([x + 30, 700, x + stall_w - 30, 980], fill=(150, 110, 70), outline=(90, 60, 35), width=4)
        fruit = rng.choice([(240, 150, 30), (200, 30, 40), (250, 220, 60), (110, 170, 60)])
        for _ in range(60):
            fx, fy = rng.randint(x + 40, x + stall_w - 80), rng.randint(600, 720)
            r = rng.randint(18, 30)
            draw.ellipse([fx, fy, fx + r * 2, fy + r * 2], fill=shade(fruit, rng.uniform(0.8, 1.1)))
    draw.rectangle([0, 980, width, height], fill=(120, 110, 100))
    return image.filter(ImageFilter.GaussianBlur(0.7))


def rice_fields(rng: random.Random, width: int, height: int) -> Image.Image:
    """Terraced rice fields on a hillside, a farmer's hut."""
    image = vertical_gradient(width, height, (170, 210, 240), (225, 235, 240))
    draw = ImageDraw.Draw(image)
    top = int(height * 0.3)
    for n in range(14):
        y = top + n * (height - top) // 13
        points = [(x, y + int(40 * ((x / width) - 0.5) ** 2 * 4) + rng.randint(-6, 6)) for x in range(0, width + 60, 60)]
        green = (70 + n * 6, 150 + n * 4, 60 + n * 3)
        draw.polygon(points + [(width, height), (0, height)], fill=green)
        draw.line(points, fill=shade(green, 0.7), width=4)
    hx, hy = int(width * 0.7), top + 90
    draw.rectangle([hx, hy, hx + 140, hy + 100], fill=(150, 110, 70))
    draw.polygon([(hx - 30, hy), (hx + 70, hy - 80), (hx + 170, hy)], fill=(120, 80, 40))
    return image.filter(ImageFilter.GaussianBlur(0.6))


def portrait(rng: random.Random, width: int, height: int) -> Image.Image:
    """A head-and-shoulders silhouette on a coloured backdrop: an invented author's photo."""
    backdrop = rng.choice([(214, 120, 84), (86, 140, 170), (120, 160, 110)])
    image = vertical_gradient(width, height, shade(backdrop, 1.15), shade(backdrop, 0.8))
    draw = ImageDraw.Draw(image)
    figure = (44, 40, 48)
    cx = width // 2
    draw.ellipse([cx - width * 0.42, height * 0.66, cx + width * 0.42, height * 1.3], fill=figure)  # shoulders
    draw.rectangle([cx - width * 0.07, height * 0.52, cx + width * 0.07, height * 0.72], fill=figure)  # neck
    draw.ellipse([cx - width * 0.17, height * 0.2, cx + width * 0.17, height * 0.62], fill=figure)  # head
    return image.filter(ImageFilter.GaussianBlur(1.2))


SCENES: dict[str, Callable[[random.Random, int, int], Image.Image]] = {
    "data-centre.jpg": data_centre,
    "harbour.jpg": harbour,
    "skyline.jpg": skyline,
    "market.jpg": market,
    "rice-fields.jpg": rice_fields,
}
# Authors' photos (content/authors/*.toml `photo`), square, drawn into authors/ beside the scenes:
# a portrait's slot is small (at most the 800 px file is offered).
PORTRAITS = {"authors/beatriz-calado.jpg": portrait}
PORTRAIT_SIZE = (1000, 1000)


def draw_photo(scene: Callable, seed: str, size: tuple[int, int] = SIZE, grain: float = 0.0) -> bytes:
    """One scene as JPEG bytes, deterministic for a seed; `grain` (0-1) adds a camera-like texture."""
    rng = random.Random(seed)
    image = scene(rng, *size)
    if grain:
        noise = Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).convert("RGB")
        image = Image.blend(image, noise, grain)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write atomically, only when the bytes differ (test workers may draw at the same time)."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".drawing-", dir=path.parent)
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.chmod(temporary, 0o644)  # mkstemp makes it private; the photo is content like any other
    os.replace(temporary, path)
    return True


def draw_sample_photos(folder: Path = FOLDER) -> list[Path]:
    """Draw every scene into `folder`; returns the files written (unchanged ones are left alone)."""
    drawings = [(name, draw_photo(scene, name)) for name, scene in SCENES.items()]
    drawings += [(name, draw_photo(scene, name, PORTRAIT_SIZE)) for name, scene in PORTRAITS.items()]
    return [folder / name for name, data in drawings if write_if_changed(folder / name, data)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=FOLDER)
    args = parser.parse_args(argv)
    written = draw_sample_photos(args.folder)
    total = len(SCENES) + len(PORTRAITS)
    print(f"sample photos: {len(written)} drawn, {total - len(written)} unchanged in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
