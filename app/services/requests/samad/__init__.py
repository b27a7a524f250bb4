"""Samad package."""
