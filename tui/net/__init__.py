"""What every network feature of debatemap shares: the token, the Host allow-list, the
Origin check, connection bounds and log lines a terminal cannot act on."""
