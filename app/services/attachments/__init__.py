"""Scanned letters, photos and PDFs on file with requests, referrals and meetings (issue 13 §4)."""
