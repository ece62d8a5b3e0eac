"""Checker configuration: profile, select / ignore by code prefix, per-rule severity, and
accepted findings (suppressions).

Read from ``[tool.perfgoals]`` in a pyproject.toml, or from a ``perfgoals.toml``
(top-level keys), found in the working directory or the nearest parent; the command
line overrides it. Example (perfgoals.toml)::

    profile = "gz"                 # gz | mof2021
    select = ["PG-S", "PG-A", "PG-Q"]
    ignore = ["PG-C07"]

    [severity]
    "PG-C05" = "warning"           # error | warning | info | off

    [[accept]]                     # a finding accepted on purpose: still shown, marked 已接受
    code = "PG-Q03"
    project = "车辆租用经费"
    indicator = 2                  # optional: one indicator (序号)
    file = "*.txt"                 # optional: glob on the input path
    reason = "原表如此，已与单位核实"

Prefixes: ``PG-Q03``, ``Q03``, ``PG-Q``, ``Q`` and ``ALL`` (case-insensitive). A rule
is enabled when its most specific matching ``select`` prefix is more specific than
its most specific matching ``ignore`` prefix (as in ruff).
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from perfgoals_xl.errors import PerfGoalsError
from perfgoals_xl.rules.base import PREFIX, PROFILES, Rule
from perfgoals_xl.rules.issue import SEVERITIES, Issue

CONFIG_FILES = ("perfgoals.toml", "pyproject.toml")
_SEVERITY_VALUES = (*SEVERITIES, "off")


class ConfigError(PerfGoalsError):
    """A configuration file or option that cannot be used (the CLI exits 2)."""


def _known_codes() -> list[str]:
    from perfgoals_xl.rules.registry import RULES

    return list(RULES)


def normalize_prefix(text: str, *, where: str = "配置") -> str:
    """'q03' → 'PG-Q03', 'Q' → 'PG-Q', 'ALL' → 'PG-'; ConfigError when it matches no rule."""
    raw = str(text).strip()
    upper = raw.upper()
    if upper in ("ALL", "PG", "PG-"):
        return PREFIX
    prefix = upper if upper.startswith(PREFIX) else PREFIX + upper
    if not any(code.startswith(prefix) for code in _known_codes()):
        raise ConfigError(f"{where}：未知的规则代码或前缀“{raw}”（例如 PG-Q03、PG-Q、Q03、ALL；`perfgoals rules` 列出全部规则）")
    return prefix


def split_prefixes(value: str | list[str] | tuple[str, ...] | None, *, where: str) -> tuple[str, ...]:
    """A comma-separated string or a list → normalised prefixes."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    return tuple(normalize_prefix(item, where=where) for item in items if str(item).strip())


def _longest(prefixes: tuple[str, ...], code: str) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


@dataclass(frozen=True)
class Accept:
    """A finding accepted on purpose: one code (or prefix) for one project or indicator."""

    code: str
    reason: str
    project: str | None = None
    indicator: int | None = None
    file: str | None = None

    def matches(self, issue: Issue) -> bool:
        """Does this acceptance cover the issue?"""
        loc = issue.location
        if not issue.code.startswith(self.code):
            return False
        if self.project is not None and self.project not in (loc.project, loc.unit):
            return False
        if self.indicator is not None and loc.seq != self.indicator:
            return False
        if self.file is not None:
            path = loc.file or ""
            if not (fnmatch.fnmatch(path, self.file) or fnmatch.fnmatch(Path(path).name, self.file)):
                return False
        return True


@dataclass(frozen=True)
class Config:
    """What to check and how to rate it."""

    profile: str = "gz"
    select: tuple[str, ...] = (PREFIX,)
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)  # prefix → severity or "off"
    accept: tuple[Accept, ...] = ()
    source: str | None = None  # the file it was read from
    #: [scoring]: the numbers of the self-evaluation (perfgoals_xl.scoring.profile), checked on loading
    scoring: dict[str, Any] = field(default_factory=dict, compare=False)
    #: [letter]: the bureau's name, the letter's number and date for the 审核意见 letter
    #: (perfgoals_xl.review.letter), each a string; checked on loading
    letter: dict[str, str] = field(default_factory=dict, compare=False)

    def scoring_profile(self):  # -> perfgoals_xl.scoring.ScoringProfile
        """The self-evaluation scoring profile of this configuration (defaults overridden by [scoring])."""
        from perfgoals_xl.scoring.profile import profile_from_dict

        return profile_from_dict(self.scoring or None, source=self.source or "配置")

    def enabled(self, rule: Rule) -> bool:
        """Is the rule selected, not ignored, in the profile, and not turned off?"""
        if self.profile not in rule.profiles:
            return False
        if self._severity_override(rule.code) == "off":
            return False
        return _longest(self.select, rule.code) > _longest(self.ignore, rule.code)

    def _severity_override(self, code: str) -> str | None:
        best, value = -1, None
        for prefix, severity in self.severity.items():
            if code.startswith(prefix) and len(prefix) > best:
                best, value = len(prefix), severity
        return value

    def severity_of(self, rule: Rule, variant: str = "", hit_severity: str | None = None) -> str:
        """Configured severity, else the finding's own, else the variant's, else the profile's."""
        override = self._severity_override(rule.code)
        if override and override != "off":
            return override
        if hit_severity:
            return hit_severity
        if variant in rule.variant_severity:
            return rule.variant_severity[variant]
        return rule.severity_for(self.profile)

    def accepted(self, issue: Issue) -> Accept | None:
        """The acceptance that covers this issue, if any."""
        for acc in self.accept:
            if acc.matches(issue):
                return acc
        return None

    def with_overrides(
        self,
        *,
        profile: str | None = None,
        select: str | list[str] | None = None,
        ignore: str | list[str] | None = None,
    ) -> Config:
        """A copy with command-line values replacing the configured ones."""
        changes: dict[str, Any] = {}
        if profile is not None:
            changes["profile"] = _check_profile(profile, "--profile")
        if select is not None:
            changes["select"] = split_prefixes(select, where="--select") or (PREFIX,)
        if ignore is not None:
            changes["ignore"] = split_prefixes(ignore, where="--ignore")
        return replace(self, **changes)


def _check_profile(value: Any, where: str) -> str:
    if value not in PROFILES:
        raise ConfigError(f"{where}：未知的方案“{value}”，可选 {' / '.join(PROFILES)}")
    return str(value)


_TYPE_CN = {str: "字符串", int: "整数", list: "数组", dict: "表"}


def _type_name(value: Any) -> str:
    """The TOML type of a value, in Chinese (for error messages)."""
    if isinstance(value, bool):
        return "布尔值"
    for kind, name in _TYPE_CN.items():
        if isinstance(value, kind):
            return name
    return "浮点数" if isinstance(value, float) else type(value).__name__


def _check_prefix_list(value: Any, where: str) -> None:
    """select / ignore: a string (comma-separated) or an array of strings."""
    if value is None or isinstance(value, str):
        return
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return
    raise ConfigError(
        f"{where} 应为字符串或字符串数组（如 [\"PG-Q\", \"PG-K03\"]），实际为{_type_name(value)}：{value!r}"
    )


def _check_accept_entry(entry: dict[str, Any], where: str) -> None:
    """Types of one accept entry: code/project/file/reason strings, indicator an integer."""
    for name in ("code", "project", "file", "reason"):
        value = entry.get(name)
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"{where}：{name} 应为字符串，实际为{_type_name(value)}：{value!r}")
    indicator = entry.get("indicator")
    if indicator is not None and (isinstance(indicator, bool) or not isinstance(indicator, int)):
        raise ConfigError(f"{where}：indicator 应为指标序号（整数），实际为{_type_name(indicator)}：{indicator!r}")


def config_from_dict(data: dict[str, Any], *, source: str = "配置") -> Config:
    """Build a Config from the keys of [tool.perfgoals] (or a perfgoals.toml); a key of the
    wrong type is a ConfigError naming it."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}：[tool.perfgoals] 应为表（配置节），实际为{_type_name(data)}：{data!r}")
    known = {"profile", "select", "ignore", "severity", "accept", "scoring", "letter"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{source}：未知的配置项 {', '.join(unknown)}（可用：{', '.join(sorted(known))}）")
    raw_profile = data.get("profile", "gz")
    if not isinstance(raw_profile, str):
        raise ConfigError(f"{source}: profile 应为字符串（{' / '.join(PROFILES)}），"
                          f"实际为{_type_name(raw_profile)}：{raw_profile!r}")
    profile = _check_profile(raw_profile, f"{source}: profile")
    for name in ("select", "ignore"):
        _check_prefix_list(data.get(name), f"{source}: {name}")
    select = split_prefixes(data.get("select"), where=f"{source}: select") or (PREFIX,)
    ignore = split_prefixes(data.get("ignore"), where=f"{source}: ignore")
    severity: dict[str, str] = {}
    raw_severity = data.get("severity", {})
    if not isinstance(raw_severity, dict):
        raise ConfigError(f"{source}：severity 应为表，如 [tool.perfgoals.severity] \"PG-C05\" = \"warning\"")
    for code, level in raw_severity.items():
        if not isinstance(level, str) or level not in _SEVERITY_VALUES:
            raise ConfigError(f"{source}：severity.{code} = “{level}”，应为 {' / '.join(_SEVERITY_VALUES)}")
        severity[normalize_prefix(code, where=f"{source}: severity")] = level
    accepts = []
    raw_accept = data.get("accept", [])
    if not isinstance(raw_accept, list):
        raise ConfigError(f"{source}：accept 应为表数组，如 [[tool.perfgoals.accept]]")
    for n, entry in enumerate(raw_accept, 1):
        where = f"{source}: 第 {n} 条 accept"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}：应为表（[[accept]] 下的 code、project、reason 等），实际为{_type_name(entry)}")
        _check_accept_entry(entry, where)
        if not entry.get("code"):
            raise ConfigError(f"{where}：缺少 code（要接受的规则，如 \"PG-Q03\"）")
        extra = sorted(set(entry) - {"code", "reason", "project", "indicator", "file"})
        if extra:
            raise ConfigError(f"{where}：未知的字段 {', '.join(extra)}")
        if not str(entry.get("reason", "")).strip():
            raise ConfigError(f"{where}：缺少 reason（接受的理由，会显示在结果中）")
        if entry.get("project") is None and entry.get("file") is None:
            raise ConfigError(f"{where}：应指明 project（项目名称）或 file；要对所有项目关闭规则请用 ignore")
        indicator = entry.get("indicator")
        accepts.append(Accept(
            code=normalize_prefix(entry["code"], where=where), reason=str(entry["reason"]).strip(),
            project=entry.get("project"), indicator=indicator, file=entry.get("file"),
        ))
    scoring = _check_scoring(data.get("scoring"), source)
    return Config(profile=profile, select=select, ignore=ignore, severity=severity,
                  accept=tuple(accepts), source=source, scoring=scoring,
                  letter=_check_letter(data.get("letter"), source))


#: Keys of [letter] (the 审核意见 letter) → what they hold.
LETTER_KEYS = {"bureau": "财政部门名称", "number": "文号", "date": "日期", "deadline": "重新报送期限",
               "contact": "联系人及电话"}


def _check_letter(data: Any, source: str) -> dict[str, str]:
    """The [letter] table: known keys, each a string of at most 200 characters."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{source}：letter 应为表，如 [tool.perfgoals.letter] bureau = \"某某市财政局\"")
    unknown = sorted(set(data) - set(LETTER_KEYS))
    if unknown:
        shown = ", ".join(repr(k[:30]) for k in unknown[:3]) + ("……" if len(unknown) > 3 else "")
        raise ConfigError(f"{source}：letter 中未知的字段 {shown}（可用：{', '.join(LETTER_KEYS)}）")
    for key, value in data.items():
        where = f"{source}：letter.{key}（{LETTER_KEYS[key]}）"
        if not isinstance(value, str):
            raise ConfigError(f"{where}应为字符串，实际为{_type_name(value)}")
        if len(value) > LETTER_MAX_CHARS:
            raise ConfigError(f"{where}应不超过 {LETTER_MAX_CHARS} 字，实际 {len(value):,} 字")
        control = _LETTER_CONTROL.search(value)
        if control:
            raise ConfigError(f"{where}含控制字符 {control.group()!r}（换行、制表符等）：应为一行文字")
    return {k: v.strip() for k, v in data.items()}


#: A [letter] value is one line of a letter: at most this long, no control characters (a line
#: break would split the bureau's name in the heading; NUL and the like cannot be in a .docx).
LETTER_MAX_CHARS = 200
_LETTER_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _check_scoring(data: Any, source: str) -> dict[str, Any]:
    """The [scoring] table, validated now (a bad number is a ConfigError, exit 2)."""
    if data is None:
        return {}
    from perfgoals_xl.scoring.profile import ScoringConfigError, profile_from_dict

    try:
        profile_from_dict(data, source=source)
    except ScoringConfigError as exc:
        raise ConfigError(str(exc)) from None
    return dict(data)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise ConfigError(f"{path}：无法读取配置文件：{exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}：配置文件不是 UTF-8 编码（第 {line} 行），请另存为 UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from perfgoals_xl.toml_messages import toml_error

        raise ConfigError(f"{path}：TOML 格式错误，{toml_error(str(exc), text)}") from None


def _section(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    tool = data.get("tool", {}).get("perfgoals") if isinstance(data.get("tool"), dict) else None
    if path.name == "pyproject.toml":
        return tool
    return tool if tool is not None else data


def find_config(start: str | Path | None = None) -> Path | None:
    """The nearest perfgoals.toml, or pyproject.toml with [tool.perfgoals], from start upwards."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and _section(candidate, _read_toml(candidate)) is None:
                continue
            return candidate
    return None


def load_config(path: str | Path | None = None, *, start: str | Path | None = None) -> Config:
    """The configuration from path, or found from start (default: the working directory);
    the defaults (profile gz, all rules) when there is none."""
    if path is None:
        found = find_config(start)
        if found is None:
            return Config()
        path = found
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"{p}：配置文件不存在")
    section = _section(p, _read_toml(p))
    if section is None:
        raise ConfigError(f"{p}：没有 [tool.perfgoals] 配置节")
    return config_from_dict(section, source=str(p))
