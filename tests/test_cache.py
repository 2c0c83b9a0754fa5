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


# -- the cache is data, never code (issue 24.1) ------------------------------------------------------


def _cache_files(root: Path) -> list[Path]:
    folder = root / ".dossier-cache"
    return sorted(path for path in folder.iterdir() if path.name not in (".gitignore", "lock"))


def test_a_validly_signed_pickle_is_never_unpickled(root, monkeypatch, tmp_path):
    """Whoever knows the key (a restored ~/.cache, a shared runner) still cannot make a run execute code."""
    import hashlib
    import pickle

    later(monkeypatch)
    open_dossier(root)
    cached(root)
    marker = tmp_path / "ran"

    class Bomb:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    key = cache._signing_key()
    assert key is not None
    files = _cache_files(root)
    assert files
    for path in files:  # every file the cache keeps, with a signature that checks
        body = pickle.dumps((b"context", {"entries/ap2007.toml": Bomb()}))
        path.write_bytes(hashlib.blake2b(body, key=key, digest_size=32).digest() + body)
    assert cached(root) == fresh(root)
    assert sorted(e.id for e in open_dossier(root).entries) == ["ap2007", "lake2007", "mnfi2007", "survival2007"]
    assert not marker.exists()
    assert b"pickle" not in Path(cache.__file__).read_bytes() + Path(load.__file__).read_bytes()


def test_swapped_cache_files_are_dropped_not_trusted(root, monkeypatch):
    later(monkeypatch)
    open_dossier(root)  # both files kept, each validly signed
    folder = root / ".dossier-cache"
    index, entries = folder / cache.INDEX_FILE, folder / cache.ENTRIES_FILE
    first, second = index.read_bytes(), entries.read_bytes()
    index.write_bytes(second)
    entries.write_bytes(first)
    assert cached(root) == fresh(root)
    index.write_bytes(second)
    entries.write_bytes(first)
    assert sorted(e.id for e in open_dossier(root).entries) == ["ap2007", "lake2007", "mnfi2007", "survival2007"]


@pytest.mark.parametrize("field", range(12))
def test_a_signed_record_of_the_wrong_shape_is_dropped(root, monkeypatch, field):
    """Any column of the wrong shape (a wrong type anywhere in it) drops the whole file: it is read again."""
    later(monkeypatch)
    open_dossier(root)
    key, context = cache._signing_key(), cache._context(root)
    for name in (cache.INDEX_FILE, cache.ENTRIES_FILE):
        path = root / ".dossier-cache" / name
        kind, data = cache.decode_file(path.read_bytes(), key, context)
        assert isinstance(data, dict)
        columns = sorted(data)
        column = columns[field % len(columns)]
        value = data[column]
        if isinstance(value, list) and value:
            value[-1] = {"not": ["the", "schema"]}
        elif isinstance(value, bytes):
            data[column] = value[:-1]
        else:
            data[column] = [[1.5]]
        path.write_bytes(cache.encode_file(kind, context, data, key))
    reads = Reads(monkeypatch)
    assert cached(root) == fresh(root)
    assert sorted(e.id for e in open_dossier(root).entries) == ["ap2007", "lake2007", "mnfi2007", "survival2007"]
    assert reads.parsed  # read again, not trusted


def _plant_key(tmp_path: Path, mode: int = 0o600, owner: int | None = None) -> Path:
    folder = tmp_path / "user-cache" / "dossiercli"
    folder.mkdir(parents=True, exist_ok=True)
    key = folder / "key"
    key.write_bytes(b"k" * 32)
    key.chmod(mode)
    if owner is not None:
        os.chown(key, owner, -1)
    return key


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o620])
def test_a_key_others_can_read_or_write_is_refused(root, monkeypatch, tmp_path, mode):
    later(monkeypatch)
    key = _plant_key(tmp_path, mode)
    warnings = sorted(line for line in cached(root) if "W007" in line)
    assert len(warnings) == 1 and str(key) in warnings[0] and "the read cache is off" in warnings[0]
    reads = Reads(monkeypatch)
    cached(root)
    assert len(reads.parsed) == 4  # nothing trusted under that key
    assert not (root / ".dossier-cache").exists() or not _cache_files(root)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_a_key_owned_by_someone_else_is_refused(root, monkeypatch, tmp_path):
    later(monkeypatch)
    _plant_key(tmp_path, 0o600, owner=os.geteuid() + 4242)
    assert any("W007" in line and "not yours" in line for line in cached(root))
    reads = Reads(monkeypatch)
    cached(root)
    assert len(reads.parsed) == 4


def test_a_key_folder_others_can_write_is_refused(root, monkeypatch, tmp_path):
    later(monkeypatch)
    key = _plant_key(tmp_path)
    key.parent.chmod(0o777)
    assert any("W007" in line and "the read cache is off" in line for line in cached(root))
    reads = Reads(monkeypatch)
    cached(root)
    assert len(reads.parsed) == 4


def test_a_symlinked_cache_folder_is_never_followed(root, monkeypatch, tmp_path):
    later(monkeypatch)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / ".dossier-cache").symlink_to(elsewhere)
    findings = cached(root)
    assert [line for line in findings if "W007" in line and ".dossier-cache" in line and "symlink" in line]
    assert [line for line in findings if "W007" not in line] == fresh(root)
    open_dossier(root)
    assert list(elsewhere.iterdir()) == []  # nothing written through the link
    assert open_dossier(root).skipped  # and the reading commands warn too


def test_a_cache_path_that_is_a_file_is_left_alone(root, monkeypatch):
    later(monkeypatch)
    (root / ".dossier-cache").write_text("mine\n")
    assert [line for line in cached(root) if "W007" not in line] == fresh(root)
    assert (root / ".dossier-cache").read_text() == "mine\n"


def test_a_failed_save_leaves_no_temporary_file(root, monkeypatch):
    later(monkeypatch)
    import errno

    real_write = os.write

    def full_disk(fd, data):
        if len(data) > 200:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    assert cached(root) == fresh(root)
    open_dossier(root)
    folder = root / ".dossier-cache"
    assert not folder.exists() or not [path.name for path in folder.iterdir() if ".tmp" in path.name]
    assert not folder.exists() or not _cache_files(root)


def test_the_read_path_libraries_are_part_of_the_context(root, monkeypatch):
    """A parser up- or downgrade (TOML 1.1 accepts what 1.0 rejects) must not leave a warm run trusting old records."""
    later(monkeypatch)
    (root / "entries" / "ap2007.toml").write_text(AP + "extra = {note = 'x',}\n", encoding="utf-8")
    lenient = cached(root)  # this parser (TOML 1.1) accepts a trailing comma in an inline table
    assert not [line for line in lenient if "E004" in line]
    versions = dict(load.read_path_libraries())
    assert load._PARSER.name in versions and versions[load._PARSER.name]
    current = load._PARSER

    def toml_1_0(text: str) -> dict:  # the same parser, as its TOML 1.0 release would read
        if ",}" in text.replace(" ", ""):
            raise ValueError("trailing comma in an inline table")
        return current.loads(text)

    monkeypatch.setattr(load, "_PARSER", load.Parser(current.name, current.version + "-1.0", toml_1_0, (ValueError,)))
    reads = Reads(monkeypatch)
    after = cached(root)
    assert after == fresh(root)
    assert any("ap2007.toml:" in line and "E004" in line for line in after)
    assert len(reads.parsed) == 4


def _every_field_set() -> list:
    """Entries that between them set every field of Entry, each in every plain form its kind has."""
    import dataclasses

    from dossiercli.model.dates import PartialDate
    from dossiercli.model.entry import DATE_FIELDS, NAME_FIELDS, TEXT_FIELDS, Entry, Excerpt
    from dossiercli.model.names import Name

    values: dict = {}
    for attr in TEXT_FIELDS.values():
        values[attr] = f"{attr} – ünïcode"
    dates = [
        PartialDate(2007, 1, 3),
        PartialDate(-43, approximate=True, uncertain=True),
        PartialDate(2007, season=2, end=PartialDate(2008, 3)),
        PartialDate(None, literal="thirteenth century"),
    ]
    for index, attr in enumerate(DATE_FIELDS.values()):
        values[attr] = dates[index % len(dates)]
    for attr in NAME_FIELDS.values():
        values[attr] = (Name("Sadr", "Muqtada", "Jr.", "al-", "von"), Name(literal="Multi-National Force-Iraq"))
    del values["title"]  # given first, as every entry has it
    values["tags"] = ("iran", "efp")
    values["extra"] = (("keywords", "a; b"), ("isbn-13", "978"))
    values["excerpts"] = (Excerpt("Text", ("Te",), "LABEL", "A19", "note"), Excerpt("Only text"))
    names = {field.name for field in dataclasses.fields(Entry)} - {"id", "type", "title", "path"}
    assert names == set(values), names ^ set(values)  # a new field must be added here (and to model/plain.py)
    full = Entry("full2007", "book", "Title", **values)
    return [full, Entry("bare", "webpage", "")]


@pytest.mark.parametrize("entry", _every_field_set(), ids=lambda entry: entry.id)
def test_every_field_goes_through_the_cache_as_plain_data_and_back(entry):
    from dossiercli.model.plain import entry_from_plain, entry_to_plain

    plain = entry_to_plain(entry)
    import msgpack

    assert entry_from_plain(msgpack.unpackb(msgpack.packb(plain))) == entry


@pytest.mark.parametrize(
    "bad",
    [
        None,
        [],
        ["id", "book"],
        ["id", "no-such-type", "T"],
        ["id", ["book"], "T"],
        ["id", "book", "T", 9999, "x"],
        ["id", "book", "T", 4],
        ["id", "book", "T", 4, 5],
        ["id", "book", "T", 4, "a", 4, "b"],
        ["id", "book", "T", "4", "a"],
    ],
)
def test_plain_data_of_another_shape_is_refused(bad):
    from dossiercli.model.plain import entry_from_plain, entry_to_plain

    with pytest.raises(ValueError):
        entry_from_plain(bad)
    full = entry_to_plain(_every_field_set()[0])
    for index in range(3, len(full), 2):  # each field's value replaced by one of another kind
        for other in (1.5, {"a": 1}, [[1.5]], ["x", 1], 7):
            broken = [*full[:index], full[index], other, *full[index + 2 :]]
            with pytest.raises(ValueError):
                entry_from_plain(broken)
