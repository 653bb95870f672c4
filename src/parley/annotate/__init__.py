"""The one spaCy pass. The only package that imports spaCy (lazily)."""

from parley.annotate.nlp import annotate, annotate_text, load_pipeline

__all__ = ["annotate", "annotate_text", "load_pipeline"]
