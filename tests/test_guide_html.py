"""The print rendering (autograder/authoring/guide_html.py): one paginated HTML file per edition."""
from __future__ import annotations

from html import unescape
from html.parser import HTMLParser

from autograder.authoring import __main__ as authoring
from autograder.authoring import bilingual, guide, guide_html
from conftest import ROOT


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.sections = set(), [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.add(attrs.get("id"))
        self.hrefs += [attrs["href"]] if tag == "a" and "href" in attrs else []
        self.sections += tag == "section"


def test_the_print_rendering_holds_every_page_with_working_internal_links(tmp_path, capsys):
    assert authoring.main(["guide", "--check", "--html", str(tmp_path)]) == 0, capsys.readouterr().out
    built = guide.build(ROOT)
    for lang, edition in bilingual.EDITIONS.items():
        html = (tmp_path / f"teachers-guide.{edition}.html").read_text("utf-8")
        parsed = _Anchors()
        parsed.feed(html)
        assert parsed.sections == len(built.order[lang]) + 1   # a title page, then one per page
        internal = [h[1:] for h in parsed.hrefs if h.startswith("#")]
        assert internal and set(internal) <= parsed.ids
        assert "<table>" in html and "break-before: page" in html and "<!--" not in html
        text = unescape(html)
        assert guide.TITLES[lang] in text and all(title in text for _, title in built.order[lang])



def test_links_between_pages_become_anchors_and_other_links_stay():
    pages = [("plan.md", "Plan", "# Plan\n\nSee [the forms](forms.md) and [lesson 1](../../lessons/01.ipynb)."),
             ("forms.md", "Forms", "<!-- generated -->\n# Forms\n\n| a | b |\n|---|---|\n| 1 | |\n")]
    html = guide_html.document(pages, "Guide", "en")
    assert '<a href="#page-forms">the forms</a>' in html
    assert '<a href="../../lessons/01.ipynb">lesson 1</a>' in html
    assert '<section class="page" id="page-plan">' in html and '<section class="page" id="page-forms">' in html
    assert "<td>1</td>" in html and "generated" not in html
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
