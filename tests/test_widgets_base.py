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


def test_guarded_clears_the_results_and_charts_beside_a_bad_input():
    box, result, view = _base.message_box(), _base.widgets.HTML("c = 0.91"), _base.FigureView()
    view.axes().plot([1, 2])
    state = {"fail": False}

    def update():
        if state["fail"]:
            raise ValueError("bad")
        view.refresh()  # a view refreshed by a guarded update is cleared with it, unasked

    run = _base.guarded(update, box, "en", [result])
    run()
    assert view.widget.layout.display is None
    state["fail"] = True
    run()
    assert result.value == "" and view.widget.layout.display == "none" and "bad" in box.value
    state["fail"] = False
    run()
    assert view.widget.layout.display is None and box.value == ""


def test_charts_are_rendered_at_twice_the_size_they_are_shown():
    from PIL import Image
    import io

    view = _base.FigureView(figsize=(6.4, 3.2))
    view.axes().bar(["信赖度"], [1])
    view.refresh()
    picture = Image.open(io.BytesIO(view.widget.value))
    assert view.widget.layout.width == "614px" and view.widget.layout.max_width == "100%"
    assert picture.size == (2 * 614, 2 * 307)


def test_animated_artists_are_drawn_over_a_cached_background_that_follows_the_axes():
    import io

    import numpy as np
    from PIL import Image

    def pixels(view):
        return np.asarray(Image.open(io.BytesIO(view.widget.value)))

    fast, slow = _base.FigureView(), _base.FigureView()
    for view in (fast, slow):
        view.bars = view.axes().bar([0, 1], [1, 2], color="#1565c0")
    fast.animate(*fast.bars)
    for heights, top in (([1, 2], 3), ([3, 1], 3), ([5, 1], 8)):  # the last one changes the y axis
        for view in (fast, slow):
            for bar, h in zip(view.bars, heights):
                bar.set_height(h)
            view.fig.axes[0].set_ylim(0, top)
            view.refresh()
        renderer = fast.canvas.get_renderer()
        frame = fast.fig.axes[0].get_window_extent(renderer)
        left = int(frame.x0) - 2  # the tick labels, left of the axes: redrawn with the axis
        assert np.array_equal(pixels(fast)[:, :left], pixels(slow)[:, :left])
        for bar in fast.bars:  # each bar drawn at its new height, in its colour
            box = bar.get_window_extent(renderer)
            x, y = int((box.x0 + box.x1) / 2), pixels(fast).shape[0] - int(box.y1) + 3
            assert tuple(pixels(fast)[y, x]) == (0x15, 0x65, 0xC0)


@pytest.mark.parametrize("value, limit", [(0.3, 0.3), (1.05, 1.5), (2310, 2500), (36000 * 1.05, 40000), (7, 8)])
def test_nice_limit(value, limit):
    assert _base.nice_limit(value) == pytest.approx(limit)


def test_sliders_keep_a_usable_track_whatever_their_label():
    long = _base.slider(_base.widgets.IntSlider, 5, "Share of the dissatisfied who leave (%)", min=0, max=10)
    assert long.style.description_width == "initial" and long.layout.width == "auto"
    assert long.layout.min_width.startswith("calc(") and _base.TRACK in long.layout.min_width
    assert not long.continuous_update
    percent = _base.percent_slider(90, "离开的比例（%）", low=50)
    assert (percent.value, percent.min, percent.max, percent.readout_format) == (90, 50, 100, "d")


def test_text_boxes_make_room_for_their_label_and_value():
    box = _base.text_box("30, 30, 45", "维修用时（分钟）", width="16em")
    assert box.layout.width == f"calc({_base.label_width('维修用时（分钟）')} + 16em)"
    assert not box.continuous_update and box.value == "30, 30, 45"
    assert _base.label_width("") == "0em" and _base.label_width("信赖度") == "4.0em"


def test_the_button_and_enter_both_run_the_update():
    runs = []
    box, button = _base.text_box("1"), _base.check_button("zh")
    _base.on_submit(lambda *_: runs.append(box.value), [box], button)
    box.value = "2"  # what Enter (or leaving the box) does
    button.click()
    assert runs == ["2", "2"] and button.description == "计算"


@pytest.mark.parametrize("text, ok", [("1", True), ("100", True), ("0.5", False), ("101", False), ("1e12", False)])
def test_years_are_1_to_100(text, ok):
    if ok:
        assert _base.parse_years(text, "years", "en") == float(text)
    else:
        with pytest.raises(ValueError, match="between 1 and 100 years"):
            _base.parse_years(text, "years", "en")
