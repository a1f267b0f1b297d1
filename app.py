"""Marsad · مرصد: read one Arabic news story across outlets.

Entry point: page config, navigation and the shared sidebar (corpus and filters mirrored in
the URL); each page in views/ reads the filtered tables (dashboard.session) and draws.
The pages live in views/, not pages/: Streamlit lists a pages/ folder in its own sidebar
until st.navigation has run, which on a cold server showed a raw list of file names.
"""

import streamlit as st

from dashboard.fonts import page_icon
from dashboard.language import tr
from dashboard.navigation import app_pages

st.set_page_config(page_title="Marsad · مرصد", page_icon=page_icon(), layout="wide")

page = st.navigation(app_pages())  # drawn first: the analysis package takes seconds to import cold
with st.spinner(tr("Opening the corpus…", "جارٍ فتح المدونة…")):
    from dashboard.sidebar import sidebar  # imports the analysis (camel-tools, Arrow, DuckDB)

    sidebar()
page.run()
