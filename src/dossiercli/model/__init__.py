"""The entry model: value types parsed once, used by every command."""

from dossiercli.model.dates import PartialDate
from dossiercli.model.entry import ENTRY_TYPES, Entry, EntryType, Excerpt
from dossiercli.model.names import Name

__all__ = ["ENTRY_TYPES", "Entry", "EntryType", "Excerpt", "Name", "PartialDate"]
