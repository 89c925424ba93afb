"""Authoring tools: build the generated parts of the course from its hand-edited sources.

``content/`` holds one bilingual source per lesson and per exercise; these
modules render them to the zh-CN and English notebooks in ``lessons/`` and
``source/``, and nbgrader turns ``source/`` into ``exercises/``.
"""
