"""`make bench` (scripts/bench.py runs runner.py): project variants, timed
builds, Lighthouse runs, edit-to-reload times and the report. Not used by
the site build or the tests."""
