"""Experiments over many worlds: Monte Carlo over common random numbers, on a pool or dask."""
