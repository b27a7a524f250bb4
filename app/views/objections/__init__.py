"""The citizen's objection in the window: the detail pane's section and the review's decision."""
