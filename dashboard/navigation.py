"""The pages app.py navigates, with their titles in the interface language."""

from __future__ import annotations

import streamlit as st

from .language import tr

PAGES = [  # file, title, icon, url path ("" for the default page)
    ("views/overview.py", "Overview", ":material/dashboard:", ""),
    ("views/entities.py", "Entities", ":material/groups:", "entities"),
    ("views/outlets.py", "Outlets", ":material/newspaper:", "outlets"),
    ("views/quantities.py", "Weapons & quantities", ":material/numbers:", "quantities"),
    ("views/attention.py", "Attention over time", ":material/show_chart:", "attention"),
    ("views/network.py", "Who with whom", ":material/hub:", "network"),
    ("views/story.py", "Story", ":material/timeline:", "story"),
    ("views/reader.py", "Reader", ":material/menu_book:", "reader"),
    ("views/contexts.py", "Keyword in context", ":material/manage_search:", "contexts"),
]
PAGE_TITLES_AR = {
    "Overview": "نظرة عامة",
    "Entities": "الكيانات",
    "Outlets": "المنافذ",
    "Weapons & quantities": "الأسلحة والكميات",
    "Story": "القصة",
    "Attention over time": "الاهتمام عبر الزمن",
    "Who with whom": "من مع من",
    "Reader": "القارئ",
    "Keyword in context": "الكلمة في سياقها",
}


def app_pages() -> list:
    """The st.Page list app.py navigates; the overview is the default page. Titles follow the
    interface language; files and url paths do not, so links work in either language."""
    return [
        st.Page(file, title=tr(title, PAGE_TITLES_AR[title]), icon=icon, url_path=path or None, default=not path)
        for file, title, icon, path in PAGES
    ]


def read_in_article(
    article: str, at: int, label: tuple[str, str] = ("Read it in the article", "اقرأها في المقال")
) -> None:
    """A link into the reader, opened at the sentence of offset `at` (?article=...&at=...)."""
    st.page_link(
        "views/reader.py",
        label=tr(*label),
        icon=":material/menu_book:",
        query_params={"article": article, "at": str(at)},
    )
