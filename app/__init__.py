"""The shell around the domain: settings, seed files, wiring of the Telegram Application."""
