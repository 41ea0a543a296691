"""DRF plumbing: the exception handler, parsers, schema, pagination, fields, idempotency."""
