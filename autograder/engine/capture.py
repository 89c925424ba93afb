"""What a cell outputs, recorded as a Jupyter kernel would send it to nbclient.

:class:`Recorder` keeps one cell's outputs in the shape nbclient gives nbgrader:
consecutive writes to the same stream become one ``stream`` output (nbclient joins
them the same way), ``display()`` gives ``display_data``, the cell's last
expression ``execute_result``, ``clear_output`` clears (at the next output with
``wait=True``). Text beyond the cell's limit is cut and counted; a note at the
end says how much (on stderr when error text was cut: a test cell that wrote to
stderr scores 0 in nbgrader, cut or not).

Writing is cheap whatever the notebook prints: a write appends to a list (joined
once, when the stream's output is closed) and costs the same at the millionth
line as at the first, so a notebook that prints 200,000 lines or one 50 MB
string runs at least as fast here as in a kernel.
"""
from __future__ import annotations

import functools

#: Characters of rich output (figures, HTML, …) kept per cell; text streams have the cell's own limit.
DATA_LIMIT = 32 * 1024 * 1024

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher


class Recorder:
    """Collects one cell's outputs; stream text beyond ``limit`` characters is cut (rich output
    beyond :data:`DATA_LIMIT`)."""

    def __init__(self):
        self.begin(0)

    def begin(self, limit: int, test: bool = False) -> list[dict]:
        """Start a cell (``test``: an autograded test cell); returns its (live) list of outputs."""
        self.test = test
        self.outputs: list[dict] = []
        self.limit, self.room, self.data_room, self.cut = limit, limit, DATA_LIMIT, 0
        self.note_to = "stdout"  # stderr once error text was cut: nbgrader scores a test cell with stderr 0
        self.open_name: str | None = None   # the stream whose text is still being gathered
        self.chunks: list[str] = []
        self.pending_clear = False
        self.displays: dict[str, list[dict]] = {}  # display_id → its outputs, for updates
        return self.outputs

    def stream(self, name: str, text: str) -> int:
        """``text`` written to stream ``name``; returns its length (a stream's ``write``)."""
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        size = len(text)
        if self.pending_clear:
            self.clear()
        if size > self.room:
            self.cut += size - self.room
            if name == "stderr":
                self.note_to = name
            text = str.__getitem__(text, slice(0, self.room))
            if not text:
                return size
        self.room -= len(text)
        if name != self.open_name:
            self.close()
            self.open_name = name
        self.chunks.append(text)
        return size

    def close(self) -> None:
        """End the stream output being gathered (another kind of output comes next)."""
        if self.open_name is not None:
            self.outputs.append({"output_type": "stream", "name": self.open_name, "text": "".join(self.chunks)})
            self.open_name, self.chunks = None, []

    def data(self, output_type: str, data: dict, metadata: dict, count: int | None = None,
             display_id: str | None = None, update: bool = False) -> None:
        """A ``display_data`` or ``execute_result`` output (dropped whole when over the limit)."""
        if self.pending_clear and not update:
            self.clear()
        if update:  # update_display: nbclient replaces the outputs shown under that id
            for output in self.displays.get(display_id, []):
                output["data"], output["metadata"] = data, metadata
            return
        size = sum(len(v) if isinstance(v, str) else len(str(v)) for v in data.values())
        if size > self.data_room:
            self.cut += size
            return
        self.data_room -= size
        self.close()
        output = {"output_type": output_type, "data": data, "metadata": metadata}
        if output_type == "execute_result":
            output["execution_count"] = count
        self.outputs.append(output)
        if display_id is not None:
            self.displays.setdefault(display_id, []).append(output)

    def error(self, ename: str, evalue: str, traceback: list[str]) -> None:
        self.close()
        self.outputs.append({"output_type": "error", "ename": ename, "evalue": evalue, "traceback": traceback})

    def clear(self, wait: bool = False) -> None:
        """``clear_output``: with ``wait``, at the next output (as nbclient does)."""
        if wait:
            self.pending_clear = True
            return
        self.outputs.clear()  # in place: the list begin() returned stays the cell's list
        self.room, self.data_room, self.cut, self.open_name, self.chunks = self.limit, DATA_LIMIT, 0, None, []
        self.note_to = "stdout"
        self.pending_clear = False
        self.displays.clear()

    def finish(self) -> list[dict]:
        """The cell's outputs, with a note of what was cut."""
        self.close()
        if self.cut:
            self.outputs.append({"output_type": "stream", "name": self.note_to,
                                 "text": f"\n... output truncated: {self.cut} more characters not kept ...\n"})
            self.cut = 0
        return self.outputs


class Stream:
    """sys.stdout / sys.stderr of the child: text goes to the recorder."""

    encoding, errors = "utf-8", "strict"

    def __init__(self, recorder: Recorder, name: str):
        self.name = name
        self.write = functools.partial(recorder.stream, name)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True


class Publisher(DisplayPublisher):
    """``display()``: a ``display_data`` output (history of outputs not kept)."""

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        display_id = (transient or {}).get("display_id")
        self.shell.recorder.data("display_data", dict(data), dict(metadata or {}), None, display_id, update)

    def clear_output(self, wait=False):
        self.shell.recorder.clear(wait)


class Hook(DisplayHook):
    """The cell's last expression: an ``execute_result`` output.

    In a test cell a plain ``int`` or ``float`` (a partial score) is shown as a
    pristine kernel shows it, ``repr(value)``, whatever printers the notebook registered.
    """

    def compute_format_data(self, result):
        if self.shell.recorder.test and type(result) in (int, float):
            return {"text/plain": repr(result)}, {}
        return super().compute_format_data(result)

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        self.shell.recorder.data("execute_result", dict(format_dict), dict(md_dict or {}),
                                 self.shell.execution_count)

    def log_output(self, format_dict):
        pass

    def finish_displayhook(self):
        pass
