"""The simulation engine: a fluid, event-driven model of SPEC §3 on simpy, steppable turn by turn."""
