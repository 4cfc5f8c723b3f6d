"""`photo_picture(photo, site_url, sizes, priority=False, lazy=True, widest=None)` for templates: the theme's
`picture` macro (partials/picture.html), its markup drawn once per photo and call; `widest`
leaves wider files out of the srcsets (a thumbnail slot needs none over 800 px).

A story's photo is drawn on its page and on every listing it is on — home pages, its category,
each of its tags — with the same markup each time; at 1,000 stories that is over ten thousand
renderings of the macro, most of them repeats.
"""

from __future__ import annotations

from jinja2 import TemplateNotFound

MACROS = "partials/picture.html"


class RememberedPictures:
    def __init__(self, macro):
        self.macro = macro
        self.drawn: dict[tuple, tuple] = {}

    def __call__(self, photo, site_url: str, sizes: str, priority: bool = False, lazy: bool = True,
                 widest: int | None = None):
        key = (id(photo), site_url, sizes, priority, lazy, widest)
        if key not in self.drawn:  # the photo is kept with its markup, so its id is never reused meanwhile
            self.drawn[key] = (photo, self.macro(photo, site_url, sizes, priority=priority, lazy=lazy, widest=widest))
        return self.drawn[key][1]


def provide_photo_picture(generator) -> None:
    """Give the generator's templates `photo_picture` (a theme without the macros draws no photo)."""
    try:
        macro = generator.env.get_template(MACROS).module.picture
    except TemplateNotFound:
        return  # the photos generator reports the missing macros when an article has a photo
    generator.env.globals["photo_picture"] = RememberedPictures(macro)
