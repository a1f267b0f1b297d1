"""Marsad's analysis package: Arabic news articles in, tidy tables out.

corpus (read articles) -> extractors (spans over the original text) -> pipeline (tables).
"""
