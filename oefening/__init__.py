"""oefening: crisis exercises and tabletop simulation of ICT-supplier outages."""

__version__ = "0.1.0"
