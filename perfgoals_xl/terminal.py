"""Text for a terminal that no table can take over: control characters shown, never obeyed.

Names and values come from the table a person was sent; a ``\\r`` in a project name would let a
later line overwrite a finding, an escape sequence could clear the screen, set the window title
or hide text, and a bidi override would show a name reversed. :func:`terminal_stream` wraps the
stream a command writes its report to: every such character is written as its escape
(``\\x1b``, ``\\u202e``); colour codes (SGR, ``ESC [ … m``) pass only when colour is on.
"""

from __future__ import annotations

import re
from typing import TextIO

#: SGR (colour) codes — the only escape sequences our own reports write — and the characters a
#: terminal obeys: C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides.
_UNSAFE = re.compile(r"(\x1b\[[0-9;]{0,20}m)|([\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069])")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str, *, color: bool = False) -> str:
    """``text`` with every control character escaped (colour codes kept when ``color``)."""
    def one(m: re.Match[str]) -> str:
        if m.group(1):
            return m.group(1) if color else "".join(_escape(c) if c == "\x1b" else c for c in m.group(1))
        return _escape(m.group(2))

    return _UNSAFE.sub(one, text)


def terminal_line(text: str) -> str:
    """``text`` as one line of plain terminal text: line breaks become spaces, every other
    control character its escape (an error message quoting a name stays one line)."""
    return terminal_text(re.sub(r"\r\n|[\r\n\v\f\x85\u2028\u2029]", " ", text.strip()))


class TerminalStream:
    """A text stream whose ``write`` escapes control characters (see :func:`terminal_text`)."""

    def __init__(self, stream: TextIO, *, color: bool = False) -> None:
        self._stream = stream
        self._color = color

    def write(self, text: str) -> int:
        """Write ``text`` with its control characters escaped."""
        return self._stream.write(terminal_text(text, color=self._color))

    def flush(self) -> None:
        """Flush the stream underneath."""
        self._stream.flush()


def terminal_stream(stream: TextIO, *, color: bool = False) -> TerminalStream:
    """``stream`` wrapped so that nothing written through it is obeyed by a terminal."""
    return stream if isinstance(stream, TerminalStream) else TerminalStream(stream, color=color)
