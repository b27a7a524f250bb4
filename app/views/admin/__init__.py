"""Administration: user accounts and the session lock time."""
