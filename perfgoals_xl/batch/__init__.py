"""Batch conversion (`perfgoals convert`): many inputs → report, issues and data per file, plus a summary.

inputs.py expands files/folders/globs and names outputs; worker.py converts one file
(in a worker process); summary.py writes the run's summary workbook; runner.py
drives the pool, the progress bar and Ctrl-C.
"""
