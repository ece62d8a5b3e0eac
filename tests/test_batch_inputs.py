"""Batch inputs: files, folders (recursive) and globs; stable, unique output names."""

from __future__ import annotations

import pytest

from perfgoals_xl.batch.inputs import expand_inputs
from perfgoals_xl.errors import InputError


def _tree(tmp_path, seed_path):
    text = seed_path.read_bytes()
    for rel in ("a/2024/table.txt", "b/table.txt", "b/table.json", "b/.hidden.txt", "b/~$lock.xlsx",
                "b/notes.md", "c/deep/er/x.txt"):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(text)
    return tmp_path


def test_folders_are_recursive_and_skip_hidden_and_unreadable(tmp_path, seed_path):
    root = _tree(tmp_path, seed_path)
    stems = [i.stem for i in expand_inputs([str(root / "b"), str(root / "c")])]
    assert stems == ["deep__er__x_txt", "table_json", "table_txt"]


def test_same_name_in_two_folders_gets_unique_stable_stems(tmp_path, seed_path):
    root = _tree(tmp_path, seed_path)
    args = [str(root / "a" / "2024" / "table.txt"), str(root / "b" / "table.txt")]
    first = expand_inputs(args)
    assert len({i.stem for i in first}) == 2
    assert all(i.stem.startswith("table_txt-") for i in first)
    assert [i.stem for i in expand_inputs(list(reversed(args)))] == [i.stem for i in first]


def test_globs_and_duplicates(tmp_path, seed_path):
    root = _tree(tmp_path, seed_path)
    found = expand_inputs([str(root / "**" / "*.txt"), str(root / "b" / "table.txt")])
    assert sorted(p.path.name for p in found) == ["table.txt", "table.txt", "x.txt"]


def test_output_folder_is_excluded(tmp_path, seed_path):
    root = _tree(tmp_path, seed_path)
    out = root / "b" / "out"
    out.mkdir()
    (out / "old.json").write_text("{}", encoding="utf-8")
    assert all("out" not in i.path.parts for i in expand_inputs([str(root / "b")], exclude=out))


def test_missing_input_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="不存在"):
        expand_inputs([str(tmp_path / "nope.txt")])
    with pytest.raises(InputError, match="没有匹配"):
        expand_inputs([str(tmp_path / "*.nothing")])


def test_progress_bar_shows_done_total_and_current_file_on_a_terminal():
    import io

    from perfgoals_xl.batch.progress import Progress

    stream = io.StringIO()
    bar = Progress(3, stream=stream, enabled=True)
    bar.update("a.txt", advance=False)
    bar.update("a.txt")
    bar.update("b.txt")
    bar.close()
    frames = [f for f in stream.getvalue().split("\r") if f.strip()]
    assert any("0/3" in f and f.rstrip().endswith("a.txt") for f in frames)  # the file in hand
    assert "2/3" in frames[-1] and frames[-1].rstrip().endswith("b.txt")  # redrawn, not appended
    assert stream.getvalue().count("\n") == 1 and stream.getvalue().endswith("\n")
    silent = io.StringIO()
    Progress(3, stream=silent).update("a.txt")  # StringIO is not a terminal: nothing printed
    assert silent.getvalue() == ""
