"""The comparison as JSON (everything, nested) and as CSV (one row per change or finding)."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from perfgoals_xl.review.model import TableDiff

#: CSV columns → Chinese headers.
CSV_COLUMNS: dict[str, str] = {
    "section": "类别",
    "status": "情况",
    "unit": "资金使用单位",
    "project": "项目名称",
    "old_seq": "原序号",
    "new_seq": "新序号",
    "indicator": "指标名称",
    "field": "字段",
    "old": "原内容",
    "new": "新内容",
    "code": "规则",
    "severity": "级别",
    "place": "位置",
    "message": "问题",
    "hint": "修改建议",
}


def write_json(stream: TextIO, diff: TableDiff) -> None:
    """The whole comparison as JSON (TableDiff.to_dict)."""
    stream.write(json.dumps(diff.to_dict(), ensure_ascii=False, indent=2) + "\n")


def csv_rows(diff: TableDiff) -> list[dict[str, object]]:
    """One row per changed field, added / removed indicator or project, and per finding."""
    rows: list[dict[str, object]] = []
    for change in diff.changes:
        rows.append({"section": "修改", "status": "修改", "field": change.label, "old": change.old,
                     "new": change.new})
    for p in diff.projects:
        base = {"section": "修改", "unit": p.unit, "project": p.name}
        if p.kind in ("added", "removed"):
            rows.append({**base, "status": "新增项目" if p.kind == "added" else "删除项目"})
        for change in p.changes:
            rows.append({**base, "status": "修改", "field": change.label, "old": change.old, "new": change.new})
        for ind in p.indicators:
            if ind.kind == "same":
                continue
            seqs = {"old_seq": ind.old.seq if ind.old else None, "new_seq": ind.new.seq if ind.new else None,
                    "indicator": ind.name}
            if ind.kind in ("added", "removed"):
                rows.append({**base, **seqs, "status": ind.label})
            for change in ind.changes:
                rows.append({**base, **seqs, "status": ind.label, "field": change.label,
                             "old": change.old, "new": change.new})
    for item in diff.findings.items:
        f = item.finding
        rows.append({"section": "整改", "status": item.label, "unit": f.unit, "project": f.project,
                     "new_seq" if item.status != "fixed" else "old_seq": f.seq, "indicator": f.indicator,
                     "field": f.field_label, "code": f.code, "severity": f.severity_label, "place": f.place,
                     "message": f.message, "hint": f.hint})
    return rows


def write_csv(stream: TextIO, diff: TableDiff) -> None:
    """CSV with Chinese headers (the caller opens it as UTF-8 with BOM); would-be formulas neutralised."""
    from perfgoals_xl.csvcells import guard

    writer = csv.DictWriter(stream, fieldnames=list(CSV_COLUMNS), extrasaction="ignore")
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(diff):
        writer.writerow({k: "" if v is None else guard(v)
                         for k, v in row.items()})
