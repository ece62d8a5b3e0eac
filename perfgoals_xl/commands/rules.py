"""`perfgoals rules [CODE]`: list every rule, or print one rule's full documentation."""

from __future__ import annotations

import argparse

HELP = "列出全部校验规则，或显示一条规则的说明（如 perfgoals rules PG-Q03）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `perfgoals rules`."""
    parser.add_argument("code", metavar="CODE", nargs="?",
                        help="规则代码（PG-Q03、Q03）或名称（period_unit_mismatch）；省略时列出全部规则")
    parser.add_argument("--format", choices=("text", "json", "md"), default="text",
                        help="输出格式：text（默认）、json、md（Markdown）")


def run(args: argparse.Namespace) -> int:
    """Print the listing or one rule's doc; exit 2 for an unknown code."""
    import json

    from perfgoals_xl.errors import PerfGoalsError
    from perfgoals_xl.rules.docs import render_markdown, rule_markdown, rule_text, rule_to_dict
    from perfgoals_xl.rules.issue import SEVERITIES
    from perfgoals_xl.rules.registry import RULES, get_rule

    if args.code:
        rule = get_rule(args.code)
        if rule is None:
            raise PerfGoalsError(f"未知的规则“{args.code}”：`perfgoals rules` 列出全部规则（如 PG-Q03）")
        if args.format == "json":
            print(json.dumps(rule_to_dict(rule), ensure_ascii=False, indent=2))
        elif args.format == "md":
            print(rule_markdown(rule, level=1))
        else:
            print(rule_text(rule))
        return 0
    if args.format == "json":
        print(json.dumps([rule_to_dict(r) for r in RULES.values()], ensure_ascii=False, indent=2))
    elif args.format == "md":
        print(render_markdown(), end="")
    else:
        for rule in RULES.values():
            severity = SEVERITIES[rule.severity]
            if rule.severity_by_profile:
                severity += "/" + "/".join(SEVERITIES[s] for s in rule.severity_by_profile.values())
            print(f"{rule.code}  {rule.slug:<34} {severity:<6} {','.join(rule.profiles):<11} {rule.summary}")
        print(f"共 {len(RULES)} 条规则。`perfgoals rules 代码` 显示完整说明。")
    return 0
