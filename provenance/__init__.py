"""provenance: who copied this story from whom, how, and did they say so?

ingest -> segment -> candidates -> align -> direction -> graph -> store -> render / export
"""

__version__ = "0.1.0"

from .pipeline import Comparison, compare, trace  # noqa: E402

__all__ = ["Comparison", "__version__", "compare", "trace"]
