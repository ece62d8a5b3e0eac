"""perfgoals-xl: 项目支出绩效目标表 — parse, check and generate performance-target tables."""

__version__ = "0.1.0"
