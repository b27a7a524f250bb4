"""How long a GUI test waits for a condition: sized for a loaded two-core machine, not a fast one.

A wait ends as soon as its condition holds, so a generous limit costs nothing when things go well;
it only decides how long a real failure takes to be reported.
"""

WAIT_MS = 20_000


def background_idle() -> bool:
    """No background job of the window is running or waiting to report (a condition to wait on)."""
    from app.views import background

    running = getattr(background, "_running", None)
    pool = getattr(background, "_pool", None)
    return not running and (pool is None or pool.activeThreadCount() == 0)
