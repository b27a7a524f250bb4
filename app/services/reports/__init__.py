"""Reports package."""
