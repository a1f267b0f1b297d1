"""Overview: the corpus in figures and one row per article."""
import streamlit as st

from dashboard.downloads import download
from dashboard.language import tr
from dashboard.render import has_articles, table_rows
from dashboard.session import current_tables

st.title(tr("مرصد · Overview", "مرصد · نظرة عامة"))
st.caption(tr("One news story read across outlets: what each article names, counts and dates.",
              "قصة إخبارية واحدة تُقرأ عبر المنافذ: ما يسمّيه كل مقال ويعدّه ويؤرّخه."))

tables = current_tables()
if has_articles(tables):
    a = tables.articles
    figures = {
        tr("Articles", "المقالات"): len(a),
        tr("Outlets", "المنافذ"): a["outlet"].nunique(),
        tr("Words", "الكلمات"): int(a["words"].sum()),
        tr("Entity mentions", "إشارات الكيانات"): len(tables.mentions),
        tr("Quantity claims", "الكميات المذكورة"): len(tables.quantities),
    }
    for column, (label, value) in zip(st.columns(len(figures)), figures.items()):
        column.metric(label, f"{value:,}", border=True)

    st.subheader(tr("Articles", "المقالات"))
    shown = a[["title", "outlet", "published", "date_basis", "author", "wire", "words"]]
    st.dataframe(
        table_rows(shown), hide_index=True, key="articles",
        column_config={
            "title": st.column_config.TextColumn(tr("Title", "العنوان"), width="large"),
            "outlet": tr("Outlet", "المنفذ"),
            "published": st.column_config.DateColumn(tr("Published", "تاريخ النشر"), format="YYYY-MM-DD"),
            "date_basis": st.column_config.TextColumn(tr("Date basis", "مصدر التاريخ"),
                                                      help=tr("Where the date comes from", "من أين جاء التاريخ")),
            "author": tr("Author", "الكاتب"), "wire": tr("Wire", "الوكالة"),
            "words": st.column_config.NumberColumn(tr("Words", "الكلمات"), format="localized"),
        },
    )
    download(a.drop(columns=["source_file"]), "articles")
    approximate = a["date_basis"].str.contains("inferred|approximate", na=False).sum()
    if approximate:
        st.caption(tr(f"{approximate:,} of {len(a):,} publication dates are inferred from the text, "
                      "not given by the outlet; see the date basis column.",
                      f"{approximate:,} من {len(a):,} تواريخ نشر مستنتجة من النص لا من المنفذ؛ "
                      "انظر عمود مصدر التاريخ."))
    st.page_link("views/reader.py", label=tr("Read the articles with their highlights",
                                             "اقرأ المقالات مع تلوينها"), icon=":material/menu_book:")
