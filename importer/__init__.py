"""Turns raw articles (plain text, markdown, HTML) into the site's markdown, and pairs translations."""
