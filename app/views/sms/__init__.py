"""The «پیامک‌ها» dialog: the outbox, the templates and the gateway (issue 14 §3)."""
