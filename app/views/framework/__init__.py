"""The frame every list page shares.

bus.py           the change bus: which records a write touched
master_detail.py the master–detail page (filters, paged table, detail pane, actions, message)
columns.py       a table's columns: default widths, hide/show/reorder/resize, kept per user
notice.py        a one-line notice above the table, with an action
lookups.py       the pick lists a page reads once
words.py         the frame's own words
"""
