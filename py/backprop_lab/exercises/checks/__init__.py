"""pytest checks, one file per exercise (check_<exercise id>.py), run by exercises.run_checks.

They are named check_*.py, not test_*.py, so that no test run of the repository collects
them by accident: they need a submitted function (see _support.py).
"""
