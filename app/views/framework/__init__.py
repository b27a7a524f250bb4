"""The frame every page and form shares: the change bus, the master–detail page, the form base."""
