"""Converters at the edge: other formats to and from the one entry model."""
