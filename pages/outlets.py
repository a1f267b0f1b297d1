"""Outlets side by side: how much each wrote, whom it named, which weapons it mentioned."""
import pandas as pd
import plotly.express as px
import streamlit as st

from pages.common import outlet_colours, chart, current_tables, download, empty_note, has_articles

st.title("Outlets · المنافذ")

tables = current_tables()
if has_articles(tables):
    a = tables.articles
    per = pd.DataFrame({
        "articles": a.groupby("outlet").size(),
        "words": a.groupby("outlet")["words"].sum(),
        "mentions": tables.mentions.groupby("outlet").size(),
        "quantity claims": tables.quantities.groupby("outlet").size(),
        "weapon mentions": tables.weapons.groupby("outlet").size(),
    }).fillna(0).astype(int).rename_axis("outlet").reset_index()
    per["mentions per 1,000 words"] = (1000 * per["mentions"] / per["words"].where(per["words"] > 0)).round(1)
    st.dataframe(per, hide_index=True, key="outlet_table", column_config={
        c: st.column_config.NumberColumn(c.capitalize(), format="localized")
        for c in per.columns if c != "outlet"} | {"outlet": "Outlet"})
    download(per, "outlets")

    fig = px.bar(per, x="outlet", y="mentions per 1,000 words", color="outlet", text_auto=".1f",
                 color_discrete_map=outlet_colours(),
                 hover_data={"articles": True, "words": ":,", "mentions": ":,"},
                 labels={"outlet": "Outlet"})
    fig.update_layout(showlegend=False)
    st.subheader("Entity mentions per 1,000 words")
    chart(fig, "outlet_density", height=380)

    st.subheader("Whom each outlet names")
    m = tables.mentions
    if m.empty:
        empty_note("entity mentions")
    else:
        k = st.slider("Entities compared", 3, 20, 8, key="outlet_top_k")
        top = m.groupby("entity").size().sort_values(ascending=False).head(k).index
        shares = (m.groupby(["outlet", "entity", "name_ar", "name_en"]).size().rename("mentions")
                  .reset_index())
        shares["share"] = shares["mentions"] / shares.groupby("outlet")["mentions"].transform("sum")
        shares = shares[shares["entity"].isin(top)]
        order = m[m["entity"].isin(top)].groupby("name_ar").size().sort_values(ascending=False).index.tolist()
        fig = px.bar(shares, x="name_ar", y="share", color="outlet", barmode="group",
                     category_orders={"name_ar": order}, color_discrete_map=outlet_colours(),
                     hover_data={"name_en": True, "mentions": True, "share": ":.1%"},
                     labels={"name_ar": "", "share": "Share of the outlet's mentions",
                             "name_en": "English", "outlet": "Outlet"})
        fig.update_yaxes(tickformat=".0%")
        chart(fig, "outlet_entity_shares", height=440)
        st.caption("Share = mentions of the entity / all entity mentions in that outlet's articles, "
                   "so long and short articles compare fairly.")

    st.subheader("Weapons each outlet mentions")
    w = tables.weapons
    if w.empty:
        empty_note("weapon mentions")
    else:
        mode = st.radio("Show", ["Mentions", "Per 1,000 words"], horizontal=True, key="weapon_mode")
        counts = w.groupby(["outlet", "weapon", "weapon_ar", "weapon_en"]).size().rename("mentions").reset_index()
        counts = counts.merge(per[["outlet", "words"]], on="outlet")
        counts["per 1,000 words"] = (1000 * counts["mentions"] / counts["words"]).round(2)
        y = "mentions" if mode == "Mentions" else "per 1,000 words"
        order = w.groupby("weapon_en").size().sort_values(ascending=False).index.tolist()
        fig = px.bar(counts, x="weapon_en", y=y, color="outlet", barmode="group",
                     category_orders={"weapon_en": order}, color_discrete_map=outlet_colours(),
                     hover_data={"weapon_ar": True, "mentions": True},
                     labels={"weapon_en": "", "weapon_ar": "Arabic", "outlet": "Outlet"})
        chart(fig, "outlet_weapons", height=420)
