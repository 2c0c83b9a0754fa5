"""The read cache (cache.py) is never wrong: whatever changes in the dossier, validate and the
reading commands give what a run without the cache gives — and an unchanged dossier is not read again."""

import datetime as dt
import os
import time
from pathlib import Path

import pytest

import dossiercli.cache as cache
import dossiercli.load as load
from conftest import AP, LAKE, RELEASE, write_dossier
from dossiercli.load import open_dossier
from dossiercli.validate import validate_dossier

TODAY = dt.date(2026, 11, 25)
JOURNAL = """\
type = "article-journal"
title = "Iran's Regional Strategy"
container-title = "Survival"
issued = "2007-06"
DOI = "10.1080/00396330701437777"
"""


@pytest.fixture(autouse=True)
def private_key_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.delenv("DOSSIER_NO_CACHE", raising=False)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_dossier(tmp_path / "d", {"lake2007": LAKE, "ap2007": AP, "mnfi2007": RELEASE, "survival2007": JOURNAL})


def fresh(root: Path, today=TODAY):
    """What validate says without any cache: the reference every cached run must equal."""
    return sorted(map(str, validate_dossier(root, today=today, use_cache=False)))


def cached(root: Path, today=TODAY):
    return sorted(map(str, validate_dossier(root, today=today)))


class Reads:
    """Counts the files parsed (read_records) and hashed (read_bytes) by the cache."""

    def __init__(self, monkeypatch):
        self.parsed: list[str] = []
        self.hashed = 0
        real_records, real_bytes = cache.read_records, cache.read_bytes

        def read_records(items, jobs=None, payload=True):
            self.parsed += [rel for _, rel in items]
            return real_records(items, jobs, payload)

        def read_bytes(path):
            self.hashed += 1
            return real_bytes(path)

        monkeypatch.setattr(cache, "read_records", read_records)
        monkeypatch.setattr(cache, "read_bytes", read_bytes)


def later(monkeypatch, seconds=10):
    """Runs from now on start `seconds` later: files written before then are past the racy window."""
    real = time.time_ns
    monkeypatch.setattr(cache.time, "time_ns", lambda: real() + seconds * 1_000_000_000)


def test_an_unchanged_dossier_is_neither_parsed_nor_hashed_again(root, monkeypatch):
    later(monkeypatch)
    first = cached(root)
    reads = Reads(monkeypatch)
    assert cached(root) == first == fresh(root)
    assert reads.parsed == [] and reads.hashed == 1  # dossier.toml only, for the context
    assert (root / ".dossier-cache" / ".gitignore").read_text().endswith("*\n")


def test_files_changed_just_before_a_run_are_hashed_not_trusted(root, monkeypatch):
    cached(root)  # the files were written within RACY_SECONDS of this run
    reads = Reads(monkeypatch)
    assert cached(root) == fresh(root)
    assert reads.parsed == [] and reads.hashed == 5  # four entries compared by content, and dossier.toml


def test_an_edit_of_the_same_size_with_the_old_mtime_is_seen(root, monkeypatch):
    later(monkeypatch)
    assert cached(root) == fresh(root) == []
    path = root / "entries" / "ap2007.toml"
    before = path.stat()
    time.sleep(0.02)
    path.write_text(AP.replace("2007-05-09", "2007-02-30"), encoding="utf-8")  # same length, impossible date
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `cp -p` or an editor keeping times would
    assert path.stat().st_size == before.st_size
    reads = Reads(monkeypatch)
    assert cached(root) == fresh(root)
    assert reads.parsed == ["entries/ap2007.toml"]
    assert any("ap2007.toml:4: E020" in line and "February 2007 has 28 days" in line for line in cached(root))


def test_a_touched_file_is_hashed_and_not_parsed(root, monkeypatch):
    later(monkeypatch)
    cached(root)
    os.utime(root / "entries" / "lake2007.toml")
    reads = Reads(monkeypatch)
    assert cached(root) == fresh(root)
    assert reads.parsed == []


def test_a_renamed_file_is_read_under_its_new_id(root, monkeypatch):
    later(monkeypatch)
    cached(root)
    (root / "entries" / "ap2007.toml").rename(root / "entries" / "Bad Name.toml")
    reads = Reads(monkeypatch)
    after = cached(root)
    assert after == fresh(root)
    assert reads.parsed == ["entries/Bad Name.toml"]
    assert any("E016" in line and "Bad Name.toml" in line for line in after)
    assert [finding.path.name for finding in open_dossier(root).skipped] == ["Bad Name.toml"]


def test_a_deleted_file_takes_its_findings_and_its_duplicates_with_it(root, monkeypatch):
    later(monkeypatch)
    (root / "entries" / "survival-copy.toml").write_text(JOURNAL.replace("Regional", "Other"), encoding="utf-8")
    assert any("E052" in line for line in cached(root))
    (root / "entries" / "survival-copy.toml").unlink()
    assert cached(root) == fresh(root) == []


def test_an_added_file_with_a_known_doi_is_a_duplicate_though_nothing_else_changed(root, monkeypatch):
    later(monkeypatch)
    assert cached(root) == []
    (root / "entries" / "survival-again.toml").write_text(JOURNAL.replace("Regional", "Other"), encoding="utf-8")
    reads = Reads(monkeypatch)
    after = cached(root)
    assert after == fresh(root)
    assert reads.parsed == ["entries/survival-again.toml"]  # the unchanged file is not parsed again...
    assert any(
        "E052" in line and "also the DOI of 'survival-again'" in line for line in after
    )  # ...yet the rule sees it


def test_a_duplicate_doi_introduced_by_editing_an_unchanged_dossier(root, monkeypatch):
    later(monkeypatch)
    assert cached(root) == []
    time.sleep(0.02)
    path = root / "entries" / "lake2007.toml"
    path.write_text(LAKE.replace("tags = ", 'DOI = "10.1080/00396330701437777"\ntags = '), encoding="utf-8")
    after = cached(root)
    assert after == fresh(root)
    assert [line for line in after if "E052" in line]


def test_a_changed_dossier_toml_rereads_everything(root, monkeypatch):
    later(monkeypatch)
    cached(root)
    (root / "dossier.toml").write_text('title = "Renamed"\n', encoding="utf-8")
    reads = Reads(monkeypatch)
    assert cached(root) == fresh(root)
    assert sorted(reads.parsed) == sorted(
        f"entries/{name}.toml" for name in ("lake2007", "ap2007", "mnfi2007", "survival2007")
    )


def test_the_future_date_rule_runs_for_the_day_of_the_run(root, monkeypatch):
    later(monkeypatch)
    assert cached(root) == []
    reads = Reads(monkeypatch)
    before_2007 = cached(root, today=dt.date(2006, 12, 31))
    assert before_2007 == fresh(root, today=dt.date(2006, 12, 31))
    assert sum("W021" in line for line in before_2007) == 4
    assert reads.parsed == []


def test_reading_commands_share_the_cache_and_get_the_same_entries(root, monkeypatch):
    later(monkeypatch)
    cached(root)  # validate keeps each file's findings, not its entry...
    reads = Reads(monkeypatch)
    open_dossier(root)  # ...so the first command that needs entries reads the files once more and keeps them
    assert len(reads.parsed) == 4
    reads.parsed.clear()
    assert cached(root) == fresh(root)
    dossier = open_dossier(root)
    assert reads.parsed == []
    assert sorted(dossier.entries, key=lambda e: e.id) == sorted(
        open_dossier(root, use_cache=False).entries, key=lambda e: e.id
    )
    assert all(entry.path == root / "entries" / f"{entry.id}.toml" for entry in dossier.entries)


def test_a_lost_entries_file_is_read_again(root, monkeypatch):
    later(monkeypatch)
    open_dossier(root)
    (root / ".dossier-cache" / cache.ENTRIES_FILE).unlink()
    assert sorted(e.id for e in open_dossier(root).entries) == ["ap2007", "lake2007", "mnfi2007", "survival2007"]


@pytest.mark.parametrize("damage", ["garbage", "other-key", "truncated"])
def test_a_cache_not_signed_with_the_users_key_is_ignored(root, monkeypatch, tmp_path, damage):
    later(monkeypatch)
    cached(root)
    index = root / ".dossier-cache" / cache.INDEX_FILE
    if damage == "garbage":
        index.write_bytes(b"\x80\x04cos\nsystem\n(S'echo pwned'\ntR.")
    elif damage == "truncated":
        index.write_bytes(index.read_bytes()[:100])
    else:  # a cache made by someone else (say, committed to the dossier's repository)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
        (root / "entries" / "ap2007.toml").write_text(AP.replace("2007-05-09", "2007-02-30"), encoding="utf-8")
        cached(root)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    reads = Reads(monkeypatch)
    assert cached(root) == fresh(root)
    assert len(reads.parsed) == 4


def test_no_cache_when_turned_off(root, monkeypatch):
    monkeypatch.setenv("DOSSIER_NO_CACHE", "1")
    assert validate_dossier(root, today=TODAY) == []
    assert not (root / ".dossier-cache").exists()


def test_an_entry_kept_for_changed_bytes_is_not_used(root, monkeypatch):
    later(monkeypatch)
    open_dossier(root)  # entries kept
    time.sleep(0.02)
    (root / "entries" / "ap2007.toml").write_text(AP.replace("Sunni insurgents", "Shia militias"), encoding="utf-8")
    cached(root)  # validate updates the index only; the entries file still holds the old ap2007
    titles = {entry.id: entry.title for entry in open_dossier(root).entries}
    assert titles["ap2007"] == "U.S.: Iran helping some Shia militias"


def test_a_read_only_dossier_still_validates(root, monkeypatch):
    monkeypatch.setattr(cache, "_save", lambda *args: None)
    assert cached(root) == fresh(root)


def test_many_files_are_read_by_a_process_pool_with_the_same_result(tmp_path, monkeypatch):
    entries = {f"e{index:03d}": LAKE.replace("Mayhem", f"Mayhem {index}") for index in range(120)}
    entries["bad"] = 'type = "book"\ntitle = "T"\nissued = "2007-02-30"\n'
    root = write_dossier(tmp_path / "many", entries)
    monkeypatch.setattr(load, "POOL_MIN_FILES", 10)
    pooled = sorted(map(str, validate_dossier(root, today=TODAY, use_cache=False, jobs=2)))
    single = sorted(map(str, validate_dossier(root, today=TODAY, use_cache=False, jobs=1)))
    assert pooled == single
    assert sum("W051" in line for line in pooled) == 119  # one URL everywhere: each file after the first
