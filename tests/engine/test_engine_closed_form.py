"""The fluid engine against closed-form results derived by hand (SPEC §3, PERFORMANCE.md).

One process, demand λ, capacity μ > λ, its only service down for D hours from an empty
queue. Without a fallback: backlog peaks at λD, clears λD/(μ−λ) after recovery, and the
backlog-hours are ½λD²·μ/(μ−λ). FIFO: a case arriving s hours into the outage waits
D − s(μ−λ)/μ, so the cases waiting longer than the norm n are the first (D−n)·μ/(μ−λ) hours
of arrivals: late = λ(D−n)·μ/(μ−λ).
"""

from __future__ import annotations

import pytest

from oefening.decide import Scripted, play
from oefening.engine.decisions import Activate
from oefening.engine.exercise import Exercise
from tests.builders import one_process

LAM, MU = 50.0, 60.0
T0 = 48.0  # the outage starts at 2d


def _run(scenario, decisions=None, seed=0):
    exercise = Exercise(scenario, seed)
    play(exercise, Scripted(decisions) if decisions is not None else None)
    return exercise.result()


def approx(value: float):
    return pytest.approx(value, rel=1e-6, abs=1e-6)


@pytest.mark.parametrize("outage, norm", [(120.0, 48.0), (72.0, 24.0), (200.0, 8.0)])
def test_outage_without_fallback(outage, norm):
    """Peak, clearing time, backlog-hours, late cases and disruption match the closed form."""
    result = _run(one_process(outage_for=outage, norm=norm, mtpd="10w"))
    proc = result["processes"]["uitvoering/uitkeringen"]
    clear = LAM * outage / (MU - LAM)
    assert proc["peak_backlog"] == approx(LAM * outage)
    assert proc["backlog_hours"] == approx(0.5 * LAM * outage**2 * MU / (MU - LAM))
    assert proc["late"] == approx(LAM * (outage - norm) * MU / (MU - LAM))
    assert proc["disrupted_hours"] == approx(outage)
    assert proc["backlog_end"] == approx(0.0)
    assert proc["demand"] == approx(LAM * 60 * 24)
    assert proc["served"] == approx(LAM * 60 * 24)
    assert clear + outage + T0 < 60 * 24  # cleared within the horizon, as the formulas assume


def test_backlog_clears_at_the_computed_moment():
    """The backlog is λD at recovery and reaches zero exactly λD/(μ−λ) later."""
    outage = 120.0
    exercise = Exercise(one_process(outage_for=outage, turn="1h"), 0)
    clear_at = T0 + outage + LAM * outage / (MU - LAM)
    while exercise.now < clear_at - 1:
        exercise.advance()
    assert exercise.snapshot().total_backlog == approx((MU - LAM) * (clear_at - exercise.now))
    exercise.advance()
    assert exercise.snapshot().total_backlog == 0.0


def test_mtpd_breach_time_and_count():
    """A 120 h outage against a 72 h MTPD breaches at 48 h + 72 h = 120 h, once."""
    result = _run(one_process(outage_for=120.0, mtpd="72h"))
    proc = result["processes"]["uitvoering/uitkeringen"]
    assert proc["mtpd_breached"] is True
    assert proc["mtpd_breach_at"] == approx(T0 + 72.0)
    assert result["mtpd_breaches"] == 1
    assert [e for e in result["timeline"] if e["kind"] == "mtpd_breach"] == [
        {"t": T0 + 72.0, "kind": "mtpd_breach", "id": "uitvoering/uitkeringen"}
    ]


def test_disruption_exactly_mtpd_is_no_breach():
    """An outage exactly as long as the MTPD is not longer than it: no breach."""
    result = _run(one_process(outage_for=72.0, mtpd="72h"))
    assert result["processes"]["uitvoering/uitkeringen"]["mtpd_breached"] is False
    assert result["mtpd_breaches"] == 0


@pytest.mark.parametrize("fraction, mbco", [(0.3, 0.5), (0.6, 0.5)])
def test_fallback_after_lead_time(fraction, mbco):
    """Fallback of fraction f activated at the outage's start, counting after lead time L.

    Backlog λL at L, peak B_D = λD − fμ(D−L) (fμ ≤ λ), backlog-hours
    ½λL² + ½(D−L)(λL + B_D) + ½B_D²/(μ−λ). With the window λn, cases become late while the
    backlog exceeds λn: from n (< L) until the backlog falls to λn after recovery.
    Disruption lasts D when f < mbco, and only L when f ≥ mbco.
    """
    outage, lead, norm = 120.0, 24.0, 12.0
    scenario = one_process(
        outage_for=outage, norm=norm, mbco=mbco, mtpd="30h",
        fallbacks=[{"id": "handmatig", "name": "Handmatig", "capacity": fraction, "lead_time": lead}],
        turn="2d",
    )
    # the first turn boundary after the outage starts is 48 h: activate then
    result = _run(scenario, {1: [Activate("uitvoering/uitkeringen/handmatig")]})
    proc = result["processes"]["uitvoering/uitkeringen"]
    f_mu = fraction * MU
    b_lead = LAM * lead
    b_d = LAM * outage - f_mu * (outage - lead)
    area = 0.5 * LAM * lead**2 + 0.5 * (outage - lead) * (b_lead + b_d) + 0.5 * b_d**2 / (MU - LAM)
    window = LAM * norm
    late_until = outage + (b_d - window) / (MU - LAM)
    assert proc["peak_backlog"] == approx(b_d)
    assert proc["backlog_hours"] == approx(area)
    assert proc["late"] == approx(LAM * (late_until - norm))
    if fraction < mbco:
        assert proc["disrupted_hours"] == approx(outage)
        assert proc["mtpd_breach_at"] == approx(T0 + 30.0)
    else:
        assert proc["disrupted_hours"] == approx(lead)
        assert proc["mtpd_breached"] is False
    assert [e["t"] for e in result["timeline"] if e["kind"] == "fallback_ready"] == [approx(T0 + lead)]


def test_late_cases_at_the_horizon_count_only_past_their_norm():
    """Horizon during an outage: cases still waiting count as late only once they waited > n.

    Outage from 48 h to past the horizon at 100 h, norm 20 h: cases arriving in [48, 80] have
    waited more than 20 h at the horizon; those after 80 h have not. Late = λ·32.
    """
    result = _run(one_process(outage_for="10d", norm="20h", horizon="100h"))
    proc = result["processes"]["uitvoering/uitkeringen"]
    assert proc["late"] == approx(LAM * 32.0)
    assert proc["backlog_end"] == approx(LAM * 52.0)
    assert proc["served"] == approx(LAM * 48.0)


def test_no_demand_scores_full_continuity():
    """With no weighted demand at all (Σ w·demand = 0, SPEC §3's formula has nothing to
    divide) nothing can be late: continuity and its projection are 100, while the MTPD
    still counts the outage (docs/model.md, Results)."""
    result = _run(one_process(demand=0.0, outage_for="5d", mtpd="72h"))
    proc = result["processes"]["uitvoering/uitkeringen"]
    assert (proc["demand"], proc["late"], proc["late_projected"]) == (0.0, 0.0, 0.0)
    assert result["continuity"] == 100.0 and result["continuity_projected"] == 100.0
    assert proc["mtpd_breached"] and proc["mtpd_breach_at"] == approx(T0 + 72.0)
