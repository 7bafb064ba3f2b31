"""Benchmarks of the running assistant (scripts that print tables, not tests)."""
