"""The URL checker: concurrent, polite (per-host limits, Retry-After), safe (no private addresses)."""
