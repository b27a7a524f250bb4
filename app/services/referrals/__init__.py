"""Referrals package."""
