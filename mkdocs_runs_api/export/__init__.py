"""Exporters that write the reference for other docs tools (Mintlify)."""
