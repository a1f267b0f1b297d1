"""Overview: the corpus in figures and one row per article."""
import streamlit as st

from pages.common import current_tables, download, has_articles

st.title("مرصد · Overview")
st.caption("One news story read across outlets: what each article names, counts and dates.")

tables = current_tables()
if has_articles(tables):
    a = tables.articles
    figures = {
        "Articles": len(a),
        "Outlets": a["outlet"].nunique(),
        "Words": int(a["words"].sum()),
        "Entity mentions": len(tables.mentions),
        "Quantity claims": len(tables.quantities),
    }
    for column, (label, value) in zip(st.columns(len(figures)), figures.items()):
        column.metric(label, f"{value:,}", border=True)

    st.subheader("Articles")
    shown = a[["title", "outlet", "published", "date_basis", "author", "wire", "words"]]
    st.dataframe(
        shown, hide_index=True, key="articles",
        column_config={
            "title": st.column_config.TextColumn("Title", width="large"),
            "outlet": "Outlet",
            "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
            "date_basis": st.column_config.TextColumn("Date basis", help="Where the date comes from"),
            "author": "Author", "wire": "Wire",
            "words": st.column_config.NumberColumn("Words", format="localized"),
        },
    )
    download(a.drop(columns=["source_file"]), "articles")
    approximate = a["date_basis"].str.contains("inferred|approximate", na=False).sum()
    if approximate:
        st.caption(f"{approximate:,} of {len(a):,} publication dates are inferred from the text, "
                   "not given by the outlet; see the date basis column.")
