"""Rendering entries for people: terminal tables here, documents in later modules."""
