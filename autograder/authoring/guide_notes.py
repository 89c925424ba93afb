"""The teacher's answer notes for one lesson: its prompts with their notes, then its quiz.

A lesson source (:mod:`.bilingual`) asks students questions in its markdown cells:
discussion prompts (**想一想** / **Think**) and case questions (**问题** / **Question**,
**讨论** / **Discussion**, …). Right after such a cell the author may put a
``%% markdown teacher`` cell: in each edition a Markdown list with one item per
prompt of the cell above, in order (the shared format for answer notes). The
lesson's quiz follows (:mod:`.guide_quiz`).

:func:`render` writes one edition's notes page and lists what still has no note.
A marker followed by nothing on its line introduces a list of questions; each
list item is then a prompt. A teacher cell may give one note per question or one
per marker; any other count is rendered unpaired and reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import guide_quiz
from .bilingual import SourceCell

#: Bold words that open a prompt, per edition.
MARKERS = {
    "zh": ("想一想", "问题", "讨论", "异议练习", "练一练"),
    "en": ("Think", "Question", "Questions", "Discussion", "Objection practice", "Practice"),
}
#: Longest quote of a prompt, in characters, per edition.
QUOTE_CHARS = {"zh": 80, "en": 180}
WORDS = {
    "zh": {"title": "讲解要点", "no_note": "（还没有讲解要点）", "unpaired": "讲解要点（与上面的题目数量不一致，请核对来源）",
           "missing": "还没有讲解要点的题目", "none_missing": "本课每道题都有讲解要点。",
           "lesson": "学生用的课件", "notes_only": "讲解要点", "questions": "题"},
    "en": {"title": "Answer notes", "no_note": "(no note yet)",
           "unpaired": "Notes (their number differs from the questions above: check the source)",
           "missing": "Questions without a note yet", "none_missing": "Every question of this lesson has a note.",
           "lesson": "The students' lesson", "notes_only": "Notes", "questions": "questions"},
}
_ITEM = re.compile(r"^(?:[-*]|\d+[.)])\s+")
_HEADING = re.compile(r"^(#{1,2})\s+(.*)$")


@dataclass
class Prompt:
    """One question put to students: its marker word, its text, and the case it belongs to."""

    marker: str
    text: str
    case: str = ""

    def quote(self, lang: str, number: int | None = None) -> str:
        text = re.sub(r"\*\*|`", "", self.text).strip()
        limit = QUOTE_CHARS[lang]
        if len(text) > limit:
            ends = [i for i, ch in enumerate(text[:limit]) if ch in "？。！?!" and i >= limit // 2]
            text = text[:ends[-1] + 1] + " …" if ends else text[:limit].rstrip(" ，,;；：:") + "…"
        head = f"**{self.marker}**" + (f" {number}" if number else "")
        if self.case:
            head += f"（{self.case}）" if lang == "zh" else f" ({self.case})"
        return f"{head}{'：' if lang == 'zh' else ': '}{text}"


@dataclass
class Unit:
    """A student cell's prompts (grouped by marker), the section it is in, and its notes."""

    section: str
    groups: list[list[Prompt]]
    notes: list[str] | None = None

    @property
    def prompts(self) -> list[Prompt]:
        return [p for g in self.groups for p in g]


@dataclass
class Page:
    """One edition's notes page and what it lacks."""

    text: str
    missing: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)
    missing_quiz: list[str] = field(default_factory=list)


def _marker_at(line: str, lang: str) -> list[tuple[int, int, str]]:
    words = "|".join(re.escape(m) for m in sorted(MARKERS[lang], key=len, reverse=True))
    return [(m.start(), m.end(), m.group(1))
            for m in re.finditer(rf"\*\*({words})\*\*\s*[：:]?", line)]


def _case_label(before: str) -> str:
    found = re.findall(r"\*\*((?:案例|Case)[^*]*)\*\*", before)
    if not found:
        return ""
    label = found[-1].strip()
    inner = re.search(r"[（(](.*)[）)]\s*$", label)
    return inner.group(1) if inner else label


def prompts(text: str, lang: str) -> list[list[Prompt]]:
    """The prompts of one edition of a markdown cell, grouped by the marker that opens them.

    A case question is labelled with the last case (**案例（…）** / **Case (…)**) named
    before it in the cell; a **想一想** / **Think** stands on its own.
    """
    lines = text.splitlines()
    groups: list[list[Prompt]] = []
    case = ""
    for index, line in enumerate(lines):
        hits = _marker_at(line, lang)
        case = _case_label(line[:hits[0][0]] if hits else line) or case
        for n, (start, end, marker) in enumerate(hits):
            stop = hits[n + 1][0] if n + 1 < len(hits) else len(line)
            rest = line[end:stop].strip()
            label = "" if marker in (MARKERS[lang][0],) else case
            if rest:
                groups.append([Prompt(marker, rest, label)])
                continue
            items = _list_after(lines, index + 1)
            groups.append([Prompt(marker, item, label) for item in items] or [Prompt(marker, "", label)])
    return groups


def _list_after(lines: list[str], start: int) -> list[str]:
    """The items of the list that follows ``start`` (blank lines before it allowed)."""
    items: list[str] = []
    for line in lines[start:]:
        if not line.strip():
            if items:
                break
            continue
        if _ITEM.match(line):
            items.append(_ITEM.sub("", line, count=1))
        elif items and line.startswith((" ", "\t")):
            items[-1] += " " + line.strip()
        else:
            break
    return items


def notes(text: str) -> list[str]:
    """The items of a teacher cell's list (continuation lines kept); the whole text if no list."""
    items: list[list[str]] = []
    for line in text.splitlines():
        if _ITEM.match(line):
            items.append([_ITEM.sub("", line, count=1)])
        elif items:
            items[-1].append(line)
    if not items:
        return [text.strip()] if text.strip() else []
    result = []
    for item in items:
        tail = [l for l in item[1:]]
        indent = min((len(l) - len(l.lstrip()) for l in tail if l.strip()), default=0)
        result.append("\n".join([item[0], *(l[indent:] for l in tail)]).strip())
    return result


def units(cells: list[SourceCell], lang: str) -> list[Unit]:
    """Every student cell with prompts or followed by notes, in order."""
    found: list[Unit] = []
    section = ""
    for index, cell in enumerate(cells):
        if cell.kind != "markdown" or "teacher" in cell.attrs:
            continue
        text = cell.text(lang)
        heads = [m.group(2).strip() for m in map(_HEADING.match, text.splitlines()) if m]
        before_prompt = text.split("**", 1)[0]
        own = [m.group(2).strip() for m in map(_HEADING.match, before_prompt.splitlines()) if m]
        groups = prompts(text, lang)
        follow = cells[index + 1] if index + 1 < len(cells) else None
        teacher = follow is not None and follow.kind == "markdown" and "teacher" in follow.attrs
        if groups or teacher:
            found.append(Unit(own[-1] if own else section, groups,
                              notes(follow.text(lang)) if teacher else None))
        if heads:
            section = heads[-1]
    return found


def title(cells: list[SourceCell], lang: str) -> str:
    """The lesson's first level-1 heading in ``lang``."""
    for cell in cells:
        for line in cell.text(lang).splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return ""


def _render_unit(unit: Unit, lang: str, where: str, page: Page) -> list[str]:
    words, out = WORDS[lang], []
    flat = unit.prompts
    numbered = [(p, n if len(g) > 1 else None) for g in unit.groups for n, p in enumerate(g, 1)]
    if unit.notes is None:
        for prompt, number in numbered:
            out += [f"> {prompt.quote(lang, number)}", "", words["no_note"], ""]
            page.missing.append(f"{where}: {prompt.quote(lang, number)}")
        return out
    if len(unit.notes) == len(flat):
        for (prompt, number), note in zip(numbered, unit.notes):
            out += [f"> {prompt.quote(lang, number)}", "", note, ""]
        return out
    if len(unit.notes) == len(unit.groups):
        for group, note in zip(unit.groups, unit.notes):
            for n, prompt in enumerate(group, 1):
                out += [f"> {prompt.quote(lang, n if len(group) > 1 else None)}", ">"]
            out = out[:-1] + ["", note, ""]
        return out
    for prompt, number in numbered:
        out += [f"> {prompt.quote(lang, number)}", ">"]
    if flat:
        out = out[:-1] + [""]
        page.mismatched.append(f"{where}: {len(flat)} {words['questions']}, {len(unit.notes)} notes")
    out += [f"**{words['unpaired'] if flat else words['notes_only']}**", ""]
    out += [f"- {note}" for note in unit.notes] + [""]
    return out


def render(name: str, cells: list[SourceCell], quizzes: dict[str, list[dict]], lang: str,
           lesson_link: str) -> Page:
    """One edition's notes page for the lesson ``name`` (a source stem)."""
    page, words = Page(""), WORDS[lang]
    heading = title(cells, lang)
    shown = "lessons/" + lesson_link.rsplit("/", 1)[-1]
    out = [f"# {words['title']}{'：' if lang == 'zh' else ' — '}{heading}", "", f"{words['lesson']}{'：' if lang == 'zh' else ': '}[{shown}]({lesson_link})", ""]
    section = None
    for unit in units(cells, lang):
        if unit.section != section:
            out += [f"### {unit.section}", ""]
            section = unit.section
        out += _render_unit(unit, lang, f"{name} · {unit.section}", page)
    for group in guide_quiz.groups(cells):
        lines, missing = guide_quiz.render(quizzes.get(group, []), lang, name)
        out += lines
        page.missing_quiz += missing
    out += [f"## {words['missing']}", ""]
    out += [f"- {m}" for m in page.missing + page.mismatched + page.missing_quiz] or [words["none_missing"]]
    page.text = "\n".join(out).rstrip() + "\n"
    return page
