"""Rule documentation generated from the registry: docs/rules.md, `perfgoals rules CODE`,
and the JSON form of a rule.

Regenerate docs/rules.md with ``python -m perfgoals_xl.rules.docs`` (a test fails
when the committed file is stale).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from perfgoals_xl.rules.base import FAMILIES, PROFILES, Rule
from perfgoals_xl.rules.issue import SEVERITIES
from perfgoals_xl.rules.registry import RULES

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
_SECTIONS = (("what", "说明"), ("why", "为什么"), ("bad", "错误示例"), ("good", "正确示例"),
             ("basis", "依据"), ("choices", "取舍"))


def severity_text(rule: Rule) -> str:
    """'警告 (warning)；gz：提示' — the default severity and its profile/variant exceptions."""
    text = f"{SEVERITIES[rule.severity]}（{rule.severity}）"
    extra = [f"{p} 方案：{SEVERITIES[s]}" for p, s in rule.severity_by_profile.items()]
    extra += [f"部分情形：{SEVERITIES[s]}" for s in dict.fromkeys(rule.variant_severity.values())]
    return text + ("；" + "；".join(extra) if extra else "")


def _message_text(rule: Rule) -> str:
    main = rule.messages[""]
    return "读取器记录的说明（原样转报）" if main == "{message}" else main


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    """A rule as JSON-ready data (for `perfgoals rules --format json`)."""
    return {
        "code": rule.code,
        "slug": rule.slug,
        "family": rule.family,
        "severity": rule.severity,
        "severity_by_profile": dict(rule.severity_by_profile),
        "variant_severity": dict(rule.variant_severity),
        "profiles": list(rule.profiles),
        "scope": rule.scope,
        "summary": rule.summary,
        "messages": dict(rule.messages),
        "hint": rule.hint,
        "doc": {name: getattr(rule.doc, name) for name, _ in _SECTIONS},
    }


def _block(text: str) -> str:
    if "\n" in text:
        return "```text\n" + text + "\n```"
    return f"`{text}`" if text and "`" not in text else text


def rule_markdown(rule: Rule, *, level: int = 3) -> str:
    """The documentation page of one rule as Markdown."""
    head = "#" * level
    lines = [
        f"{head} {rule.code} `{rule.slug}`",
        "",
        f"- 级别：{severity_text(rule)}",
        f"- 方案：{'、'.join(rule.profiles)}",
        f"- 提示语：{_message_text(rule)}",
        f"- 修改建议：{rule.hint}",
        "",
    ]
    for name, label in _SECTIONS:
        value = getattr(rule.doc, name)
        if not value:
            continue
        if name in ("bad", "good"):
            lines += [f"**{label}**", "", _block(value), ""]
        else:
            lines += [f"**{label}**：{value}", ""]
    return "\n".join(lines)


def rule_text(rule: Rule) -> str:
    """The documentation page of one rule for the terminal."""
    lines = [
        f"{rule.code}  {rule.slug}",
        f"级别：{severity_text(rule)}    方案：{'、'.join(rule.profiles)}",
        "",
    ]
    for name, label in _SECTIONS:
        value = getattr(rule.doc, name)
        if value:
            lines += [f"【{label}】", *("  " + line for line in value.split("\n")), ""]
    lines += ["【提示语】", "  " + _message_text(rule), "", "【修改建议】", "  " + rule.hint]
    return "\n".join(lines)


def render_markdown() -> str:
    """The whole of docs/rules.md."""
    out = [
        "# 校验规则（perfgoals check）",
        "",
        "本文件由 `python -m perfgoals_xl.rules.docs` 从规则注册表生成，请勿手工修改"
        "（测试会在它与代码不一致时失败）。配置、接受（suppression）与输出格式见 `checking.md`。",
        "",
        "方案（profile）："
        + "；".join(f"`{k}` — {v}" for k, v in PROFILES.items()) + "。",
        "",
        "| 代码 | 名称 | 级别 | 方案 | 说明 |",
        "|---|---|---|---|---|",
    ]
    for rule in RULES.values():
        profiles = "、".join(rule.profiles)
        summary = rule.summary.replace("|", "\\|")
        out.append(f"| [{rule.code}](#{_anchor(rule)}) | `{rule.slug}` | {severity_text(rule)} | {profiles} | {summary} |")
    out.append("")
    family = None
    for rule in RULES.values():
        if rule.family != family:
            family = rule.family
            out += [f"## {family} — {FAMILIES[family]}", ""]
        out.append(rule_markdown(rule))
    return "\n".join(out).rstrip() + "\n"


def _anchor(rule: Rule) -> str:
    return f"{rule.code}-{rule.slug}".lower()


def main(argv: list[str] | None = None) -> int:
    """Write docs/rules.md (or the path given)."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DOC_PATH
    path.write_text(render_markdown(), encoding="utf-8")
    print(f"已生成 {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
