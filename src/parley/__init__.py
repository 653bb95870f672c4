"""parley: a source-attributed record of ceasefire and peace talks from news coverage.

The public API is small: ``extract_paths`` turns files into ``ArticleRecord``s,
``ingest_paths`` stores them, ``open_store`` opens a store, and ``report`` views read it.
"""

__version__ = "0.1.0"
