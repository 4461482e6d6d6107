"""The panels of the turn screen, by feature: status line, processes, suppliers and services,
trend, decisions, what is under way, and the message feed."""
