"""Checking and scoring judgement answers: per-item credit for the exercises.

A judgement question asks for a concept per scenario (feature → Kano category, incident →
one of the five gaps, …), answered as a plain dict or list. Its test cell runs a visible
check of the answer's FORM (:func:`check_labels`, :func:`check_choices`: an ``AssertionError``
in the student's language, never a right answer) and, hidden, a score (:func:`score_labels`,
:func:`score_choices`) as the cell's last expression: a plain float that nbgrader takes as
partial credit, each item an equal share. :func:`check_number` gives computation questions the
same kind of message for a value that is not one number. :mod:`.kinds` says which names each
edition accepts.
"""
from .choices import check_choices, choice_problems, score_choices
from .kinds import TRUE_FALSE, fold, kind, kind_names, names
from .labels import Unanswered, check_labels, check_number, label_problems, score_labels

__all__ = ["TRUE_FALSE", "Unanswered", "check_choices", "check_labels", "check_number", "choice_problems", "fold",
           "kind", "kind_names", "label_problems", "names", "score_choices", "score_labels"]
