"""Random durations: the distributions of SPEC §2 and how a value is drawn from one.

A draw takes a uniform number ``u`` in (0, 1) from a keyed stream (see
:mod:`oefening.engine.rng`) and turns it into a value by the inverse of the distribution
function, so the same key always gives the same value and a larger ``u`` a larger value.
PERT has no closed-form inverse; it draws a beta variate from a generator seeded by the key.
"""

from __future__ import annotations

import math
import random
from statistics import NormalDist
from typing import Annotated, Literal

from pydantic import Field, model_validator

from oefening.durations import MAX_DURATION_HOURS
from oefening.scenario.base import Duration, Strict

_Z90 = NormalDist().inv_cdf(0.9)
_LOG_MAX = math.log(MAX_DURATION_HOURS)


class Triangular(Strict):
    """Between low and high, most likely mode."""

    dist: Literal["triangular"]
    """the kind of distribution: triangular"""
    low: Duration
    """the smallest possible value"""
    mode: Duration
    """the most likely value"""
    high: Duration
    """the largest possible value"""

    @model_validator(mode="after")
    def _ordered(self) -> Triangular:
        if not self.low <= self.mode <= self.high:
            raise ValueError("triangular needs low ≤ mode ≤ high")
        return self

    def sample(self, u: float, seed: int) -> float:
        a, c, b = self.low, self.mode, self.high
        if b == a:
            return a
        fc = (c - a) / (b - a)
        if u < fc:
            return a + math.sqrt(u * (b - a) * (c - a))
        return b - math.sqrt((1 - u) * (b - a) * (b - c))

    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3


class Uniform(Strict):
    """Every value between low and high equally likely."""

    dist: Literal["uniform"]
    """the kind of distribution: uniform"""
    low: Duration
    """the smallest possible value"""
    high: Duration
    """the largest possible value"""

    @model_validator(mode="after")
    def _ordered(self) -> Uniform:
        if self.low > self.high:
            raise ValueError("uniform needs low ≤ high")
        return self

    def sample(self, u: float, seed: int) -> float:
        return self.low + u * (self.high - self.low)

    def mean(self) -> float:
        return (self.low + self.high) / 2


class Pert(Strict):
    """A smooth three-point estimate (beta-PERT): low, most likely mode, high."""

    dist: Literal["pert"]
    """the kind of distribution: pert"""
    low: Duration
    """the smallest possible value"""
    mode: Duration
    """the most likely value"""
    high: Duration
    """the largest possible value"""

    @model_validator(mode="after")
    def _ordered(self) -> Pert:
        if not self.low <= self.mode <= self.high:
            raise ValueError("pert needs low ≤ mode ≤ high")
        return self

    def sample(self, u: float, seed: int) -> float:
        a, m, b = self.low, self.mode, self.high
        if b == a:
            return a
        # shape parameters in [1, 5] (durations are bounded, so these never overflow to inf,
        # for which betavariate would never end)
        alpha = min(5.0, 1 + 4 * (m - a) / (b - a))
        beta = min(5.0, 1 + 4 * (b - m) / (b - a))
        return a + (b - a) * random.Random(seed).betavariate(alpha, beta)

    def mean(self) -> float:
        return (self.low + 4 * self.mode + self.high) / 6


class Lognormal(Strict):
    """Skewed to the right: half the values below median, nine in ten below p90."""

    dist: Literal["lognormal"]
    """the kind of distribution: lognormal"""
    median: Duration
    """the value with half the draws below it (> 0)"""
    p90: Duration
    """the value with nine in ten draws below it (> median)"""

    @model_validator(mode="after")
    def _ordered(self) -> Lognormal:
        if not 0 < self.median < self.p90:
            raise ValueError("lognormal needs 0 < median < p90")
        return self

    def sample(self, u: float, seed: int) -> float:
        sigma = (math.log(self.p90) - math.log(self.median)) / _Z90
        return _times_exp(self.median, sigma * NormalDist().inv_cdf(u))

    def mean(self) -> float:
        sigma = (math.log(self.p90) - math.log(self.median)) / _Z90
        return _times_exp(self.median, sigma * sigma / 2)


def _times_exp(median: float, x: float) -> float:
    """median × e**x, but at most the longest duration: a wide lognormal (median 1e-300, p90
    a century) draws values past any horizon ("never") instead of overflowing."""
    if math.log(median) + x >= _LOG_MAX:
        return MAX_DURATION_HOURS
    if x > 700.0:  # e**x alone would overflow; the product does not
        return math.exp(math.log(median) + x)
    return median * math.exp(x)


class Exponential(Strict):
    """Memoryless, with the given mean."""

    dist: Literal["exponential"]
    """the kind of distribution: exponential"""
    mean_: Duration = Field(alias="mean")
    """the average value (> 0)"""

    @model_validator(mode="after")
    def _positive(self) -> Exponential:
        if self.mean_ <= 0:
            raise ValueError("exponential needs mean > 0")
        return self

    def sample(self, u: float, seed: int) -> float:
        return -self.mean_ * math.log1p(-u)

    def mean(self) -> float:
        return self.mean_


class Fixed(Strict):
    """Always the same value (the same as writing the value itself)."""

    dist: Literal["fixed"]
    """the kind of distribution: fixed"""
    value: Duration
    """the value"""

    def sample(self, u: float, seed: int) -> float:
        return self.value

    def mean(self) -> float:
        return self.value


Distribution = Annotated[
    Triangular | Uniform | Pert | Lognormal | Exponential | Fixed,
    Field(discriminator="dist"),
]
"""One of the distributions; ``dist`` says which."""

RandomDuration = Duration | Distribution
"""A duration, or a distribution of durations (SPEC §2, *random*)."""
