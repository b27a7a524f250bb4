"""The secretariat's letters: numbers from the office's pattern and the official letter itself."""
