import pytest

from satisfaction.widgets import _base


@pytest.mark.parametrize("text, value", [("12", 12.0), (" 3.5 ", 3.5), ("2,5", 2.5), ("-1", -1.0)])
def test_parse_number_accepts_numbers(text, value):
    assert _base.parse_number(text, "x", "en") == value


@pytest.mark.parametrize("text, kwargs, message", [
    ("", {}, "fill in"), ("abc", {}, "not a number"), ("nan", {}, "not a number"),
    ("0", {"positive": True}, "greater than 0"), ("-2", {"nonnegative": True}, "cannot be negative"),
])
def test_parse_number_messages(text, kwargs, message):
    with pytest.raises(ValueError, match=message):
        _base.parse_number(text, "price", "en", **kwargs)


def test_parse_number_speaks_chinese():
    with pytest.raises(ValueError, match="不是数字"):
        _base.parse_number("很多", "价格", "zh")


def test_guarded_shows_errors_in_the_widget_and_clears_them():
    box = _base.message_box()
    state = {"fail": True}

    def update():
        if state["fail"]:
            raise ValueError("expected must be greater than 0")

    run = _base.guarded(update, box, "en")
    run({"new": 0})
    assert "greater than 0" in box.value and "⚠" in box.value
    state["fail"] = False
    run()
    assert box.value == ""


def test_figure_view_redraws_in_place():
    view = _base.FigureView()
    ax = view.axes()
    bars = ax.bar(["信赖度", "有形度"], [1, 2])
    view.refresh()
    first, fig = view.widget.value, view.fig
    bars[0].set_height(3)
    view.refresh()
    assert view.fig is fig and view.widget.value != first and view.widget.value[:4] == b"\x89PNG"
