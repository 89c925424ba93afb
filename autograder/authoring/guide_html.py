"""A print-ready HTML rendering of one edition of the teacher's guide (not committed).

All pages of the edition in the guide's order become one HTML file: a page
break before each page, A4 margins, ruled tables with room to write in the
forms' empty cells. Links between the guide's pages become links inside the
file. Markdown is rendered by mistune (nbconvert's Markdown renderer).
"""
from __future__ import annotations

import html
import re

CSS = """
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
       "PingFang SC", sans-serif; font-size: 10.5pt; line-height: 1.55; color: #111; max-width: 190mm;
       margin: 0 auto; }
section.page { break-before: page; }
section.page:first-of-type { break-before: auto; }
h1 { font-size: 17pt; border-bottom: 2px solid #333; padding-bottom: 2px; }
h2 { font-size: 13.5pt; margin-top: 1.2em; break-after: avoid; }
h3 { font-size: 11.5pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; break-inside: auto; }
tr { break-inside: avoid; }
th, td { border: 1px solid #444; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #eee; }
td:empty { height: 2.4em; }
blockquote { margin: 0.6em 0 0.3em; padding: 2px 10px; border-left: 4px solid #999; background: #f6f6f6; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 9.5pt; }
pre { background: #f6f6f6; padding: 6px; border: 1px solid #ccc; white-space: pre-wrap; }
a { color: inherit; text-decoration: none; }
nav ol { columns: 2; }
.page-break { break-before: page; }
"""


def _anchor(name: str) -> str:
    return "page-" + re.sub(r"[^a-z0-9-]+", "-", name.lower().removesuffix(".md"))


def document(pages: list[tuple[str, str, str]], title: str, lang: str) -> str:
    """One HTML file from ``pages`` = (file name, title, Markdown), in order."""
    import mistune

    markdown = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])
    names = {name for name, _, _ in pages}

    def relink(match: re.Match) -> str:
        target = match.group(2).split("#", 1)[0]
        return f"](#{_anchor(target)})" if not match.group(1) and target in names else match.group(0)

    sections = []
    for name, _, text in pages:
        text = re.sub(r"<!--.*?-->\s*", "", text, flags=re.DOTALL)
        text = re.sub(r"\]\(([^)]*?/)?([^)/]+)\)", relink, text)
        sections.append(f'<section class="page" id="{_anchor(name)}">\n{markdown(text)}</section>')
    contents = "".join(f'<li><a href="#{_anchor(name)}">{html.escape(t)}</a></li>' for name, t, _ in pages)
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
            f'<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n'
            f'<body>\n<section class="page"><h1>{html.escape(title)}</h1>\n<nav><ol>{contents}</ol></nav>'
            f'</section>\n' + "\n".join(sections) + "\n</body>\n</html>\n")
