from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: the properties are about what the code does, not how fast, and a
# busy machine (two cores, a benchmark beside the tests) makes a deadline fail at random.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
