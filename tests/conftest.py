"""Shared test configuration.

Hypothesis profiles: ``ci`` (the default: derandomized, a fixed example budget, so runs
are stable) and ``deep`` (many more examples, for a thorough search on request)::

    HYPOTHESIS_PROFILE=deep python -m pytest tests -k properties

That runs on the two xdist workers of ``addopts``; in one process (for per-test
timings) add ``-n 0`` (``-p no:xdist`` alone fails on ``addopts``' ``-n 2``; pair it with
``-o addopts=-ra``). In one process the deep run takes about 15 minutes: about 11.5 in
``test_properties.py`` (2.5 at most for one test), 2 for the date properties and under 2
for the quote properties. It is not derandomized: each run searches anew, and the
failures it finds are kept as explicit ``@example`` cases the ``ci`` profile runs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", derandomize=True, max_examples=150, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "deep", max_examples=5000, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
#: The shared folder beside the project (present in CI, absent in a user's clone).
SHARED = Path(os.environ.get("CLEANSCRAPE_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder; tests that need it skip where it does not exist."""
    if not SHARED.is_dir():
        pytest.skip(f"shared folder not found at {SHARED}")
    return SHARED
