"""Who appears with whom: entities named in the same sentence (or article) as a network and a
matrix; a click on an edge, or a pair picked below, opens the sentences behind it."""

import networkx as nx
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from analysis.cooccurrence import LEVELS, cooccurrence, pair_sentences
from dashboard.charts import TYPE_COLOURS, chart, clickable_chart
from dashboard.data import filters_key
from dashboard.downloads import download
from dashboard.escape import escape_markdown
from dashboard.labels import entity_name, outlet_name, type_name
from dashboard.language import tr
from dashboard.links import from_link, linked_number, linked_types, to_link
from dashboard.navigation import read_in_article
from dashboard.render import empty_note, first_rows, has_articles, rtl_block
from dashboard.session import current_tables

st.title(tr("Who appears with whom · من مع من", "من مع من"))
st.caption(
    tr(
        "Two entities are linked when a sentence (or an article) names both; the thicker the line, "
        "the more often. Click the dot in the middle of a line to read its sentences.",
        "يرتبط كيانان إذا ذكرتهما جملة واحدة (أو مقال واحد)؛ كلما زاد سمك الخط زاد تكرار ذلك. "
        "انقر النقطة في منتصف الخط لتقرأ جمله.",
    )
)
LEVEL_NAMES = {"sentence": tr("Same sentence", "الجملة نفسها"), "article": tr("Same article", "المقال نفسه")}


@st.cache_data(show_spinner=False, max_entries=32)
def layout(nodes: tuple[str, ...], edges: tuple[tuple[str, str, int], ...]) -> dict[str, tuple[float, float]]:
    """Node positions: a spring layout weighted by co-occurrence, the same for the same graph."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from(edges)
    spread = 2.5 / max(len(nodes), 1) ** 0.5  # spring length: more room than the default 1/sqrt(n)
    placed = nx.spring_layout(graph, weight="weight", seed=7, k=spread, iterations=100)
    return {n: (float(x), float(y)) for n, (x, y) in placed.items()}


# Cached on the corpus and filters: picking a pair reruns the page (1.2 million mentions: 3 s)
@st.cache_data(show_spinner=False, max_entries=8)
def pairs_of(key: tuple, _mentions, level: str, entities: tuple[str, ...]):
    return cooccurrence(_mentions, level, entities)


@st.cache_data(show_spinner=False, max_entries=32)
def sentences_of(key: tuple, _mentions, a: str, b: str, level: str):
    return pair_sentences(_mentions, a, b, level)


tables = current_tables()
if has_articles(tables):
    m = tables.mentions
    if m.empty:
        empty_note("entity mentions", "إشارات إلى كيانات")
        st.stop()
    types = sorted(m["type"].unique())
    c1, c2, c3, c4 = st.columns([2, 2, 1, 1])
    from_link("network_level", "level", default="sentence")
    level = (
        c1.segmented_control(
            tr("Linked when named in", "يرتبطان إذا ذُكرا في"),
            list(LEVELS),
            format_func=LEVEL_NAMES.get,
            key="network_level",
        )
        or "sentence"
    )
    to_link("level", level, default="sentence")
    chosen_types = linked_types(c2.multiselect, types, key="network_types")
    top_n = linked_number(
        c3.number_input, tr("Entities", "الكيانات"), 5, 60, key="network_top", param="top", default=15
    )
    least = linked_number(
        c4.number_input, tr("At least, together", "على الأقل معًا"), 1, 50, key="network_min", param="min", default=2
    )
    if set(chosen_types) != set(types):
        m = m[m["type"].isin(chosen_types)]
    counts = m.groupby("entity").size().sort_values(ascending=False, kind="stable").head(top_n)
    key = (filters_key(), tuple(chosen_types))
    pairs = pairs_of(key, m, level, tuple(counts.index))
    pairs = pairs[pairs["together"] >= least].reset_index(drop=True)
    if pairs.empty:
        empty_note("entities named together", "كيانات مذكورة معًا")
        st.stop()
    info = m.drop_duplicates("entity").set_index("entity")
    name = {e: entity_name(info.at[e, "name_ar"], info.at[e, "name_en"]) for e in counts.index}
    linked = [e for e in counts.index if e in set(pairs["a"]) | set(pairs["b"])]
    pos = layout(tuple(linked), tuple(zip(pairs["a"], pairs["b"], pairs["together"].astype(int))))

    fig = go.Figure()
    widest = pairs["together"].max()
    for row in pairs.itertuples():  # one line per pair, its width the pair's count
        (x0, y0), (x1, y1) = pos[row.a], pos[row.b]
        fig.add_trace(
            go.Scatter(
                x=[x0, x1],
                y=[y0, y1],
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line=dict(width=1 + 7 * row.together / widest, color="rgba(100,116,139,.45)"),
            )
        )
    middles = pairs.assign(
        x=[(pos[a][0] + pos[b][0]) / 2 for a, b in zip(pairs["a"], pairs["b"])],
        y=[(pos[a][1] + pos[b][1]) / 2 for a, b in zip(pairs["a"], pairs["b"])],
        pair=[f"{name[a]} — {name[b]}" for a, b in zip(pairs["a"], pairs["b"])],
    )
    fig.add_trace(
        go.Scatter(
            x=middles["x"],
            y=middles["y"],
            mode="markers",
            name=tr("pair", "زوج"),
            marker=dict(size=9, color="#0f766e", opacity=0.55),
            showlegend=False,
            customdata=middles[["a", "b", "together", "articles"]].to_numpy(),
            text=middles["pair"],
            hovertemplate="%{text}<br>"
            + tr("together", "معًا")
            + ": %{customdata[2]}<br>"
            + tr("articles", "مقالات")
            + ": %{customdata[3]}<extra></extra>",
        )
    )
    for kind in chosen_types:  # nodes by type, sized by mentions
        ids = [e for e in linked if info.at[e, "type"] == kind]
        if ids:
            fig.add_trace(
                go.Scatter(
                    x=[pos[e][0] for e in ids],
                    y=[pos[e][1] for e in ids],
                    mode="markers+text",
                    name=type_name(kind),
                    text=[name[e] for e in ids],
                    textposition="top center",
                    customdata=[[e, "", int(counts[e]), 0] for e in ids],
                    hovertemplate="%{text}: %{customdata[2]} " + tr("mentions", "إشارة") + "<extra></extra>",
                    marker=dict(
                        size=[12 + 28 * (counts[e] / counts.max()) ** 0.5 for e in ids],
                        color=TYPE_COLOURS.get(kind, "#64748b"),
                        line=dict(width=1, color="white"),
                    ),
                )
            )
    fig.update_layout(xaxis=dict(visible=False), yaxis=dict(visible=False), dragmode="pan")
    clicked = clickable_chart(fig, "cooccurrence_network", height=620)

    options = [f"{a}|{b}" for a, b in zip(pairs["a"], pairs["b"])]
    hit = next(
        (
            f"{p['customdata'][0]}|{p['customdata'][1]}"
            for p in clicked
            if len(p.get("customdata") or []) > 1 and p["customdata"][1]
        ),
        None,
    )
    if hit and st.session_state.get("_pair_click") != hit:  # a new click only
        st.session_state["network_pair"] = hit
    st.session_state["_pair_click"] = hit
    from_link("network_pair", "pair", default=options[0])
    if st.session_state.get("network_pair") not in options:
        st.session_state["network_pair"] = options[0]
    together = dict(zip(options, pairs["together"]))
    pair = st.selectbox(
        tr("Pair", "الزوج"),
        options,
        key="network_pair",
        format_func=lambda o: f"{name[o.split('|')[0]]} — {name[o.split('|')[1]]} ({together[o]})",
    )
    to_link("pair", pair, default=options[0])
    a, b = pair.split("|")
    rows = sentences_of(key, m, a, b, level)
    first, second = escape_markdown(name[a]), escape_markdown(name[b])  # a name the model found in an article
    st.subheader(tr(f"{first} and {second}: {len(rows):,} sentence(s)", f"{first} و{second}: {len(rows):,} جملة"))
    for row in first_rows(rows).itertuples():
        rtl_block(
            row.sentence,
            (outlet_name(row.outlet), row.published.strftime("%Y-%m-%d") if row.published == row.published else ""),
            row.marks,
        )
        read_in_article(row.article, int(row.start))

    st.subheader(tr("The same pairs as a matrix", "الأزواج نفسها مصفوفةً"))
    order = [name[e] for e in linked]
    both = pairs.assign(a=pairs["a"].map(name), b=pairs["b"].map(name))
    matrix = (
        both.pivot_table(index="a", columns="b", values="together", aggfunc="sum")
        .combine_first(both.pivot_table(index="b", columns="a", values="together", aggfunc="sum"))
        .reindex(index=order, columns=order)
        .fillna(0)
        .astype(int)
    )
    heat = px.imshow(
        matrix,
        color_continuous_scale="Teal",
        aspect="auto",
        text_auto=True,
        labels=dict(x="", y="", color=tr("together", "معًا")),
    )
    chart(heat, "cooccurrence_matrix", height=max(360, 24 * len(order) + 160))
    download(pairs.assign(a_name=pairs["a"].map(name), b_name=pairs["b"].map(name)), "cooccurrence")
