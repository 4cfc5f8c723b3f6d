"""A test plugin whose register() fails: Pelican logs it and would build the site without it."""


def register():
    raise RuntimeError("this plugin cannot register")
