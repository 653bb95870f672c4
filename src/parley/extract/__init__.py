"""Extractors: Document -> facts, each with Evidence. See ``base`` for the interface.

Importing this package registers the built-in extractors.
"""

from parley.extract.base import REGISTRY, ExtractContext, Extractor, register, run_extractors

DEFAULT_EXTRACTORS: tuple[str, ...] = ()

__all__ = ["DEFAULT_EXTRACTORS", "REGISTRY", "ExtractContext", "Extractor", "register", "run_extractors"]
