"""The teacher's verbs (``python -m autograder VERB``) and the course rules behind them.

:mod:`.init` creates a course from a :mod:`.roster`; :mod:`.grade` grades a class
through the grading engine (:mod:`autograder.engine`); :mod:`.scores` reads the
class's scores from the gradebook and applies the course's rules for group parts
(:mod:`.groups`) and peer evaluation (:mod:`.peer`); :mod:`.report` and
:mod:`.export` write what the teacher reads and uploads; :mod:`.demo` runs all of
it on a simulated class.
"""
