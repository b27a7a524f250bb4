"""Surge events and the batch work done on them (issue 14 §1)."""
