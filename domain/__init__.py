"""Pure domain: tickets, the org tree, parsing, routing. No I/O, no clock, no Telegram."""
