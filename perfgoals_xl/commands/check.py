"""`perfgoals check INPUT...`: check tables against the rules; text, JSON or CSV out.

Exit codes: 0 no errors (warnings and infos allowed), 1 errors found, 2 unusable
input or arguments (the other inputs are still checked and reported).
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, TextIO

HELP = "按审核规则校验绩效目标表（文件、文件夹或通配符），输出问题清单（text / json / csv）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `perfgoals check`."""
    parser.add_argument("inputs", metavar="INPUT", nargs="+",
                        help="输入文件、文件夹（递归，可读文件全部校验）或通配符")
    parser.add_argument("--format", choices=("text", "json", "csv"), default=None,
                        help="输出格式：text（按项目分组）、json、csv（UTF-8 BOM，一行一条）；"
                             "默认按 -o 的扩展名（.json、.csv），否则 text")
    parser.add_argument("--profile", choices=("gz", "mof2021"), default=None,
                        help="规则方案：gz（广州公开版式，默认）或 mof2021（财预〔2021〕101号，要求成本指标）")
    parser.add_argument("--select", metavar="PREFIXES", default=None,
                        help="只启用这些规则（逗号分隔的代码或前缀，如 PG-Q,PG-K03；ALL 为全部）")
    parser.add_argument("--ignore", metavar="PREFIXES", default=None,
                        help="停用这些规则（逗号分隔的代码或前缀，如 PG-C05,PG-S09）")
    parser.add_argument("--config", metavar="FILE", default=None,
                        help="配置文件（perfgoals.toml 或含 [tool.perfgoals] 的 pyproject.toml）；默认从当前目录向上查找")
    parser.add_argument("--layout", default=None, help="强制使用某种读取版式（默认按内容自动识别）")
    parser.add_argument("-o", "--output", metavar="OUT", default=None, help="写入文件而不是标准输出")
    parser.add_argument("--headers", choices=("zh", "en"), default="zh",
                        help="CSV 表头：zh（默认，中文，供在 Excel 中查看）或 en（英文标识，供程序读取）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="文本输出是否着色（auto：终端且未设置 NO_COLOR 时着色）")


def output_format(requested: str | None, output: str | None) -> str:
    """--format when given; otherwise from OUT's extension (.json, .csv), else text."""
    if requested:
        return requested
    suffix = Path(output).suffix.lower() if output else ""
    return {".json": "json", ".csv": "csv"}.get(suffix, "text")


def refuse_output_among_inputs(output: str, inputs: list[str]) -> None:
    """OutputError when OUT is one of the inputs or a readable file inside a folder being checked."""
    from perfgoals_xl.errors import OutputError
    from perfgoals_xl.sources import READABLE_SUFFIXES

    out = Path(output).resolve()
    for item in inputs:
        p = Path(item).resolve()
        inside = p.is_dir() and out.is_relative_to(p) and out.suffix.lower() in READABLE_SUFFIXES
        if out == p or inside:
            raise OutputError(f"{output}：输出文件不能与输入文件相同（{item}）")


def run(args: argparse.Namespace) -> int:
    """Read every input, check it, print the report; return the exit code.

    The report is streamed: each input is read, checked and written in turn, its findings taken
    one project at a time (``iter_check``), so neither the tables nor the findings of a large
    input are all in memory at once (the JSON summary, which comes first, is counted as the
    findings pass; the findings wait in a temporary file)."""
    from perfgoals_xl.batch.inputs import collect_inputs, skipped_message
    from perfgoals_xl.rules import load_config

    args.format = output_format(args.format, args.output)

    config = load_config(args.config).with_overrides(
        profile=args.profile, select=args.select, ignore=args.ignore
    )
    collected = collect_inputs(args.inputs)
    if args.output:
        from perfgoals_xl.sinks.atomic import check_writable

        check_writable(args.output, force=args.force)
        refuse_output_among_inputs(args.output, [*args.inputs, *(str(i.path) for i in collected.inputs)])
    unusable: list[str] = []
    note = skipped_message(collected.skipped)
    if note:
        print(note, file=sys.stderr)
    for problem in collected.missing + collected.empty:
        print(f"错误：{problem}", file=sys.stderr)
        unusable.append(str(problem))
    checked = _checked([item.display for item in collected.inputs], args.layout, config, unusable)
    first = next(checked, None)
    if unusable and first is None:
        # nothing was checked: no report and no "共 0 条" on stdout, which would read as "no
        # problems" where stderr is not shown — the errors above say what failed (exit 2)
        return 2
    results = itertools.chain([first] if first is not None else [], checked)
    tally = Tally()

    def write(stream: TextIO, color: bool) -> None:
        if args.format == "json":
            write_json(stream, results, unusable, tally)
        elif args.format == "csv":
            write_csv(stream, tally.counting(issue for _, _, found in results for issue in found),
                      headers=args.headers)
        else:
            write_text(stream, results, color=color, unusable=len(unusable), tally=tally)

    if args.output:
        from perfgoals_xl.sinks.atomic import write_atomic

        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"

        def to_file(tmp: Path) -> None:
            with open(tmp, "w", encoding=encoding, newline="") as fh:
                write(fh, False)

        write_atomic(args.output, to_file, force=args.force)
        if args.format != "text":
            from perfgoals_xl.rules import summary_text

            print(f"{summary_text(tally.counts)}{_unusable_note(len(unusable))} → {args.output}")
    else:
        try:
            if args.format == "csv":
                sys.stdout.write("\ufeff")
            write(sys.stdout, use_color(args.color, sys.stdout))
            sys.stdout.flush()
        except BrokenPipeError:  # e.g. `perfgoals check … | head`: the reader stopped early
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            for _ in results:  # the exit status still counts every input's findings
                pass
    if unusable:
        return 2
    return 1 if tally.counts["error"] else 0


class Checked(NamedTuple):
    """One input as the writers see it: what its report header says, and its findings (an
    iterator: taken once, project by project)."""

    department: str
    counts: str
    kind: str


def _checked(paths: list[Any], layout: str | None, config: Any,
             unusable: list[str]) -> Iterator[tuple[Any, Checked, Iterator[Any]]]:
    """(path, header, findings) of each readable input in turn; an unreadable one is said on
    stderr and added to ``unusable``. A table is dropped once its findings are taken."""
    from perfgoals_xl.commands.counts import department_counts
    from perfgoals_xl.errors import InputError, os_reason
    from perfgoals_xl.rules import iter_check
    from perfgoals_xl.sources import read_table

    for path in paths:
        try:
            table = read_table(path, layout=layout)
        except InputError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            unusable.append(str(exc))
            continue
        except OSError as exc:  # unreadable (permissions, I/O error): the other inputs are still checked
            message = f"{path}：无法读取（{os_reason(exc)}）"
            print(f"错误：{message}", file=sys.stderr)
            unusable.append(message)
            continue
        projects = table.projects()
        n_ind = sum(len(p.indicators) for p in projects)
        counts = department_counts(table) or f"{len(projects)} 个项目，{n_ind} 条指标"
        header = Checked(table.department or "（无部门名称）", counts, table.kind)
        del projects
        findings = iter_check(table, config)
        del table  # the findings' iterator holds it until its last issue is taken
        yield path, header, findings
        for _ in findings:  # a writer that stopped early (a closed pipe): the count stays whole
            pass


class Tally:
    """Counts of the findings written (summarize's keys), taken as they stream past."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {"total": 0, "error": 0, "warning": 0, "info": 0, "suppressed": 0}

    def add(self, issue: Any) -> None:
        """Count one finding."""
        counts = self.counts
        counts["total"] += 1
        key = "suppressed" if issue.suppressed else issue.severity
        counts[key] = counts.get(key, 0) + 1

    def counting(self, issues: Iterable[Any]) -> Iterator[Any]:
        """The issues, each counted as it passes."""
        for issue in issues:
            self.add(issue)
            yield issue


def use_color(mode: str, stream: TextIO) -> bool:
    """Color only on a terminal, never when NO_COLOR is set (unless forced)."""
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


_COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "suppressed": "2"}


def _unusable_note(count: int) -> str:
    """The summary line's word on inputs that could not be read (none: empty)."""
    return f"；另有 {count} 个输入无法读取（见错误信息），未检查" if count else ""


def write_text(stream: TextIO, results: Iterable[tuple[Any, Checked, Iterable[Any]]], *, color: bool,
               unusable: int = 0, tally: Tally | None = None) -> None:
    """Issues grouped by file and project, a hint under each, and the summary line (which
    names the inputs that could not be read, so a partial check never reads as a full one)."""
    from perfgoals_xl.rules import summary_text
    from perfgoals_xl.terminal import terminal_stream

    stream = terminal_stream(stream, color=color)  # type: ignore[assignment]  # names never take over the terminal

    def paint(text: str, style: str) -> str:
        return f"\033[{_COLORS[style]}m{text}\033[0m" if color else text

    tally = tally or Tally()
    files = 0
    for path, header, issues in results:
        files += 1
        stream.write(paint(f"{path}", "bold") + f"  {header.department}（{header.counts}）\n")
        group = object()
        for issue in tally.counting(issues):
            loc = issue.location
            key = loc.project or loc.unit or "合计"
            if key != group:
                group = key
                label = f"项目 {loc.project}" if loc.project else (f"单位 {loc.unit}" if loc.unit else (
                    "部门整体" if header.kind == "department" else "合计 / 全表"))
                stream.write("  " + paint(label, "bold") + "\n")
            where = loc.where()
            if loc.seq is not None:
                where = f"{where} 指标{loc.seq}".strip()
            if issue.suppressed:
                stream.write("    " + paint(f"{where}  已接受 {issue.code}  {issue.message}"
                                            f"（理由：{issue.suppress_reason}）", "suppressed") + "\n")
                continue
            severity = paint(issue.severity_label, issue.severity)
            stream.write(f"    {where}  {severity} {paint(issue.code, 'bold')}  {issue.message}\n")
            stream.write("      " + paint(f"→ {issue.hint}", "dim") + "\n")
        if not isinstance(group, str):  # no finding
            stream.write("  未发现问题。\n")
        stream.write("\n")
    shown = f"{files} 个文件，" if files > 1 else ""
    stream.write(shown + summary_text(tally.counts) + _unusable_note(unusable) + "\n")


def write_json(stream: TextIO, results: Iterable[tuple[Any, Checked, Iterable[Any]]], unusable: list[str],
               tally: Tally | None = None) -> None:
    """{"summary": {...}, "issues": [...]} with nested locations — the text of ``json.dumps(…,
    indent=2)``. The summary comes first but is known last: the findings go to a temporary file
    (one compact JSON line each) as they are counted, then are written after it one by one."""
    import json
    import tempfile

    from perfgoals_xl.jsonio import LazyList
    from perfgoals_xl.rules import summary_text

    tally = tally or Tally()
    files = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as spool:
        for _, _, issues in results:
            files += 1
            for issue in tally.counting(issues):
                spool.write(json.dumps(issue.to_dict(), ensure_ascii=False) + "\n")
        spool.seek(0)
        summary: dict[str, Any] = dict(tally.counts)
        summary["files"] = files
        summary["unreadable"] = unusable
        summary["text"] = summary_text(tally.counts)
        data = {"summary": summary, "issues": LazyList(range(tally.counts["total"]), lambda _: json.loads(next(spool)))}
        for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
            stream.write(chunk)
        stream.write("\n")


def write_csv(stream: TextIO, issues: Iterable[Any], *, headers: str = "zh") -> None:
    """One row per issue, flattened location columns (ISSUE_COLUMNS: Chinese or key headers),
    in the vocabulary of the headers — the same rows as ``convert``'s .issues.csv."""
    from perfgoals_xl.sinks.issues_sheet import write_issue_rows

    write_issue_rows(issues, stream, headers=headers)
