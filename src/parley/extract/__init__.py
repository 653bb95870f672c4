"""Extractors: Document -> facts, each with Evidence. See ``base`` for the interface.

Importing this package registers the built-in extractors.
"""

from parley.extract import dating as _dating  # noqa: F401  (registers dating.v1)
from parley.extract import entities as _entities  # noqa: F401  (registers entities.v1)
from parley.extract import figures as _figures  # noqa: F401  (registers figures.v1)
from parley.extract import framing as _framing  # noqa: F401  (registers framing.v1)
from parley.extract import meetings as _meetings  # noqa: F401  (registers meetings.v1)
from parley.extract import positions as _positions  # noqa: F401  (registers positions.v1)
from parley.extract import quotes as _quotes  # noqa: F401  (registers quotes.v1)
from parley.extract.base import REGISTRY, ExtractContext, Extractor, register, run_extractors

DEFAULT_EXTRACTORS: tuple[str, ...] = (
    "dating.v1", "entities.v1", "framing.v1", "figures.v1", "meetings.v1", "positions.v1", "quotes.v1",
)

__all__ = ["DEFAULT_EXTRACTORS", "REGISTRY", "ExtractContext", "Extractor", "register", "run_extractors"]
