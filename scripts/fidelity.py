"""Measure the readers on the real-table corpus and write docs/fidelity.md.

``python scripts/fidelity.py`` prints per-file accuracy and writes docs/fidelity.md (per
family, per kind of file held, per field; the error findings left that are not real defects).
``--update-baseline`` also writes tests/corpus/baseline.json, the floor tests/test_corpus.py
holds every file to; it refuses to lower a file's figure unless ``--allow-lower`` is given
(say why in the commit). ``--record-round NAME ID…`` records the first reading of newly collected
tables as a held-out round in tests/corpus/heldout.json (once, before any fix).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from corpus_fidelity import (  # noqa: E402
    CORPUS,
    judged,
    load_entries,
    published_scores,
    score_file,
    score_judgement,
    unjudged_errors,
)

_KIND_OF_FILE = {"page.html": "网页另存（HTML）", "pasted.xlsx": "网页表格粘贴到 Excel", "original.xlsx": "原始工作簿",
                 "original.docx": "原始 Word 文档", "site.xls": "网站下载的 .xls（实为 HTML）",
                 "saved.csv": "另存为 CSV（没有合并单元格）", "printed.pdf": "网页打印成 PDF（Writer，行可跨页）",
                 "exported.pdf": "工作簿导出为 PDF（Calc，合并单元格垂直居中）",
                 "word.pdf": "原始 Word 文档打印成 PDF（Writer，单元格无上边距）",
                 "browser.pdf": "网页用浏览器打印成 PDF（Chromium：部首字形、跨页断行不封口）",
                 "browser-a4.pdf": "网页用浏览器打印在 A4 纸上（Chromium：分页处与 Letter 不同）",
                 "browser-landscape.pdf": "网页用浏览器横向打印在 A4 纸上（Chromium）"}


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:.1f} %" if total else "—"


def main(argv: list[str] | None = None) -> int:
    """Score every held file; write docs/fidelity.md (and the baseline when asked)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update-baseline", action="store_true")
    parser.add_argument("--allow-lower", action="store_true")
    parser.add_argument("--doc", default=str(ROOT / "docs" / "fidelity.md"))
    parser.add_argument("--record-round", nargs="+", metavar=("NAME", "ID"),
                        help="record the first reading of these new entries as a held-out round named NAME "
                             "(before any fix; judge its findings by hand afterwards)")
    args = parser.parse_args(argv)
    entries = load_entries()
    if args.record_round:
        name, *ids = args.record_round
        return record_round(CORPUS / "heldout.json", name, [e for e in entries if e.id in ids], _commit())
    scores = []
    for entry in entries:
        for path in entry.held_files():
            score = score_file(entry, path)
            scores.append((entry, score))
            print(f"{score.accuracy:6.1%}  {score.right:4}/{score.total:<4} {entry.id}/{path.name}"
                  f"{'  拒绝：' + score.error if score.error else ''}")
    _write_doc(Path(args.doc), entries, scores)
    _write_list(entries)
    if args.update_baseline:
        return _update_baseline(scores, allow_lower=args.allow_lower)
    return 0


def _commit() -> str:
    import subprocess

    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                          check=False, timeout=30)
    return done.stdout.strip() or "?"


def record_round(path: Path, name: str, entries: list, commit: str) -> int:
    """Append a held-out round to `path`: the first reading of `entries` with the code as it is
    (per file: right/total, layout, per field), each error finding once with the files it came
    from and verdict ``unjudged`` — judge each by hand (real / cut / misreading, with why)."""
    import datetime

    if not entries:
        print("没有要记录的表（id 不在语料中）", file=sys.stderr)
        return 2
    held = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    rounds = held.get("rounds", [held] if "files" in held else [])
    if any(r.get("name") == name for r in rounds):
        print(f"已有名为“{name}”的一轮：每一轮只记录一次", file=sys.stderr)
        return 2
    files, findings = [], {}
    for entry in entries:
        for file in entry.held_files():
            score = score_file(entry, file)
            files.append({"entry": entry.id, "file": score.file, "family": entry.meta.get("family", "?"),
                          "province": entry.meta.get("province", ""), "right": score.right, "total": score.total,
                          "layout": score.layout, "refused": bool(score.error), "by_field": score.by_field})
            for code, project, message in score.findings:
                row = findings.setdefault((entry.id, code, message), {
                    "entry": entry.id, "code": code, "project": project, "message": message, "files": [],
                    "verdict": "unjudged", "why": ""})
                if score.file not in row["files"]:
                    row["files"].append(score.file)
    rounds.append({"name": name, "recorded": datetime.date.today().isoformat(), "commit": commit,
                   "about": "First reading before any fix; verdicts by hand.", "files": files,
                   "error_findings": list(findings.values()), "classes": []})
    out = {"about": held.get("about", "First readings of real tables no test knew (issue #18), one round per "
                                      "collection; each recorded once, before any fix it led to."),
           "rounds": rounds}
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    right, total = sum(f["right"] for f in files), sum(f["total"] for f in files)
    print(f"{name}：{_pct(right, total)}（{right}/{total}），{len(findings)} 条错误级别发现待判定")
    return 0


def _update_baseline(scores: list, *, allow_lower: bool) -> int:
    path = CORPUS / "baseline.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    new = {}
    lowered = []
    for entry, score in scores:
        key = f"{entry.id}/{score.file}"
        floor = old.get(key, {}).get("accuracy", 0.0)
        if score.accuracy < floor - 1e-9:
            lowered.append(f"{key}: {floor:.4f} → {score.accuracy:.4f}")
        # stored rounded down, so the test's floor is never above what was measured
        new[key] = {"accuracy": int(score.accuracy * 10000) / 10000,
                    "known_false": sorted({(c, p) for c, p, _ in unjudged_errors(entry, score)})}
    if lowered and not allow_lower:
        print("拒绝降低基线（--allow-lower 才可）：\n  " + "\n  ".join(lowered), file=sys.stderr)
        return 1
    path.write_text(json.dumps(new, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"基线已写入 {path.relative_to(ROOT)}")
    return 0


def _write_list(entries: list) -> None:
    """The table of entries in tests/corpus/README.md, between its corpus-list markers."""
    readme = CORPUS / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- corpus-list: generated by scripts/fidelity.py from every meta.json -->", "<!-- /corpus-list -->"
    if start not in text or end not in text:
        return
    rows = ["| id | 地区 | 年度 | 种类 | 文件 | 来源 |", "|---|---|---|---|---|---|"]
    for entry in entries:
        meta, source = entry.meta, entry.meta.get("source") or {}
        place = f"{meta.get('province', '')}{meta.get('place', '')}"
        published = f"，{source['published']}" if source.get("published") else ""
        rows.append(f"| `{entry.id}` | {place} | {meta.get('year', '')} | {meta.get('family', '')} | "
                    f"{'、'.join(meta.get('held_as', []))} | [{source.get('title', '')}]({source.get('url', '')}){published}："
                    f"{source.get('covers', '')} |")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(head + start + "\n" + "\n".join(rows) + "\n" + end + tail, encoding="utf-8")


def _write_doc(path: Path, entries: list, scores: list) -> None:
    by_family: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_file: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_field: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    refused = []
    false_findings = []
    real_findings: dict[str, set[str]] = defaultdict(set)
    cut_findings: dict[str, set[str]] = defaultdict(set)
    total = [0, 0]
    for entry, score in scores:
        family = entry.meta.get("family", "?")
        for tally in (by_family[family], by_file[score.file], total):
            tally[0] += score.right
            tally[1] += score.total
        for key, (right, count) in score.by_field.items():
            by_field[key][0] += right
            by_field[key][1] += count
        if score.error:
            refused.append(f"- `{entry.id}/{score.file}`: {score.error.replace(str(ROOT) + '/', '')}")
        for code, project, message in unjudged_errors(entry, score):
            false_findings.append(f"- `{entry.id}/{score.file}` {code}（{project or '表'}）：{message}")
        for finding in score.findings:
            if judged(entry, finding, ("real",)):
                real_findings[entry.id].add(finding[0])
            elif judged(entry, finding, ("cut",)):
                cut_findings[entry.id].add(finding[0])
    provinces = sorted({e.meta.get("province", "?") for e in entries})
    years = sorted({str(e.meta.get("year", "?")) for e in entries})
    lines = [
        "# 读取准确率（真实表格语料）",
        "",
        "由 `python scripts/fidelity.py` 生成，请勿手工修改。语料见 `tests/corpus/README.md`：每张表按公开来源手工写出应读到的字段"
        "（`expected.json`），再以人们手中的各种文件（网页另存、粘贴到 Excel、原始 Word/工作簿、另存的 CSV、打印或导出的 PDF）读取，逐字段比较。"
        "多读出的项目或指标（如把页脚读成指标）也计为错误字段。",
        "",
        f"语料：{len(entries)} 张表，{len(provinces)} 个省级地区（{'、'.join(provinces)}），年度 {'、'.join(years)}；"
        f"{len(scores)} 个文件。",
        "",
        f"**总体：{_pct(*total)}**（{total[0]}/{total[1]} 个字段）。",
        "",
        "| 表的种类（family） | 准确率 | 字段 |",
        "|---|---|---|",
        *[f"| {k} | {_pct(*v)} | {v[1]} |" for k, v in sorted(by_family.items())],
        "",
        "| 文件 | 准确率 | 字段 |",
        "|---|---|---|",
        *[f"| {_KIND_OF_FILE.get(k, k)}（`{k}`） | {_pct(*v)} | {v[1]} |" for k, v in sorted(by_file.items())],
        "",
        "| 字段 | 准确率 | 个数 |",
        "|---|---|---|",
        *[f"| {k} | {_pct(*v)} | {v[1]} |" for k, v in sorted(by_field.items())],
        "",
        "## 未能读取的文件",
        "",
        *(refused or ["（无）"]),
        "",
        "## 仍有的误报（错误级别、不是原表真实缺陷的发现）",
        "",
        *(false_findings or ["（无）"]),
        "",
        "## 已判定的错误级别发现",
        "",
        "每张表的 `judgement.json` 逐条写明判定和理由。“原表缺陷”是公开的原表确有的问题；“存档截断”是语料所存副本"
        "在表格中途截断（页面存档只有开头部分），发现对所持文件为真（如截断在效益指标之前，所持文件确实没有效益指标），"
        "不是读错。",
        "",
        "| 表 | 原表缺陷 | 存档截断 |",
        "|---|---|---|",
        *[f"| `{eid}` | {'、'.join(sorted(real_findings.get(eid, ())))} | {'、'.join(sorted(cut_findings.get(eid, ())))} |"
          for eid in sorted(set(real_findings) | set(cut_findings))],
        "",
        *_heldout_section(scores),
    ]
    lines += _score_section(entries)
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"已写入 {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def _cell(text: str) -> str:
    """Text for a Markdown table cell: a | inside it is no column break."""
    return text.replace("|", "\\|")


_VERDICT = {"real": "原表缺陷", "misreading": "读错", "cut": "存档截断", "unjudged": "未判定"}


def _heldout_rounds() -> list[dict]:
    """The recorded rounds of tests/corpus/heldout.json (an older file holding one round is that round)."""
    path = CORPUS / "heldout.json"
    if not path.exists():
        return []
    held = json.loads(path.read_text(encoding="utf-8"))
    return held.get("rounds", [held] if "files" in held else [])


def _round_tallies(held: dict, now: dict) -> tuple[dict, list[int], list[int], list[str]]:
    """Per family and per file kind, [first right, first total, now right, now total]; the totals; the
    files still refused now (the second total leaves them out)."""
    tallies: dict[str, dict[str, list[int]]] = {"family": defaultdict(lambda: [0, 0, 0, 0]),
                                                "file": defaultdict(lambda: [0, 0, 0, 0])}
    total = [0, 0, 0, 0]
    kept = [0, 0, 0, 0]  # the files read now (a file still refused counts nowhere here)
    refused = []
    for row in held.get("files", []):
        current = now.get((row["entry"], row["file"]))
        after = (current.right, current.total) if current else (0, 0)
        if current is not None and current.error:
            refused.append(f"`{row['entry']}/{row['file']}`")
        else:
            for i, n in enumerate((row["right"], row["total"], *after)):
                kept[i] += n
        for tally in (tallies["family"][row["family"]], tallies["file"][row["file"]], total):
            tally[0] += row["right"]
            tally[1] += row["total"]
            tally[2] += after[0]
            tally[3] += after[1]
    return tallies, total, kept, refused


def _heldout_section(scores: list) -> list[str]:
    """未调校表格的首次读取: every round of tests/corpus/heldout.json (each recorded once, before
    any fix) side by side, each beside how the same files read now; then each round's judged
    findings and misreading classes."""
    rounds = _heldout_rounds()
    if not rounds:
        return []
    now = {(entry.id, score.file): score for entry, score in scores}
    measured = [(held, *_round_tallies(held, now)) for held in rounds]
    names = [held.get("name") or f"第{i + 1}轮" for i, held in enumerate(rounds)]
    head = "| " + " | ".join(f"{n}首次读取 | {n}现在 | {n}字段" for n in names) + " |"
    rule = "|---" + "|---|---|---" * len(names) + "|"
    lines = [
        "## 未调校表格的首次读取",
        "",
        "每一轮另收一批任何测试都不认识的真实表格，在改任何代码之前读取一次，结果记在 `tests/corpus/heldout.json`；"
        "“现在”一栏是同一批文件用当前代码读取的结果。新的一轮用 `python scripts/fidelity.py --record-round 名称 id…` "
        "记录（只记一次，在改任何代码之前），再逐条手工判定其错误级别发现。各轮并列：",
        "",
        "| 轮次 | 表 | 记录于 | 提交 | 首次读取 | 现在 |",
        "|---|---|---|---|---|---|",
    ]
    for name, (held, _, total, kept, refused) in zip(names, measured, strict=True):
        ids = sorted({row["entry"] for row in held.get("files", [])})
        still = (f"（仍拒读：{'、'.join(refused)}；不计这些文件：首次 {_pct(kept[0], kept[1])}，现在 {_pct(kept[2], kept[3])}）"
                 if refused else "")
        lines.append(f"| {name} | {len(ids)} 张（{'、'.join(f'`{i}`' for i in ids)}） | {held.get('recorded', '')} | "
                     f"{held.get('commit', '')} | **{_pct(total[0], total[1])}**（{total[0]}/{total[1]}） | "
                     f"{_pct(total[2], total[3])}（{total[2]}/{total[3]}）{still} |")
    for kind, label in (("family", "表的种类（family）"), ("file", "文件")):
        keys = sorted({k for _, tallies, *_ in measured for k in tallies[kind]})
        lines += ["", f"| {label} " + head, rule]
        for k in keys:
            shown = f"{_KIND_OF_FILE.get(k, k)}（`{k}`）" if kind == "file" else k
            cells = []
            for _, tallies, *_ in measured:
                v = tallies[kind].get(k)
                cells.append(f"{_pct(v[0], v[1])} | {_pct(v[2], v[3])} | {v[1]}" if v else "— | — | —")
            lines.append(f"| {shown} | " + " | ".join(cells) + " |")
    lines.append("")
    for name, held in zip(names, rounds, strict=True):
        lines += [f"### {name}（{held.get('recorded', '')}，提交 {held.get('commit', '')}）", "",
                  "首次读取时的错误级别发现，逐条手工判定（“读错”是读取器误读造成的误报）：", "",
                  "| 表 | 规则 | 发现 | 判定 | 理由 |", "|---|---|---|---|---|",
                  *[f"| `{f['entry']}` | {f['code']} | {_cell(f['message'])} | {_VERDICT.get(f['verdict'], f['verdict'])} | "
                    f"{_cell(f.get('why', ''))} |" for f in held.get("error_findings", [])], ""]
        classes = held.get("classes", [])
        if classes:
            lines += ["误读的类别与处理：", "", "| 类别 | 见于 | 处理 |", "|---|---|---|",
                      *[f"| {_cell(c['class'])} | {'、'.join(f'`{t}`' for t in c.get('tables', []))} | "
                        f"{_cell(c.get('status', ''))} |" for c in classes], ""]
    return lines


_SCORE_VERDICT = {"real": "原表得分不符合评分规则", "ours": "我们的错误（待修）"}
_STATUS = {"differs": "超出按规则可得的分", "band": "不在定性档次内", "not_comparable": "无从重算"}
_WHY = {"weight": "没有分值", "missing": "没有实际完成值", "unit_mismatch": "单位不同", "unreadable": "看不出档次",
        "not_applicable": "不适用"}


def _verdict(verdict: str | None, status: str) -> str:
    if verdict == "real" and status == "not_comparable":
        return "原表得分无从核对（原表缺实际完成值，或实际值未量化）"
    return _SCORE_VERDICT.get(verdict or "", "未判定")


def _score_section(entries: list) -> list[str]:
    """Each corpus 自评表's published 得分 against our recomputation, the disagreements judged."""
    table = ["| 表 | 读取的文件 | 有得分的指标 | 确认 | 原表不符合规则或无从核对 | 我们的错误 | 表上没有分值 | 未判定 |",
             "|---|---|---|---|---|---|---|---|"]
    listed: list[str] = []
    totals = [0, 0, 0, 0, 0, 0]
    for entry in entries:
        if "selfeval" not in entry.meta.get("family", ""):
            continue
        name, rows = published_scores(entry)
        if name is None:
            table.append(f"| `{entry.id}` | （未能读取） | — | — | — | — | — | — |")
            continue
        counts = [len(rows), sum(r.agrees for r in rows), 0, 0, 0, 0]
        for r in rows:
            if r.agrees:
                continue
            j = score_judgement(entry, r)
            verdict = j.get("verdict") if j else None
            if j is None and r.why == "weight":
                counts[4] += 1  # no 分值 printed: nothing to check the claim against
                continue
            counts[{"real": 2, "ours": 3}.get(verdict or "", 5)] += 1
            ours = (f"按规则 {r.low:.2f}" + (f"–{r.high:.2f}" if r.high - r.low > 0.005 else "")
                    if r.status != "not_comparable" else _WHY.get(r.why, r.why))
            listed.append(f"- `{entry.id}` {r.indicator}：指标值“{r.target[:30]}”，实际“{r.actual[:30]}”，分值 "
                          f"{'' if r.weight is None else f'{r.weight:g}'}，公开得分 {r.published:g}；{ours}"
                          f"（{_STATUS.get(r.status, r.status)}）。**{_verdict(verdict, r.status)}**"
                          + (f"：{j['why']}" if j else ""))
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        table.append(f"| `{entry.id}` | `{name}` | {' | '.join(str(n) for n in counts)} |")
    table.append(f"| **合计** |  | {' | '.join(f'**{n}**' for n in totals)} |")
    return [
        "## 自评得分：公开的得分与按规则重算",
        "",
        "每张自评表（含部门整体支出绩效自评表）逐条指标比较公开的得分与我们按评分规则（`docs/selfeval.md`，与 PG-E06/PG-E08 "
        "同一核心 `scoring/claims.py`）重算可得的分：定量指标为一个数（容差 0.05），定性指标为所在档次的范围。"
        "公开得分在范围内即“确认”；不在范围内或无从重算的，逐条按原表判定（`judgement.json` 的 `score` 条目）："
        "原表得分不符合评分规则，或我们的错误。`tests/test_corpus.py` 要求每条都有判定。"
        "表上没有分值栏的（如只有“年度绩效目标(80分)”整块的分值），得分无从比较，单列一栏、不逐条列出。",
        "",
        *table,
        "",
        *(listed or ["（全部确认）"]),
        "",
    ]


if __name__ == "__main__":
    sys.exit(main())
