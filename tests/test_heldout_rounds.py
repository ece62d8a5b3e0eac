"""tests/corpus/heldout.json keeps every held-out round (issue #18); scripts/fidelity.py records a
new round once and shows the rounds side by side in docs/fidelity.md."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from corpus_fidelity import CORPUS, load_entries

ROOT = Path(__file__).resolve().parent.parent


def _fidelity():
    spec = importlib.util.spec_from_file_location("fidelity_script", ROOT / "scripts" / "fidelity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_heldout_keeps_rounds_each_with_its_commit_files_and_judged_findings():
    held = json.loads((CORPUS / "heldout.json").read_text(encoding="utf-8"))
    rounds = held["rounds"]
    assert len(rounds) >= 2
    ids = {e.id for e in load_entries()}
    seen: set[str] = set()
    for r in rounds:
        assert r["commit"] and r["recorded"] and r["files"]
        entries = {f["entry"] for f in r["files"]}
        assert entries <= ids
        assert not entries & seen  # a table is held out in one round only
        seen |= entries
        assert all(0 <= f["right"] <= f["total"] for f in r["files"])
        assert all(f["verdict"] in {"real", "cut", "misreading"} and f["why"] for f in r["error_findings"])


def test_rounds_shown_side_by_side(tmp_path):
    fid = _fidelity()
    lines = fid._heldout_section([])
    text = "\n".join(lines)
    held = json.loads((CORPUS / "heldout.json").read_text(encoding="utf-8"))
    for r in held["rounds"]:
        assert f"### {r['name']}" in text
    family_header = next(line for line in lines if line.startswith("| 表的种类"))
    assert all(f"{r['name']}首次读取" in family_header for r in held["rounds"])
    assert family_header.count("|") == next(line for line in lines[lines.index(family_header) + 1:]
                                            if line.startswith("|---")).count("|")


def test_record_round_once_with_findings_to_judge(tmp_path):
    fid = _fidelity()
    path = tmp_path / "heldout.json"
    path.write_text((CORPUS / "heldout.json").read_text(encoding="utf-8"), encoding="utf-8")
    entry = next(e for e in load_entries() if e.id == "hn-nanxian-2025-form-jikong")
    assert fid.record_round(path, "试验轮", [entry], "abc1234") == 0
    rounds = json.loads(path.read_text(encoding="utf-8"))["rounds"]
    new = rounds[-1]
    assert new["name"] == "试验轮" and new["commit"] == "abc1234"
    assert [f["file"] for f in new["files"]] == entry.meta["held_as"]
    assert all(f["verdict"] == "unjudged" for f in new["error_findings"])
    assert fid.record_round(path, "试验轮", [entry], "abc1234") == 2  # recorded once
    assert len(json.loads(path.read_text(encoding="utf-8"))["rounds"]) == len(rounds)


@pytest.mark.parametrize("ids", [[], ["no-such-table"]])
def test_record_round_needs_tables(tmp_path, ids):
    fid = _fidelity()
    entries = [e for e in load_entries() if e.id in ids]
    assert fid.record_round(tmp_path / "h.json", "空", entries, "abc") == 2
    assert not (tmp_path / "h.json").exists()
