"""Review package."""
