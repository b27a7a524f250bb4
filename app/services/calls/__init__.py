"""Satisfaction calls after closing (issue 13 §3): the call list, recording calls, the rules."""
