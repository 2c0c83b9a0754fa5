"""A `.dossier-cache` committed as a symlink is never followed, by any command: nothing is written where it points.

The read cache turns itself off with a warning (test_cache_hostile.py); the lock and the link and verify
caches refuse with one line naming the link, since writing through it would write outside the dossier.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LAKE, write_dossier
from linkserver import start_server


@pytest.fixture
def linked(tmp_path: Path):
    server, state = start_server()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    root = write_dossier(tmp_path / "d", {"lake2007": LAKE.replace("http://www.nysun.com/article/46032", f"{base}/ok")})
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / ".dossier-cache").symlink_to(outside, target_is_directory=True)
    yield root, outside
    server.shutdown()


@pytest.mark.parametrize(
    "args",
    [
        ["tag", "lake2007", "+x"],
        ["excerpt", "lake2007", "--text", "A passage."],
        ["check-urls", "--allow-private", "--retries", "0"],
        ["verify", "--allow-private", "--retries", "0"],
        ["validate"],
        ["list"],
    ],
    ids=lambda args: args[0],
)
def test_nothing_is_written_through_a_symlinked_cache_folder(run, linked, args):
    root, outside = linked
    result = run(*args, "--dir", root)
    assert "internal error" not in result.output and "Traceback" not in result.output, result.output
    assert list(outside.iterdir()) == [], args
    if args[0] in ("tag", "excerpt", "check-urls", "verify"):
        assert result.exit_code == 2, result.output
        line = result.stderr.strip().splitlines()[-1]  # after the read cache's own warning, if any
        assert line.startswith("dossier: error:") and ".dossier-cache" in line and "not followed" in line, line
    else:
        assert "symlink" in result.output and result.exit_code in (0, 1), result.output


@pytest.mark.parametrize("name", ["links.json", "verify.json"])
def test_a_planted_deeply_nested_link_cache_is_dropped_not_a_crash(run, tmp_path, name):
    from linkserver import start_server

    server, _ = start_server()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        root = write_dossier(
            tmp_path / "d", {"lake2007": LAKE.replace("http://www.nysun.com/article/46032", f"{base}/ok")}
        )
        (root / ".dossier-cache").mkdir()
        (root / ".dossier-cache" / name).write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
        command = "check-urls" if name == "links.json" else "verify"
        result = run(command, "--dir", root, "--allow-private", "--retries", "0")
    finally:
        server.shutdown()
    assert "internal error" not in result.output and result.exit_code in (0, 1), result.output
