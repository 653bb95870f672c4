"""Linking across articles: copies (dedup), stories, rounds, figure series, positions over
time and outlet comparison. Pure Python over store rows (plain dicts); never imports spaCy."""
