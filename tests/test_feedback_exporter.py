"""autograder.engine.feedback: the warm exporter's page is the page nbconvert's own pass gives."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from autograder.engine.feedback import NO_ALT, _with_soup, accessible

PAGES = {
    "no image": "<html><body><p>Score: 3 / 4</p><pre>x = 1</pre></body></html>",
    "figure without alt": '<body><div class="output_png"><img src="data:image/png;base64,AAAA"\n></div></body>',
    "figure with alt": '<body><img alt="chart" src="a.png"><IMG SRC="b.png"/></body>',
    "img in a script": '<body><script>var t = "<img src=x>";</script><img src="y.png"></body>',
    "JupyterLab cells": '<body><div class="jp-Notebook"><div class="jp-Cell-inputWrapper">x</div></div></body>',
}


def parsed(html: str) -> list:
    """What a browser sees: every element with its attributes."""
    return [(tag.name, dict(tag.attrs)) for tag in BeautifulSoup(html, "html.parser").find_all(True)]


@pytest.mark.parametrize("name", PAGES)
def test_every_image_gets_the_alt_nbconvert_gives_it(name):
    page = PAGES[name]
    assert parsed(accessible(page)) == parsed(_with_soup(page))


def test_a_page_without_images_is_returned_untouched():
    page = PAGES["no image"]
    assert accessible(page) is page


def test_missing_alts_are_counted_in_the_log():
    said = []

    class Log:
        def warning(self, text, *args):
            said.append(text % args)

    html = accessible(PAGES["figure without alt"], Log())
    assert f'alt="{NO_ALT}"' in html and said == ["Alternative text is missing on 1 image(s)."]
