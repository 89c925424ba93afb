"""The teacher's pipeline in the teacher's language: every text in zh and en.

Texts live beside the course's other words (:mod:`satisfaction.terms`):
``satisfaction/data/ui_cli.toml`` (group ``cli``: command-line messages, roster
and input problems) and ``ui_report.toml`` (group ``report``: the class report
and its notes; group ``feedback``: the grade summary in each student's feedback,
in the language of the student's edition).

Code that finds something worth saying makes a :class:`Message` (a key and its
fields); whoever shows it picks the language. ``str()`` of a message is English,
so logs and exceptions stay readable.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from satisfaction import terms

LANGS = terms.LANGS
DEFAULT_LANG = "zh"


def say(group: str, key: str, lang: str, /, **fields) -> str:
    """The text ``group.key`` in ``lang`` with ``fields`` filled in."""
    return terms.label(group, key, lang).format(**fields)


@dataclass(frozen=True)
class Message:
    """Something to tell the teacher, rendered in their language when shown."""

    key: str
    fields: dict = field(default_factory=dict, hash=False)
    group: str = "cli"

    def text(self, lang: str = "en") -> str:
        return say(self.group, self.key, lang, **{k: shown(v, lang) for k, v in self.fields.items()})

    def __str__(self) -> str:
        return self.text("en")


def shown(value, lang: str):
    """A field as text in ``lang``: messages rendered, lists joined (、 in zh)."""
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(str(shown(v, lang)) for v in value)
    return value


def note(key: str, **fields) -> Message:
    """A note of the class report (group ``report``, keys ``note_*``)."""
    return Message(f"note_{key}", fields, "report")


def who(name: str, student_id: str) -> Message:
    """A student as the report names them: 王伟（s01） / Ann Lee (s03); the id alone without a name."""
    return Message("who" if name else "who_id", {"name": name, "id": student_id}, "report")


def course_lang(course) -> str:
    """The teacher's language of a course: ``lang`` under ``[course]`` in course.toml (default zh)."""
    lang = str(course.settings().get("course", {}).get("lang", DEFAULT_LANG))
    return lang if lang in LANGS else DEFAULT_LANG


def edition_lang(nb, default: str = DEFAULT_LANG) -> str:
    """The language of a notebook's edition (``metadata.course.edition``: zh-CN or en)."""
    edition = str(nb.metadata.get("course", {}).get("edition", ""))
    lang = edition.split("-")[0].lower()
    return lang if lang in LANGS else default


class InputError(ValueError):
    """A file from the teacher with problems, each a :class:`Message` naming its line; nothing was changed."""

    #: The key of the first line (in ``cli``), e.g. "roster has problems".
    title = "input_problems"

    def __init__(self, problems: list[Message]):
        self.problems = list(problems)
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        return "\n".join([Message(self.title).text(lang), *(f"  - {p.text(lang)}" for p in self.problems)])


class Problem(RuntimeError):
    """One problem that stops a verb (a :class:`Message`), shown in the teacher's language."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(message.text("en"))

    def text(self, lang: str) -> str:
        return self.message.text(lang)
