"""The citizen's objection (اعتراض) to the answer of a closed request."""
