"""Turning sheet grids into the typed model."""
