"""Attachments on screen: one box (list, preview, save, remove, drop, scan) for three owners."""
