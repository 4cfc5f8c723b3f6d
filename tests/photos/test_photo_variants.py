"""The plan of files one photo becomes: widths never enlarged, crops of the right ratios."""

from photos.variants import crop_size, frame_widths, plan_variants

WIDTHS = (480, 800, 1200, 1600)


def test_a_wide_photo_gets_every_configured_width():
    assert frame_widths(1800, WIDTHS) == (480, 800, 1200, 1600)
    assert frame_widths(1600, WIDTHS) == (480, 800, 1200, 1600)


def test_a_narrow_photo_is_used_at_the_widths_it_has_and_never_enlarged():
    assert frame_widths(1000, WIDTHS) == (480, 800, 1000)
    assert frame_widths(300, WIDTHS) == (300,)


def test_crops_have_their_ratio_and_are_at_most_the_crop_width():
    assert crop_size(1800, 1200, 16, 9, 1200) == (1200, 675)
    assert crop_size(1800, 1200, 4, 3, 1200) == (1200, 900)
    assert crop_size(1800, 1200, 1, 1, 1200) == (1200, 1200)
    # A 1600 x 1067 source cannot give a 1200 px square: its crop is as wide as the source is tall.
    assert crop_size(1600, 1067, 1, 1, 1200) == (1067, 1067)
    # A portrait keeps the crop width; a small photo is not enlarged.
    assert crop_size(1200, 1800, 16, 9, 1200) == (1200, 675)
    assert crop_size(640, 480, 16, 9, 1200) == (640, 360)


def test_plan_has_modern_formats_at_each_width_jpeg_at_two_then_three_jpeg_crops():
    plan = plan_variants(1800, 1200, ("avif", "webp", "jpeg"), WIDTHS, 1200)
    frames = [v for v in plan if v.crop is None]
    assert [(v.format, v.width, v.height) for v in frames[:4]] == [
        ("avif", 480, 320), ("avif", 800, 533), ("avif", 1200, 800), ("avif", 1600, 1067)]
    assert [v.width for v in frames if v.format == "webp"] == [480, 800, 1200, 1600]
    # JPEG is the fallback of browsers without WebP: the <img> width and the largest (sitemaps list it).
    assert [v.width for v in frames if v.format == "jpeg"] == [800, 1600]
    small = plan_variants(700, 467, ("webp", "jpeg"), WIDTHS, 1200)
    assert [v.width for v in small if v.format == "jpeg" and not v.crop] == [700]  # fallback and largest at once
    assert [(v.crop, v.format, v.name) for v in plan if v.crop] == [
        ("16x9", "jpeg", "16x9-1200.jpg"), ("4x3", "jpeg", "4x3-1200.jpg"), ("1x1", "jpeg", "1x1-1200.jpg")]
    assert len({v.name for v in plan}) == len(plan)  # every file has its own name
