"""Use cases: report, claim, resolve, rate, digest… Each runs one transaction and fills the outbox."""
