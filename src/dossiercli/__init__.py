"""dossiercli: a citation and footnote manager for research dossiers."""

__version__ = "0.1.0"
