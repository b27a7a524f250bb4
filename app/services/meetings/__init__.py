"""Meetings package."""
