"""The fluid queue of a process whose order of service can be chosen: first in, first out, or
triage (the cases that can still make the norm first).

The waiting cases are two queues. *Fresh* cases have waited at most ``norm``: they are the
last F arrivals not yet served (a contiguous stretch of the arrival stream, served oldest
first), and G = A(t) − A(t − norm) − F ≥ 0 is how far the oldest of them is from turning late.
*Late* cases (L) have waited longer than ``norm``, in the order they turned late. A case
turns late when it is still fresh at age ``norm``: while G = 0 the oldest fresh case is at
that age, and the cases arriving at t − norm (rate λ_h) turn late unless they are served.

- ``fifo``: the late queue is served first (its cases are the oldest); only when it is empty
  do fresh cases get the capacity. This is exactly :class:`~oefening.engine.flow.Flow`.
- ``triage``: fresh cases first; the late queue gets what capacity the arrivals leave.
  While G = 0 the capacity μ serves cases at age ``norm``, so cases turn late at λ_h − μ
  instead of λ_h.

Every rate is constant between the kinks (F, G or L reaching 0, a breakpoint of the demand
history shifted by ``norm``, a change of rates), so the integration is exact. A late case's
wait is ``norm`` plus its time in the late queue: Σ (wait − norm) = ∫ L dt, and the longest
wait is the age of the late queue's oldest case, tracked on the history of entries into it.
Switching the order of service (:meth:`TriageFlow.set_discipline`) is exact, since both
orders share this state.
"""

from __future__ import annotations

import math
from typing import Final

from oefening.engine.flow import Flow

INF: Final = math.inf


class TriageFlow(Flow):
    """A :class:`Flow` with a fresh and a late queue, served fifo or triage."""

    __slots__ = ("_eE", "_er", "_et", "_ke", "discipline", "fresh", "gap", "late_backlog", "served_late")

    def __init__(self, norm: float, lam: float, mu: float, t0: float = 0.0, discipline: str = "fifo") -> None:
        super().__init__(norm, lam, mu, t0)
        self.discipline = discipline
        self.fresh = 0.0          # F: waiting at most norm
        self.gap = 0.0            # G: A(t) − A(t − norm) − F
        self.late_backlog = 0.0   # L: waiting longer than norm
        self.served_late = 0.0    # late cases served so far
        # entries into the late queue: from _et[k] on, entered = _eE[k] + _er[k]·(u − _et[k])
        self._et = [t0]
        self._eE = [0.0]
        self._er = [0.0]
        self._ke = 0
        self._kh = 1 << 62        # the fifo head pointer of Flow is not used: never hold back trimming

    def _empty(self) -> Flow:
        return TriageFlow(self.norm, self.lam, self.mu, self.t)

    def _take(self, other: Flow) -> None:
        super()._take(other)
        assert isinstance(other, TriageFlow)
        self._eE = other._eE
        self._er = other._er
        self._et = other._et
        self._ke = other._ke
        self.discipline = other.discipline
        self.fresh = other.fresh
        self.gap = other.gap
        self.late_backlog = other.late_backlog
        self.served_late = other.served_late

    def _copy(self) -> Flow:
        view = super()._copy()
        assert isinstance(view, TriageFlow)
        view._et, view._eE, view._er = list(self._et), list(self._eE), list(self._er)
        return view

    def add_work(self, t: float, cases: float) -> None:
        """Work arriving at once joins the fresh queue (it has waited nothing yet)."""
        self.advance(t)
        if cases <= 0.0:
            return
        super().add_work(t, cases)
        self.fresh += cases

    def set_discipline(self, t: float, discipline: str) -> None:
        """From time ``t`` on, serve in this order: fifo or triage."""
        self.advance(t)
        self.discipline = discipline

    # -- the regime ---------------------------------------------------------------------

    def _rates(self, lam_h: float) -> tuple[float, float, float, float, float]:
        """dF/dt, dG/dt, the rate of turning late, fresh served and late served, now."""
        lam, mu, f, g, late = self.lam, self.mu, self.fresh, self.gap, self.late_backlog
        pinned = g <= 0.0 and mu <= lam_h          # the oldest fresh case is at age norm
        if self.discipline == "fifo" and (late > 0.0 or (pinned and mu < lam_h and (f > 0.0 or lam > mu))):
            # the late queue first: fresh cases wait behind it
            if g <= 0.0:
                return lam - lam_h, 0.0, lam_h, 0.0, mu
            return lam, -lam_h, 0.0, 0.0, mu
        if f > 0.0 or lam > mu:
            if pinned:
                return lam - lam_h, 0.0, lam_h - mu, mu, 0.0
            return lam - mu, mu - lam_h, 0.0, mu, 0.0
        # nothing fresh waits: arrivals are served at once, what is left goes to the late queue
        spare = mu - lam if late > 0.0 else 0.0
        return 0.0, lam - lam_h, 0.0, lam, spare

    # -- integrating --------------------------------------------------------------------

    def advance(self, t1: float) -> None:
        t = self.t
        if t1 <= t:
            return
        lam, norm = self.lam, self.norm
        f, g, late_q = self.fresh, self.gap, self.late_backlog
        while t < t1:
            _, lam_h, next_break = self._lagged(t - norm)
            self.fresh, self.gap, self.late_backlog = f, g, late_q
            d_f, d_g, d_late, serve_f, serve_l = self._rates(lam_h)
            d_l = d_late - serve_l
            end = min(t1, next_break + norm)
            if end <= t:  # a breakpoint at t itself, up to rounding: step past it
                self._k += 1
                continue
            hit = ""
            for name, value, slope in (("f", f, d_f), ("g", g, d_g), ("l", late_q, d_l)):
                if slope < 0.0 and value > 0.0:
                    at = t + value / -slope
                    if at < end - 1e-12 * max(1.0, abs(end)):  # at the boundary itself, up to rounding: there
                        end, hit = at, name
            dt = end - t
            f_end = 0.0 if hit == "f" else max(0.0, f + d_f * dt)
            g_end = 0.0 if hit == "g" else max(0.0, g + d_g * dt)
            l_end = 0.0 if hit == "l" else max(0.0, late_q + d_l * dt)
            b, b_end = f + late_q, f_end + l_end
            self._enter(t, d_late)
            self._oldest_late(t, end, late_q, l_end, serve_l)
            self.late_wait += (late_q + l_end) * dt / 2
            self.late += d_late * dt
            self.served_late += serve_l * dt
            self.backlog_hours += (b + b_end) * dt / 2
            self.arrived += lam * dt
            self.served += (serve_f + serve_l) * dt
            if b_end > self.peak:
                self.peak = b_end
            if self._jumps is not None and end == next_break + norm and next_break in self._jumps:
                # work entered at once norm ago leaves the window: what is still fresh turns late
                jump = self._jumps[next_break]
                over = jump - g_end
                g_end = max(0.0, g_end - jump)
                if over > 1e-9 * jump:  # less is rounding of the gap
                    over = min(over, f_end)
                    f_end -= over
                    l_end += over
                    self.late += over
                    if self.late_wait_max < norm:   # they have waited the norm, no longer: the longest wait so far
                        self.late_wait_max = norm
                    self._et.append(end)
                    self._eE.append(self.late)
                    self._er.append(self._er[-1])
            if self._log is not None:
                self._log.append((end, self.served))
            if l_end == 0.0:  # every late case served: the next one enters after now
                self.served_late = self.late
                self._ke = len(self._et) - 1
            f, g, late_q, t = f_end, g_end, l_end, end
        self.fresh, self.gap, self.late_backlog = f, g, late_q
        self.backlog = f + late_q
        self.t = t1

    def _enter(self, t: float, rate: float) -> None:
        """Record the rate at which cases enter the late queue from ``t`` on."""
        if rate == self._er[-1]:
            return
        if self._et[-1] == t:
            self._er[-1] = rate
        else:
            self._et.append(t)
            self._eE.append(self.late)
            self._er.append(rate)

    def _oldest_late(self, a: float, b: float, l_a: float, l_b: float, rate: float) -> None:
        """The longest wait of a late case over [a, b]: ``norm`` + the time the oldest case of
        the late queue has spent in it, at the end of the piece and whenever the late cases
        served pass a kink of the entries (the only places it can peak)."""
        if l_a <= 0.0 and l_b <= 0.0:
            return
        et, e_cum, er = self._et, self._eE, self._er
        last = len(et) - 1
        s_a = self.served_late
        s_b = s_a + rate * (b - a)
        k = last if l_a <= 0.0 else self._ke   # from an empty late queue: its next case enters now
        longest = self.late_wait_max - self.norm
        while k < last and e_cum[k + 1] <= s_b:
            k += 1
            if rate > 0.0 and e_cum[k] > s_a:
                longest = max(longest, a + (e_cum[k] - s_a) / rate - et[k])
        while k < last and er[k] <= 0.0 and e_cum[k + 1] <= s_b:
            k += 1
        entry = et[k] + (s_b - e_cum[k]) / er[k] if er[k] > 0.0 else et[k]
        if k < last and (entry > et[k + 1] or er[k] <= 0.0):  # cases that turned late at once there
            entry = et[k + 1]
        longest = max(longest, b - max(entry, et[k]))
        if k > 64 and not self._view:
            del et[:k], e_cum[:k], er[:k]
            k = 0
        self._ke = k
        if longest > 1e-9 * max(1.0, self.norm):  # less is rounding, not a late case
            self.late_wait_max = self.norm + longest

    # -- looking ahead ------------------------------------------------------------------

    def _now(self) -> tuple[tuple[float, float, float, float, float], float]:
        _, lam_h, next_break = self._lagged(self.t - self.norm)
        return self._rates(lam_h), next_break + self.norm

    def late_rate(self) -> float:
        return self._now()[0][2]

    def backlog_slope(self) -> float:
        (d_f, _, d_late, _, serve_l), _ = self._now()
        return d_f + d_late - serve_l

    def service_rate(self) -> float:
        (_, _, _, serve_f, serve_l), _ = self._now()
        return serve_f + serve_l

    def drained(self, t: float) -> None:
        self.advance(t)
        if self.backlog <= 1e-9 * max(1.0, self.mu):
            self.fresh = self.late_backlog = self.backlog = 0.0

    def next_kink(self) -> float:
        (d_f, d_g, d_late, _, serve_l), kink = self._now()
        t = self.t
        for value, slope in ((self.fresh, d_f), (self.gap, d_g), (self.late_backlog, d_late - serve_l)):
            if slope < 0.0 and value > 0.0:
                kink = min(kink, t + value / -slope)
        return kink

    def late_projected(self) -> float:
        """The late cases plus the fresh cases waiting now that will turn late when served at
        the current capacity in this order (behind the late queue under fifo)."""
        ahead = self.late_backlog if self.discipline == "fifo" else 0.0
        return self._projected(self.fresh, ahead)
