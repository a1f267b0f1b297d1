"""Marsad · مرصد: read one Arabic news story across outlets.

Entry point: page config, navigation and the shared sidebar (corpus, outlet filter mirrored
in the URL); each page in pages/ reads the filtered tables from pages.common and draws.
"""
import streamlit as st

from pages.common import app_pages, page_icon, sidebar

st.set_page_config(page_title="Marsad · مرصد", page_icon=page_icon(), layout="wide")

page = st.navigation(app_pages())
sidebar()
page.run()
