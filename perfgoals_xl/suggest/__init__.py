"""Indicator suggestions (推荐指标): which indicators and values comparable projects used.

Layers, each depending only on those below it:

* :mod:`~perfgoals_xl.suggest.keys` — the meaning key of an indicator name and the merging of
  near-duplicate names (pure text, no imports of ours);
* :mod:`~perfgoals_xl.suggest.records` — sources → one record per project (the model's
  ``Project``/``Indicator`` plus where it came from): tables read by ``perfgoals_xl.sources`` and
  a ``convert`` run's dataset;
* :mod:`~perfgoals_xl.suggest.flags` — the review rules' findings that mark an indicator as
  vague or unmeasurable;
* :mod:`~perfgoals_xl.suggest.common` — the common indicators of the 财预〔2021〕101号 framework;
* :mod:`~perfgoals_xl.suggest.library` — records → the library frame (one row per indicator),
  saved as Parquet; loading with clear Chinese messages; the starter library shipped in the package;
* :mod:`~perfgoals_xl.suggest.rank` — the suggestions: similar projects (character n-gram TF-IDF
  of name and goal), their indicators merged by meaning, ranked, each with a typical value;
* :mod:`~perfgoals_xl.suggest.evaluate` — leave-one-project-out recall@10 against a baseline.

Nothing is imported here, so that importing one module stays light.
"""
