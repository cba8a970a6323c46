"""Helpers for scripts/bench.py: project variants, timed builds, Lighthouse
runs and the report. Not used by the site build or the tests."""
