import warnings

import matplotlib
from matplotlib.figure import Figure

from satisfaction import style


def test_chinese_labels_render_without_missing_glyphs(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a "Glyph … missing from font" warning fails the test
        with style.context():
            assert matplotlib.rcParams["font.family"][0] == style.cjk_font_name() == "Noto Sans SC"
            fig = Figure()
            ax = fig.subplots()
            ax.bar(["信赖度", "反应度", "专业度", "同理度", "有形度"], [-1.2, -0.9, -0.3, -0.6, 0.3])
            ax.set_title("客户满意度 c = b / a：超出期望、满足期望、低于期望")
            ax.set_ylabel("差距 (感知 − 期望)")
            fig.savefig(tmp_path / "chart.png")
    assert (tmp_path / "chart.png").stat().st_size > 5000


def test_font_ships_with_the_environment():
    from pylopdf_fonts_zh_cn import sans_path
    assert sans_path().is_file()
