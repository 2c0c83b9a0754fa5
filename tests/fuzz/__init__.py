"""Fuzz targets, one per reader, run outside the unit tests: `python -m tests.fuzz --minutes N`.

See tests/fuzz/__main__.py for the options and tests/fuzz/targets.py for what each target feeds."""
