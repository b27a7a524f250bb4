"""Pol (پل): the governorate's desk for citizens' requests, referrals and public meetings."""

__version__ = "0.1.0"
