"""Checks of a scenario's teams and coordination (issue 13), and who decides what.

Every organisation is in at most one team, every action listed by at most one team (or the
coordination), ids unique among teams and the coordination, a coordination only with teams,
a team-specific inject naming known teams. :func:`owner_of_fallback` and
:func:`owner_of_action` say which team decides for a fallback or an action (None: no team,
so only the facilitator).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oefening.scenario.model import Path, Scenario
    from oefening.scenario.references import Names


def team_problems(scenario: Scenario, names: Names) -> Iterator[tuple[Path, str]]:
    """Unknown and duplicate ids in ``teams`` and ``coordination``, at the key concerned."""
    from oefening.scenario.references import _unknown

    organisations = {org.id for org in scenario.organisations}
    players: dict[str, str] = {}
    in_team: dict[str, str] = {}
    action_of: dict[str, str] = {}
    for t, team in enumerate(scenario.teams):
        if team.id in players:
            yield ("teams", t, "id"), f"duplicate team id {team.id!r}"
        players.setdefault(team.id, team.id)
        for o, org in enumerate(team.organisations):
            if org not in organisations:
                yield ("teams", t, "organisations", o), _unknown("organisation", org, organisations)
            elif org in in_team:
                yield ("teams", t, "organisations", o), (
                    f"organisation {org!r} is already in team {in_team[org]!r}; an organisation is in at most one team")
            else:
                in_team[org] = team.id
        yield from _actions(team.actions, ("teams", t, "actions"), team.id, names, action_of)
    coordination = scenario.coordination
    if coordination is not None:
        if not scenario.teams:
            yield ("coordination",), "a coordination needs teams to coordinate; add teams or remove it"
        if coordination.id in players:
            yield ("coordination", "id"), f"the coordination's id {coordination.id!r} is a team's id already"
        players[coordination.id] = coordination.id
        yield from _actions(coordination.actions, ("coordination", "actions"), coordination.id, names, action_of)
        for p, power in enumerate(coordination.powers):
            if power in coordination.powers[:p]:
                yield ("coordination", "powers", p), f"power {power!r} is listed twice"
        if coordination.reserve > 0 and "budget" not in coordination.powers:
            yield ("coordination", "reserve"), "a reserve needs the power 'budget' to release it"
    for i, event in enumerate(scenario.events):
        if event.inject is None:
            continue
        for k, team_id in enumerate(event.inject.teams):
            if team_id not in players:
                where = ("events", i, "inject", "teams", k)
                yield where, (_unknown("team", team_id, players) if players
                              else f"unknown team {team_id!r}; the scenario has no teams")


def _actions(actions: list[str], path: Path, owner: str, names: Names,
             action_of: dict[str, str]) -> Iterator[tuple[Path, str]]:
    from oefening.scenario.references import _unknown

    for a, action in enumerate(actions):
        if action not in names.actions:
            yield (*path, a), _unknown("action", action, names.actions)
        elif action in action_of:
            yield (*path, a), (f"action {action!r} is already {action_of[action]!r}'s; "
                               "an action belongs to at most one team")
        else:
            action_of[action] = owner


def owner_of_fallback(scenario: Scenario, ref: str) -> str | None:
    """The team deciding for the fallback (or process) ``ref`` (None: no team)."""
    org = ref.split("/")[0]
    for team in scenario.teams:
        if org in team.organisations:
            return team.id
    return None


def owner_of_action(scenario: Scenario, action: str) -> str | None:
    """The team (or the coordination) that takes the action (None: the facilitator only)."""
    for team in scenario.teams:
        if action in team.actions:
            return team.id
    if scenario.coordination is not None and action in scenario.coordination.actions:
        return scenario.coordination.id
    return None
