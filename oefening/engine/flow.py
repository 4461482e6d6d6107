"""The fluid queue of one process: backlog, served and late cases, integrated exactly.

Between two state changes the arrival rate λ and the capacity μ are constant, so the
backlog B is piecewise linear: dB/dt = λ − μ while B > 0 or λ > μ, else B stays 0 and every
case is handled at once. :meth:`Flow.advance` integrates from the last update to a later
time in closed form, splitting only where B reaches zero.

Late cases (SPEC §3, first in, first out). With cumulative arrivals A(t) and departures
S(t), the case arriving at s leaves when S reaches A(s); it is late when it is still waiting
at s + norm. So cases become late at time t at the rate λ(t − norm) while
X(t) = A(t − norm) − S(t) = B(t) − (A(t) − A(t − norm)) > 0. X is linear between the kinks of B
and the breakpoints of the demand history shifted by ``norm``, so the late count is
integrated exactly too. Counting at the moment a case's wait passes ``norm`` gives the
horizon rule for free: a case still waiting at the horizon is late only once its wait
already exceeds ``norm``.
"""

from __future__ import annotations

import bisect
import math
from typing import Final

INF: Final = math.inf
# The shortcuts of Flow.advance (a piece where nothing waits, written out; a piece with a
# backlog on the last segment of the demand history, Flow._late_last); a test turns them off
# (SHORTCUTS[0] = False): no bit changes. A list, not a class attribute: compiled, that would
# be a field each flow sets when made, which a test could not reach.
SHORTCUTS: Final = [True]


def _turning_late(late: float, late_wait: float, waiting: float, window: float, slope: float, lam_h: float,
                  width: float) -> tuple[float, float, bool]:
    """``late`` and ``late_wait`` with what a stretch of ``width`` adds where the cases that
    arrived ``norm`` ago arrived at ``lam_h``, and the cases waiting longer than the norm,
    X = ``waiting`` − ``window`` (the backlog less the arrivals of the last ``norm``), change
    at ``slope``: where X > 0 those cases turn late (SPEC §3), and ∫ X⁺ is what they add to
    the waits past the norm. True when X > 0 somewhere in it."""
    x_p = waiting - window
    x_q = x_p + slope * width
    tol = 1e-12 * (abs(waiting) + abs(window))
    if x_p > tol:
        if x_q > tol:
            return late + lam_h * width, late_wait + (x_p + x_q) * width / 2, True
        return late + lam_h * (x_p / -slope), late_wait + x_p * x_p / -slope / 2, True
    if x_q > tol:
        return late + lam_h * (x_q / slope), late_wait + x_q * x_q / slope / 2, True
    return late, late_wait, False


class Flow:
    """Backlog and its integrals for one process, advanced lazily to the time asked."""


    __slots__ = (
        "_A_last", "_hA", "_hl", "_ht", "_jumps", "_k", "_kh", "_l_last", "_log", "_switch", "_t_last", "_view",
        "arrived", "backlog", "backlog_hours", "lam", "late", "late_wait", "late_wait_max", "mu", "norm", "peak",
        "reentered", "served", "t",
    )

    def __init__(self, norm: float, lam: float, mu: float, t0: float = 0.0) -> None:
        self.t = t0
        self.lam = lam
        self.mu = mu
        self.norm = norm
        self.backlog = 0.0
        self.arrived = 0.0
        self.served = 0.0
        self.late = 0.0
        self.backlog_hours = 0.0
        self.peak = 0.0
        self.reentered = 0.0       # work entered again (lost data, after-work): in ``arrived``, not demand
        self._jumps: dict[float, float] | None = None   # history breakpoint → work entered at once there
        self._log: list[tuple[float, float]] | None = None   # (time, served) at every piece's end
        self.late_wait = 0.0       # Σ over late cases of their wait beyond the norm (so far)
        self.late_wait_max = 0.0   # the longest wait of a late case (so far)
        # The demand history: from _ht[k] on, cumulative arrivals are _hA[k] + _hl[k]·(s − _ht[k]).
        # The first segment stands for the time before the start, when nothing arrives.
        self._ht = [t0 - norm - 1.0, t0]
        self._hA = [0.0, 0.0]
        self._hl = [0.0, lam]
        # the last segment again, as plain numbers: _ht[-1], _hA[-1], _hl[-1] (read at every
        # piece with a backlog; a list holds boxed numbers)
        self._t_last = t0
        self._A_last = 0.0
        self._l_last = lam
        self._k = 0
        self._kh = 0         # the history piece holding the oldest waiting case
        self._view = False   # a read-only copy shares the history and must not trim it
        self._switch = INF   # the next moment the flow changes its own rates (_turned): none

    def at(self, t: float) -> Flow:
        """The flow as it will be at ``t``, leaving this one as it is.

        Reading must never change a run: integrating [a, c] in one step or as [a, b] + [b, c]
        differs in the last bits, so a screen or a plan that looked at the state would shift
        the result. Only changes of state advance a flow itself.
        """
        if t <= self.t:
            return self
        view = self._copy()
        view._view = True
        view.advance(t)
        return view

    def _copy(self) -> Flow:
        """A copy sharing the demand history (which a view only reads), without the log of
        cases served: a view would add its own pieces to the flow's (and so change what a
        service's recovery point takes later, a screen changing the run)."""
        view = self._empty()
        view._take(self)
        view._log = None
        return view

    def _empty(self) -> Flow:
        """A new flow of this class, to :meth:`_take` another's state."""
        return Flow(self.norm, self.lam, self.mu, self.t)

    def _take(self, other: Flow) -> None:
        """Every field of ``other`` (each class adds its own; written out, not looped over
        ``__slots__``, so that mypyc compiles it: tests/engine/test_compiled.py checks none
        is missed)."""
        self._A_last = other._A_last
        self._hA = other._hA
        self._hl = other._hl
        self._ht = other._ht
        self._jumps = other._jumps
        self._k = other._k
        self._kh = other._kh
        self._l_last = other._l_last
        self._log = other._log
        self._switch = other._switch
        self._t_last = other._t_last
        self._view = other._view
        self.arrived = other.arrived
        self.backlog = other.backlog
        self.backlog_hours = other.backlog_hours
        self.lam = other.lam
        self.late = other.late
        self.late_wait = other.late_wait
        self.late_wait_max = other.late_wait_max
        self.mu = other.mu
        self.norm = other.norm
        self.peak = other.peak
        self.reentered = other.reentered
        self.served = other.served
        self.t = other.t

    # -- changing the rates -------------------------------------------------------------

    def set_demand(self, t: float, lam: float) -> None:
        """From time ``t`` on, cases arrive at ``lam`` per hour."""
        self.advance(t)
        self._demand_from(t, lam)

    def _demand_from(self, t: float, lam: float) -> None:
        """:meth:`set_demand` on a flow integrated to ``t`` already."""
        if lam == self.lam:
            return
        self.lam = lam
        self._l_last = lam
        if self._t_last == t:
            self._hl[-1] = lam
        else:
            self._t_last = t
            self._A_last = self.arrived
            self._ht.append(t)
            self._hA.append(self.arrived)
            self._hl.append(lam)

    def add_work(self, t: float, cases: float) -> None:
        """At time ``t``, ``cases`` of work arrive at once (work to do again): they join the
        back of the queue as cases arriving at ``t``, and count in ``reentered``, not demand."""
        self.advance(t)
        if cases <= 0.0:
            return
        self.arrived += cases
        self.reentered += cases
        self.backlog += cases
        if self.backlog > self.peak:
            self.peak = self.backlog
        if self._t_last == t:
            self._A_last += cases
            self._hA[-1] = self._A_last
        else:
            self._t_last = t
            self._A_last = self.arrived
            self._l_last = self.lam
            self._ht.append(t)
            self._hA.append(self.arrived)
            self._hl.append(self.lam)
        if self._jumps is None:
            self._jumps = {}
        self._jumps[t] = self._jumps.get(t, 0.0) + cases

    def keep_log(self) -> None:
        """Keep the cumulative number served at every change, so :meth:`served_at` can look back."""
        if self._log is None:
            self._log = [(self.t, self.served)]

    def served_at(self, s: float) -> float:
        """Cases served up to time ``s`` (≤ now), from the log (exact: linear between entries)."""
        assert self._log is not None
        log = self._log
        if s <= log[0][0]:
            return log[0][1] if s == log[0][0] else 0.0
        i = bisect.bisect_left(log, (s, -INF))
        if i < len(log) and log[i][0] == s:
            return log[i][1]
        if i >= len(log):
            return self.served
        (t_a, s_a), (t_b, s_b) = log[i - 1], log[i]
        return s_a + (s_b - s_a) * (s - t_a) / (t_b - t_a)

    def set_capacity(self, t: float, mu: float) -> None:
        """From time ``t`` on, cases are handled at up to ``mu`` per hour."""
        self.advance(t)
        self.mu = mu

    # -- integrating --------------------------------------------------------------------

    def advance(self, t1: float) -> None:
        """Integrate every quantity up to ``t1`` with the current rates (and those the flow
        turns to by itself on the way, at each ``_switch`` up to ``t1``: :meth:`_turned`)."""
        t = self.t
        if t1 <= t:
            return
        lam, mu, b = self.lam, self.mu, self.backlog
        switch = self._switch
        fast = SHORTCUTS[0]
        if b == 0.0 and lam <= mu and fast and t1 < switch:
            # the common piece, written out: nothing waits and nothing will (the loop's last
            # branch, with the terms that add 0 left out: the same numbers, bit for bit)
            dt = t1 - t
            self.arrived += lam * dt
            self.served += lam * dt
            self._kh = len(self._ht) - 1
            if self._log is not None:
                self._log.append((t1, self.served))
            self.backlog = 0.0
            self.t = t1
            return
        ht, log = self._ht, self._log
        # the running sums kept in locals and written back once (the same additions in the
        # same order: the same numbers)
        hours, arrived, served, peak = self.backlog_hours, self.arrived, self.served, self.peak
        while True:
            stop = t1 if t1 < switch else switch   # integrated to it in pieces, then the rates turn
            while t < stop:
                if b > 0.0 and lam < mu:
                    t_zero = t + b / (mu - lam)
                    end = t_zero if t_zero < stop else stop
                    b_end = 0.0 if end == t_zero else b + (lam - mu) * (end - t)
                    rate = mu
                elif b > 0.0 or lam > mu:
                    end, rate = stop, mu
                    b_end = b + (lam - mu) * (stop - t)
                else:
                    end, rate, b_end = stop, lam, 0.0
                    self._kh = len(ht) - 1   # nothing waits: the next case arrives after now
                if b > 0.0 or b_end > 0.0:
                    last = len(ht) - 1
                    if b == 0.0:
                        self._kh = last
                    if fast and self._k == last and self._kh == last and last <= 64:
                        self._late_last(t, end, b, rate, arrived, served)
                    elif self._late_over(t, end, b, rate, arrived):  # only then can a case wait longer than norm
                        self._oldest_over(t, end, rate, served)
                dt = end - t
                hours += (b + b_end) * dt / 2
                arrived += lam * dt
                served += rate * dt
                if b_end > peak:
                    peak = b_end
                if b_end == 0.0:  # everything served: the next case arrives after now
                    self._kh = len(ht) - 1
                if log is not None:
                    log.append((end, served))
                b, t = b_end, end
            if t1 < switch or switch == INF:
                break
            mu = self._turned()   # at ``switch`` (≤ t1): the flow's own next rates
            switch = self._switch
        self.backlog_hours, self.arrived, self.served, self.peak = hours, arrived, served, peak
        self.backlog = b
        self.t = t1

    def _turned(self) -> float:
        """At ``_switch``: turn to the rates the flow has from then on, set the next
        ``_switch``, and say the capacity now (a plain flow has no such moment)."""
        self._switch = INF
        return self.mu

    def _lagged(self, s: float) -> tuple[float, float, float]:
        """Arrivals up to ``s``, the arrival rate at ``s``, and the next breakpoint after ``s``."""
        ht = self._ht
        k = self._k
        last = len(ht) - 1
        while k < last and ht[k + 1] <= s:
            k += 1
        if k > 64 and self._kh > 64 and not self._view:
            m = min(k, self._kh)
            del ht[:m], self._hA[:m], self._hl[:m]
            k -= m
            self._kh -= m
            last = len(ht) - 1
        self._k = k
        lam_h = self._hl[k]
        next_break = ht[k + 1] if k < last else INF
        return self._hA[k] + lam_h * (s - ht[k]), lam_h, next_break

    def _late_over(self, a: float, b: float, b_a: float, rate: float, arrived: float) -> bool:
        """Add the cases that become late in [a, b], where B is linear from ``b_a`` and
        ``arrived`` cases have arrived by ``a``; True when some case waited longer than the
        norm in it."""
        lam, norm = self.lam, self.norm
        ht, hA, hl, jumps = self._ht, self._hA, self._hl, self._jumps
        late, late_wait = self.late, self.late_wait
        p = a
        some = False
        while p < b:
            # self._lagged(p - norm), written out: this runs at every piece with a backlog
            s = p - norm
            k = self._k
            last = len(ht) - 1
            next_break = ht[k + 1] if k < last else INF   # each breakpoint read once
            while k < last and next_break <= s:
                k += 1
                next_break = ht[k + 1] if k < last else INF
            if k > 64 and self._kh > 64 and not self._view:
                m = min(k, self._kh)
                del ht[:m], hA[:m], hl[:m]
                k -= m
                self._kh -= m
                last = len(ht) - 1
            self._k = k
            lam_h = hl[k]
            a_lag = hA[k] + lam_h * (s - ht[k])
            q = next_break + norm
            if q > b:
                q = b
            if q <= p:  # the breakpoint is at p itself, up to rounding: step past it
                self._k += 1
                continue
            waiting = b_a + (lam - rate) * (p - a)
            window = arrived + lam * (p - a) - a_lag
            slope = lam_h - rate
            late, late_wait, over = _turning_late(late, late_wait, waiting, window, slope, lam_h, q - p)
            if over:
                some = True
            if jumps is not None and q == next_break + norm and next_break in jumps:
                x_q = waiting - window + slope * (q - p)   # X at q, as _turning_late has it
                jump = jumps[next_break]   # those of them still waiting are late now
                if x_q + jump > 0.0:
                    late += min(jump, x_q + jump)
                    some = True
            p = q
        self.late, self.late_wait = late, late_wait
        return some

    def _late_last(self, a: float, b: float, b_a: float, rate: float, arrived: float, s_a: float) -> None:
        """:meth:`_late_over`, then :meth:`_oldest_over` when some case waited longer than the
        norm, for a piece where both the cases arriving ``norm`` ago and the oldest waiting case
        are on the last segment of the demand history (``_k`` = ``_kh`` = the last index, with
        nothing to trim): their loops pass once, and the segment is read from ``_t_last``,
        ``_A_last`` and ``_l_last``. Written out: the same operations in the same order, the
        same numbers, bit for bit (a test compares with SHORTCUTS off)."""
        norm = self.norm
        if not (a < b and b < INF + norm):   # no piece, or one _late_over would split (never)
            if a < b and self._late_over(a, b, b_a, rate, arrived):
                self._oldest_over(a, b, rate, s_a)
            return
        # _late_over's loop, once: from p = a to q = b (no breakpoint: no work entered at one)
        lam = self.lam
        t_h, a_h, lam_h = self._t_last, self._A_last, self._l_last
        a_lag = a_h + lam_h * (a - norm - t_h)
        waiting = b_a + (lam - rate) * (a - a)
        window = arrived + lam * (a - a) - a_lag
        late, late_wait, some = _turning_late(self.late, self.late_wait, waiting, window, lam_h - rate, lam_h, b - a)
        if not some:
            return
        self.late, self.late_wait = late, late_wait
        # _oldest_over's: no kink of A to pass, the oldest case waiting is on the last segment
        s_b = s_a + rate * (b - a)
        longest = self.late_wait_max
        arrival = t_h + (s_b - a_h) / lam_h if lam_h > 0.0 else t_h
        wait = b - max(arrival, t_h)
        if wait > longest:
            longest = wait
        if longest >= norm and late > 0.0:
            self.late_wait_max = longest

    def _oldest_over(self, a: float, b: float, rate: float, s_a: float) -> None:
        """Track the longest wait of a late case over [a, b], where cases leave at ``rate``.

        The case leaving at t arrived at s(t), where the arrivals A(s) reach the cases served
        S(t); t − s(t) is linear between the kinks of S (the ends of this piece) and the moments
        S passes a kink of A, so its maximum is at one of those. (X = A(t − norm) − S(t) ≥ 0 is
        the number waiting longer than the norm, and Σ late waits − norm × late = ∫ X⁺ dt.)
        ``s_a`` cases have been served by ``a``.
        """
        ht, hA, hl = self._ht, self._hA, self._hl
        last = len(ht) - 1
        s_b = s_a + rate * (b - a)
        kh = self._kh
        longest = self.late_wait_max
        # kinks of A passed on the way: the case leaving then arrived at that kink (each
        # history entry read once, into locals)
        a_next = hA[kh + 1] if kh < last else INF
        while kh < last and a_next <= s_b:
            kh += 1
            a_k = a_next
            a_next = hA[kh + 1] if kh < last else INF
            if rate > 0.0 and a_k > s_a:
                wait = a + (a_k - s_a) / rate - ht[kh]
                if wait > longest:
                    longest = wait
        # the end of the piece: the oldest case still waiting (or the one just served)
        l_k = hl[kh]
        while kh < last and l_k <= 0.0 and a_next <= s_b:
            kh += 1
            a_next = hA[kh + 1] if kh < last else INF
            l_k = hl[kh]
        t_k = ht[kh]
        arrival = t_k + (s_b - hA[kh]) / l_k if l_k > 0.0 else t_k
        if kh < last and (arrival > ht[kh + 1] or l_k <= 0.0):  # work entered at once at the next kink
            arrival = ht[kh + 1]
        wait = b - max(arrival, t_k)
        if wait > longest:
            longest = wait
        self._kh = kh
        if longest >= self.norm and self.late > 0.0:   # a late case has waited the norm at least
            self.late_wait_max = longest

    def late_wait_mean(self) -> float:
        """The mean wait of the late cases so far (for those still waiting, up to now); 0 without."""
        return self.norm + self.late_wait / self.late if self.late > 0.0 else 0.0

    # -- looking ahead ------------------------------------------------------------------

    def late_projected(self) -> float:
        """The late cases plus the cases waiting now that will be late when the backlog is
        served first in, first out at the current capacity (all of them when it is 0).

        Later arrivals queue behind the backlog, so only the capacity matters. The case that
        arrived at s (s ≥ t − norm: not late yet) has A(s) − (A(t) − B) cases before it and is
        served at t + that / μ; it is late when that moment lies past s + norm. Both "still
        waiting" and "late" are linear in s on each piece of the demand history, so the count
        is exact.
        """
        return self._projected(self.backlog, 0.0)

    def _projected(self, b: float, ahead: float) -> float:
        """The late cases plus those among the last ``b`` arrivals (still waiting, served in
        order of arrival after ``ahead`` other cases) that will be late."""
        if b <= 0.0:
            return self.late
        t, norm, mu = self.t, self.norm, self.mu
        first = self.arrived - b   # cumulative arrivals up to the oldest of them
        ht, hA, hl = self._ht, self._hA, self._hl
        lo = t - norm
        extra = 0.0
        for k in range(len(ht)):
            a = max(ht[k], lo)
            z = min(ht[k + 1] if k + 1 < len(ht) else t, t)
            rate = hl[k]
            if z <= a or rate <= 0.0:
                continue
            # on [a, z]: arrivals A(s) = A0 + rate·(s − a)
            a0 = hA[k] + rate * (a - ht[k])
            # still waiting: A(s) > first  ⇔  s > a + (first − a0) / rate
            s_lo = max(a, a + (first - a0) / rate)
            s_hi = z
            if mu > 0.0:
                # late: t + (ahead + A(s) − first)/μ − s − norm > 0, linear in s with slope rate/μ − 1
                g_a = t + (a0 - first + ahead) / mu - a - norm
                slope = rate / mu - 1.0
                if slope == 0.0:
                    if g_a <= 0.0:
                        continue
                elif slope > 0.0:
                    s_lo = max(s_lo, a - g_a / slope)
                else:
                    s_hi = min(s_hi, a - g_a / slope)
            if s_hi > s_lo:
                extra += rate * (s_hi - s_lo)
        if self._jumps is not None:  # work entered at once at s: positions (A(s) − jump, A(s)]
            for k in range(len(ht)):
                jump = self._jumps.get(ht[k], 0.0)
                if jump <= 0.0 or ht[k] + norm <= t:  # already counted late (at the moment _late_over has it)
                    continue
                top = hA[k]
                low = max(top - jump, first)
                if mu > 0.0:
                    low = max(low, first - ahead + mu * (ht[k] + norm - t))
                extra += max(0.0, top - low)
        return self.late + min(extra, b)


    def late_rate(self) -> float:
        """Cases becoming late per hour just after the current time."""
        x, slope, lam_h, _ = self._x_now()
        tol = 1e-9 * max(1.0, abs(self.backlog))
        return lam_h if x > tol or (x > -tol and slope > 0) else 0.0

    def _x_now(self) -> tuple[float, float, float, float]:
        b = self.backlog
        rate = self.mu if (b > 0.0 or self.lam > self.mu) else self.lam
        a_lag, lam_h, next_break = self._lagged(self.t - self.norm)
        x = b - (self.arrived - a_lag)
        return x, lam_h - rate, lam_h, next_break + self.norm

    def service_rate(self) -> float:
        """Cases per hour handled just after the current time: the capacity while a backlog
        waits or more arrive than can be handled, else the arrival rate."""
        if self.backlog > 0.0 or self.lam > self.mu:
            return self.mu
        return self.lam

    def drained(self, t: float) -> None:
        """Advance to ``t``, when the backlog empties: what rounding left of it is cleared."""
        self.advance(t)
        if self.backlog <= 1e-9 * max(1.0, self.mu):
            self.backlog = 0.0

    def backlog_slope(self) -> float:
        """dB/dt just after the current time."""
        if self.backlog > 0.0 or self.lam > self.mu:
            return self.lam - self.mu
        return 0.0

    def next_kink(self) -> float:
        """The next time at which the backlog's or the late count's rate changes by itself."""
        t = self.t
        kink = INF
        if self.backlog > 0.0 and self.lam < self.mu:
            kink = t + self.backlog / (self.mu - self.lam)
        x, slope, _, next_break = self._x_now()
        kink = min(kink, next_break)
        if slope != 0.0:
            cross = t - x / slope
            if cross > t:
                kink = min(kink, cross)
        return kink
