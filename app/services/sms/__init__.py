"""Messages to citizens (issue 14 §3): the outbox, its templates and the sender."""
