"""Views people read (timeline, figures ledger, positions matrix, outlets, stories) and
their renderers: text tables, JSON, CSV, Parquet export and one self-contained HTML page.
Never imports spaCy, annotate or extract, so it starts fast."""
