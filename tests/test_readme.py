"""The README opens with the two commands, and its library examples run as shown."""
import doctest


def test_two_commands_come_first(root):
    head = (root / "README.md").read_text("utf-8").splitlines()[:12]
    assert "make lab" in "\n".join(head) and "make test" in "\n".join(head)


def test_library_examples_run(root):
    text = (root / "README.md").read_text("utf-8")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {}, "README.md", str(root / "README.md"), 0)
    assert test.examples, "README has no examples"
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0
