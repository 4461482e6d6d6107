"""Who decides at each turn boundary: the :class:`Decider` protocol, plans, scripts, the play loop."""

from oefening.decide.deciders import Decider, PlanDecider, Scripted, step_decision
from oefening.decide.play import collector_paused, play, play_plan, run

__all__ = ["Decider", "PlanDecider", "Scripted", "collector_paused", "play", "play_plan", "run", "step_decision"]
