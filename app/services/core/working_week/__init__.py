"""The office's own working week: rest days, holidays, agencies' answer periods."""
