"""A small read-only web app over the report views (standard library only; never imports
spaCy, annotate or extract, so it starts fast)."""
