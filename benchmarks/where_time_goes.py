"""Where the time goes: cProfile of one command in this process, the top functions by own time.

    python benchmarks/where_time_goes.py validate-cold DOSSIER      # no cache, one process
    python benchmarks/where_time_goes.py validate-warm DOSSIER      # from the cache
    python benchmarks/where_time_goes.py list DOSSIER               # piped
    python benchmarks/where_time_goes.py notes DOSSIER
    python benchmarks/where_time_goes.py show DOSSIER ID

Shares are of the profiled time (cProfile slows Python code more than C code: read them as
proportions). The findings are written up in benchmarks/README.md.
"""

from __future__ import annotations

import contextlib
import cProfile
import io
import os
import pstats
import sys


def main() -> None:
    what, root, *rest = sys.argv[1:]
    if what == "validate-cold":
        os.environ["DOSSIER_NO_CACHE"] = "1"
        os.environ["DOSSIER_JOBS"] = "1"
        args = ["validate", "-q", "--dir", root]
    elif what == "validate-warm":
        args = ["validate", "-q", "--dir", root]
    elif what == "show":
        args = ["show", rest[0], "--dir", root]
    else:
        args = [what, "--dir", root]
    from dossiercli.cli import main as cli

    if what == "validate-warm":  # fill the cache first
        with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):
            cli(args)
    profile = cProfile.Profile()
    with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):
        profile.enable()
        cli(args)
    profile.disable()
    stats = pstats.Stats(profile)
    total = stats.total_tt
    print(f"{' '.join(args)}: {total:.2f} s profiled")
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:15]
    for (filename, line, name), (_, calls, own, cumulative, _) in rows:
        where = filename.split("site-packages/")[-1].split("src/")[-1]
        print(f"{own / total:6.1%} own {cumulative / total:6.1%} cum {calls:>8} calls  {where}:{line}({name})")


if __name__ == "__main__":
    main()
