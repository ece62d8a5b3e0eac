"""The Excel front end (xlwings): thin adapters over the core.

* :mod:`perfgoals_xl.excel.buttons` — the handlers the template's buttons call
  through ``RunPython`` (校验, 生成报表, 拆分指标, 导入, 清除标记, 规则说明);
* :mod:`perfgoals_xl.excel.udfs` — worksheet functions (PG_PARSE, PG_COMPOSE,
  PG_CHECK, PG_VALUE, PG_LEVEL2);
* :mod:`perfgoals_xl.excel.plan` — the bulk operations a handler asks of Excel
  (pure data) and the thin applier that performs them with xlwings;
* :mod:`perfgoals_xl.excel.render_sheet` — the report layout into a live sheet;
* :mod:`perfgoals_xl.excel.suggest_sheet` — 推荐指标: the suggestions sheet and the picked
  indicators written into a project's rows (``buttons.suggest_indicators``), and PG_SUGGEST's array.

xlwings is imported only under this package; the core never needs it. Nothing is
imported here, so that ``import perfgoals_xl.excel.buttons`` stays light.
"""
