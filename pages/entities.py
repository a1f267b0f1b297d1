"""Entities: who and what the articles name, by outlet, and the sentences behind each count."""
import io

import plotly.express as px
import streamlit as st

from pages.common import (TYPE_COLOURS, chart, current_tables, download, empty_note,
                          font_path, has_articles, rtl_block)

st.title("Entities · الكيانات")


@st.cache_data(show_spinner="Drawing the word cloud…", max_entries=16)
def word_cloud_png(weights: tuple[tuple[str, int], ...]) -> bytes:
    """Entity names sized by mentions. Pillow here shapes Arabic itself (raqm): the names
    go in as they are, no reshaping."""
    from wordcloud import WordCloud
    cloud = WordCloud(font_path=str(font_path()), width=1200, height=520,
                      background_color="white", prefer_horizontal=1.0, colormap="Dark2",
                      relative_scaling=0.5, min_font_size=12, random_state=7, margin=6)
    image = cloud.generate_from_frequencies(dict(weights)).to_image()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


tables = current_tables()
if has_articles(tables):
    mentions = tables.mentions
    if mentions.empty:
        empty_note("entity mentions")
        st.stop()
    types = sorted(mentions["type"].unique())
    left, right = st.columns([3, 1])
    chosen_types = left.multiselect("Entity types", types, default=types, key="entity_types")
    top_n = right.slider("Top N entities", 5, 50, 20, key="entity_top_n")
    mentions = mentions[mentions["type"].isin(chosen_types)]
    if mentions.empty:
        empty_note("entities of these types")
        st.stop()

    counts = (mentions.groupby(["entity", "name_ar", "name_en", "type"]).size()
              .rename("mentions").reset_index()
              .sort_values(["mentions", "name_en"], ascending=[False, True]))
    top = counts.head(top_n)

    st.subheader("Most mentioned")
    fig = px.bar(top.iloc[::-1], x="mentions", y="name_ar", color="type", orientation="h",
                 color_discrete_map=TYPE_COLOURS, hover_data={"name_en": True, "type": True},
                 labels={"mentions": "Mentions", "name_ar": "", "name_en": "English", "type": "Type"})
    fig.update_yaxes(categoryorder="array", categoryarray=top["name_ar"].iloc[::-1].tolist(),
                     ticksuffix="  ")
    chart(fig, "entity_bars", height=max(320, 26 * len(top) + 120))
    st.dataframe(top[["name_ar", "name_en", "type", "mentions"]], hide_index=True,
                 key="entity_counts",
                 column_config={"name_ar": "Arabic", "name_en": "English", "type": "Type",
                                "mentions": st.column_config.NumberColumn("Mentions", format="localized")})
    download(counts, "entities")

    st.subheader("By outlet")
    by_outlet = (mentions[mentions["entity"].isin(top["entity"])]
                 .pivot_table(index="name_ar", columns="outlet", values="start", aggfunc="count", fill_value=0)
                 .reindex(index=top["name_ar"], fill_value=0))
    heat = px.imshow(by_outlet, text_auto=True, aspect="auto", color_continuous_scale="Teal",
                     labels={"x": "Outlet", "y": "", "color": "Mentions"})
    heat.update_xaxes(side="top")
    chart(heat, "entity_heatmap", height=max(320, 26 * len(top) + 140))

    st.subheader("Word cloud")
    weights = tuple(zip(counts["name_ar"], counts["mentions"].astype(int)))
    st.image(word_cloud_png(weights), caption="Entity names sized by mentions", width="stretch")

    st.subheader("Explain this count")
    labels = {row.entity: f"{row.name_ar} — {row.name_en} ({row.mentions:,})" for row in counts.itertuples()}
    entity = st.selectbox("Entity", list(labels), format_func=labels.get, key="explain_entity")
    rows = mentions[mentions["entity"] == entity]
    titles = tables.articles.set_index("article")["title"]
    sentences = (rows.groupby(["article", "outlet", "sentence"], sort=False)
                 .agg(times=("text", "size"), surfaces=("text", lambda s: tuple(sorted(set(s)))),
                      first=("start", "min"))
                 .reset_index())
    st.caption(f"{len(rows):,} mentions in {len(sentences):,} sentences of "
               f"{rows['article'].nunique():,} articles; the highlighted words are the matches.")
    with st.container(height=560):
        for row in sentences.itertuples():
            meta = (row.outlet, titles.get(row.article, row.article), f"{row.times}×")
            rtl_block(row.sentence, meta, row.surfaces)
    download(rows.drop(columns=["start", "end"]), f"mentions-{entity}", "Download these mentions")
