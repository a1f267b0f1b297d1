"""The dashboard layer between the analysis tables and the pages in views/: the interface
language, state in the link, cached data access, uploads, the sidebar, escaped rendering,
charts and downloads. Nothing here does NLP; not a page (app.py lists the pages itself).
"""
