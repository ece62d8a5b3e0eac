"""tomllib's syntax errors in Chinese, with the line and column (``perfgoals.toml``, pyproject).

tomllib (Python 3.11) says ``Invalid value (at line 3, column 9)`` or ``… (at end of
document)`` and has no position attributes; the position is read from that suffix (or,
at the end of the document, computed from the text) and the message translated. A message
not listed keeps its English words after the Chinese frame.
"""

from __future__ import annotations

import re

_POSITION = re.compile(r"^(?P<msg>.{1,300}?) \((?:at line (?P<line>\d{1,9}), column (?P<col>\d{1,9})"
                       r"|at end of document)\)$", re.S)
#: tomllib's fixed messages → Chinese.
_FIXED = {
    "Invalid value": "值无效（字符串要加引号，如 profile = \"gz\"；数组用 [ ]）",
    "Unterminated string": "字符串没有结束引号",
    "Cannot overwrite a value": "同一个键写了两次",
    "Expected newline or end of document after a statement": "一行只能写一个“键 = 值”",
    "Expected ']' at the end of a table declaration": "表名缺少结尾的 ]",
    "Expected ']]' at the end of an array declaration": "数组表名缺少结尾的 ]]",
    "Expected '=' after a key in a key/value pair": "键的后面应有“=”",
    "Invalid initial character for a key part": "键以不允许的字符开头（键由字母、数字、- 和 _ 组成，或加引号）",
    "Invalid statement": "无法识别的语句",
    "Unclosed array": "数组缺少结尾的 ]",
    "Unclosed inline table": "内联表缺少结尾的 }",
    "Invalid date or datetime": "日期或时间无效",
    "Invalid hex value": "十六进制值无效",
    "Unescaped '\\' in a string": "字符串中的“\\”没有转义（写成 \\\\，或用单引号字符串）",
    "Escaped character is not a Unicode scalar value": "转义字符不是有效的 Unicode 字符",
}
#: tomllib's messages with a variable part: English prefix → Chinese.
_PREFIXED = {
    "Cannot declare ": "同一个表声明了两次：",
    "Cannot mutate immutable namespace ": "不能再修改已写完的表：",
    "Cannot redefine namespace ": "不能重新定义表：",
    "Duplicate inline table key ": "内联表中的键重复：",
    "Expected ": "缺少 ",
    "Found invalid character ": "不允许的字符：",
    "Illegal character ": "不允许的字符：",
}


def end_position(text: str) -> tuple[int, int]:
    """Line and column (1-based) just after the last character of a text."""
    lines = text.split("\n")
    return len(lines), len(lines[-1]) + 1


def toml_error(message: str, text: str) -> str:
    """A tomllib error message as one Chinese phrase: 第 L 行第 C 列：what is wrong."""
    m = _POSITION.match(message)
    what = m.group("msg") if m else message
    if m and m.group("line"):
        line, col = int(m.group("line")), int(m.group("col"))
    else:
        line, col = end_position(text)
    chinese = _FIXED.get(what)
    if chinese is None:
        prefix = next((p for p in _PREFIXED if what.startswith(p)), None)
        chinese = _PREFIXED[prefix] + what[len(prefix):] if prefix else f"语法错误（{what}）"
    where = f"第 {line} 行第 {col} 列" + ("（文件末尾）" if m and not m.group("line") else "")
    return f"{where}：{chinese}"
