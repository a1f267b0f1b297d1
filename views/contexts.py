"""Keyword in context: every occurrence of a word (normalised: أسلحة finds الأسلحة، وأسلحة)
or of an entity (all its spellings) across the articles shown, with outlet and date."""

import re

import pandas as pd
import streamlit as st

from analysis.contexts import QueryError, keyword_contexts, raw_prefilter, span_contexts
from dashboard.data import corpus_articles, corpus_has_texts
from dashboard.downloads import download
from dashboard.escape import escape_html, escape_markdown
from dashboard.language import tr
from dashboard.links import from_link, to_link
from dashboard.navigation import read_in_article
from dashboard.render import has_articles
from dashboard.session import current_tables

st.title(tr("Keyword in context · الكلمة في سياقها", "الكلمة في سياقها"))
SHOWN = 300  # hits drawn on the page; the download has them all
WIDTH = 45  # characters either side: one line per hit at a desktop width

KWIC_CSS = """<style>
table.kwic { direction: rtl; width: 100%; border-collapse: collapse; font-size: 1rem; line-height: 1.8; }
table.kwic td { padding: .15rem .4rem; border-bottom: 1px solid #e2e8f0; vertical-align: top; }
table.kwic td.before { text-align: left; color: #334155; width: 42%; }
table.kwic td.hit { text-align: center; white-space: nowrap; }
table.kwic td.after { text-align: right; color: #334155; width: 42%; }
table.kwic td.where { direction: ltr; text-align: left; color: #64748b; font-size: .8rem; white-space: nowrap; }
table.kwic mark { background: #fde68a; padding: 0 .15em; border-radius: 3px; }
</style>"""


def kwic_html(hits: pd.DataFrame) -> str:
    """The hits as an escaped right-to-left table, matches aligned in the middle column."""
    rows = []
    for r in hits.itertuples():
        when = r.published.strftime("%Y-%m-%d") if pd.notna(r.published) else ""
        rows.append(
            f'<tr><td class="before">…{escape_html(r.left)}</td>'
            f'<td class="hit"><mark>{escape_html(r.match)}</mark></td>'
            f'<td class="after">{escape_html(r.right)}…</td>'
            f'<td class="where"><bdi>{escape_html(r.outlet)}</bdi> · {when}</td></tr>'
        )
    return f'<table class="kwic" dir="rtl">{"".join(rows)}</table>'


tables = current_tables()
if has_articles(tables):
    ids = tables.articles["article"].tolist()
    if not corpus_has_texts():
        st.info(
            tr(
                "The texts of these articles are not at hand: this store was built without them. "
                "Build it again with `python -m analysis build CORPUS --out DIR`.",
                "نصوص هذه المقالات غير متاحة: بُنيت هذه المدونة المخزّنة بلا نصوص. "
                "أعد بناءها بالأمر `python -m analysis build CORPUS --out DIR`.",
            )
        )
        st.stop()
    modes = {"word": tr("A word", "كلمة"), "entity": tr("An entity", "كيان")}
    from_link("kwic_mode", "by", default="word")
    if st.session_state.get("kwic_mode") not in modes:
        st.session_state["kwic_mode"] = "word"
    mode = (
        st.segmented_control(tr("Search for", "ابحث عن"), list(modes), format_func=modes.get, key="kwic_mode") or "word"
    )
    to_link("by", mode, default="word")

    if mode == "word":
        from_link("kwic_query", "q", default="أسلحة")
        query = st.text_input(
            tr(
                "Word or phrase (spelling of alef, ة/ه and the article ال do not matter)",
                "كلمة أو عبارة (لا يهم رسم الألف ولا ة/ه ولا أداة التعريف)",
            ),
            key="kwic_query",
        )
        to_link("q", query.strip())
        try:
            # only the articles whose raw text could hold the word are read and searched
            shown = list(corpus_articles(ids, matching=raw_prefilter(query)).values())
            hits = keyword_contexts(query, shown, width=WIDTH)
        except QueryError as error:
            st.info(tr(escape_markdown(str(error)), "اكتب كلمة أو اسمًا للبحث عنه (حروفًا لا علامات ترقيم فقط)."))
            st.stop()
        name = query.strip()
    else:
        counts = tables.mentions.groupby(["entity", "name_ar", "name_en"]).size().sort_values(ascending=False)
        labels = {e: f"{ar} — {en} ({n:,})" for (e, ar, en), n in counts.items()}
        if not labels:
            st.info(tr("No entity mentions in the articles shown.", "لا إشارات إلى كيانات في المقالات المعروضة."))
            st.stop()
        from_link("kwic_entity", "entity")
        if st.session_state.get("kwic_entity") not in labels:
            st.session_state["kwic_entity"] = next(iter(labels))
        entity = st.selectbox(
            tr("Entity (every spelling)", "الكيان (بكل صيغه)"), list(labels), format_func=labels.get, key="kwic_entity"
        )
        to_link("entity", entity)
        mentions = tables.mentions[tables.mentions["entity"] == entity]
        named_in = set(mentions["article"])
        shown = list(corpus_articles([i for i in ids if i in named_in]).values())
        hits = span_contexts(mentions, shown, width=WIDTH)
        name = entity

    titles = tables.articles.set_index("article")["title"]
    st.caption(
        tr(
            f"{len(hits):,} occurrences in {hits['article'].nunique():,} articles; "
            f"written as: {', '.join(hits['match'].value_counts().index[:8])}",
            f"{len(hits):,} مرة في {hits['article'].nunique():,} مقالات؛ "
            f"بصيغ: {'، '.join(hits['match'].value_counts().index[:8])}",
        )
    )
    if hits.empty:
        st.stop()
    st.markdown(KWIC_CSS + kwic_html(hits.head(SHOWN)), unsafe_allow_html=True)
    if len(hits) > SHOWN:
        st.caption(
            tr(f"The first {SHOWN:,} are shown; the CSV has all of them.", f"تظهر أول {SHOWN:,}؛ وملف CSV فيه كلها.")
        )
    download(
        hits.assign(title=hits["article"].map(titles)), "contexts-" + re.sub(r"[^\w]+", "-", name).strip("-")[:40]
    )  # a safe file name

    st.subheader(tr("Read one in its article", "اقرأ إحداها في مقالها"))
    pick = st.selectbox(
        tr("Occurrence", "الموضع"),
        range(min(len(hits), SHOWN)),
        key="kwic_pick",
        format_func=lambda i: (
            f"{hits.at[i, 'outlet']} · {hits.at[i, 'match']} · {str(titles.get(hits.at[i, 'article'], ''))[:60]}"
        ),
    )
    read_in_article(hits.at[pick, "article"], hits.at[pick, "start"], ("Open in the reader", "افتح في القارئ"))
