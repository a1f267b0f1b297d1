"""Weapons and quantities: every number claim with its sentence, the biggest ones, and
which weapon classes each outlet talks about."""
import plotly.express as px
import streamlit as st

from pages.common import (outlet_colours, chart, current_tables, download, empty_note, fmt_number,
                          has_articles, rtl_block)

st.title("Weapons & quantities · الأسلحة والأرقام")

tables = current_tables()
if has_articles(tables):
    q = tables.quantities.merge(tables.articles[["article", "title"]], on="article", how="left")
    st.subheader("Quantity claims")
    if q.empty:
        empty_note("quantity claims")
    else:
        categories = sorted(q["category"].unique())
        chosen = st.multiselect("Categories", categories, default=categories, key="quantity_categories")
        q = q[q["category"].isin(chosen)]
        shown = q[["value", "text", "noun", "category", "qualifier", "outlet", "title", "sentence"]]
        st.dataframe(shown, hide_index=True, key="quantity_table", column_config={
            "value": st.column_config.NumberColumn("Value", format="localized",
                                                   help="The number as a value: 5 ملايين -> 5,000,000"),
            "text": "As written", "noun": "Counted noun", "category": "Category",
            "qualifier": st.column_config.TextColumn("Qualifier", help="exact, approx, at_least, vague…"),
            "outlet": "Outlet", "title": "Article",
            "sentence": st.column_config.TextColumn("Sentence", width="large"),
        })
        download(shown, "quantities")

        if not q.empty:
            by_cat = q.groupby(["category", "qualifier"]).size().rename("claims").reset_index()
            order = q.groupby("category").size().sort_values(ascending=False).index.tolist()
            fig = px.bar(by_cat, x="category", y="claims", color="qualifier", text_auto=True,
                         category_orders={"category": order},
                         labels={"category": "", "claims": "Claims", "qualifier": "Qualifier"})
            st.markdown("**Claims by category**")
            chart(fig, "quantity_categories_chart", height=380)

            big = (q.groupby(["value", "noun", "outlet"]).agg(times=("text", "size"),
                                                               sentence=("sentence", "first"))
                   .reset_index().sort_values("value", ascending=False).head(12))
            # One bar per claim; the tick says what was counted and where (the number is on the bar).
            big["claim"] = [f"claim {i}" for i in range(len(big))]
            ticks = [f"\u2067{n}\u2069 · {o}" for n, o in zip(big["noun"], big["outlet"])]
            big["shown"] = [fmt_number(v) + (f"  ×{t}" if t > 1 else "") for v, t in zip(big["value"], big["times"])]
            fig = px.bar(big.iloc[::-1], x="value", y="claim", color="outlet", orientation="h", log_x=True,
                         text="shown", hover_data={"times": True, "claim": False, "shown": False, "noun": True},
                         labels={"value": "Value (log scale)", "claim": "", "times": "Times stated", "noun": "Counted",
                                 "outlet": "Outlet"},
                         color_discrete_map=outlet_colours())
            fig.update_yaxes(categoryorder="array", categoryarray=big["claim"].iloc[::-1].tolist(),
                             tickvals=big["claim"].tolist(), ticktext=ticks, ticksuffix="  ")
            st.markdown("**Largest claims** (log scale; ×N when an article repeats a claim)")
            chart(fig, "quantity_largest", height=max(300, 34 * len(big) + 120))

            with st.expander("Sentences of the claims", expanded=False):
                for row in q.sort_values("value", ascending=False).itertuples():
                    rtl_block(row.sentence, (fmt_number(row.value), row.category, row.outlet),
                              (row.text,))

    st.subheader("Weapon mentions by class and outlet")
    w = tables.weapons
    if w.empty:
        empty_note("weapon mentions")
    else:
        counts = w.groupby(["weapon_ar", "weapon_en", "outlet"]).size().rename("mentions").reset_index()
        order = w.groupby("weapon_ar").size().sort_values(ascending=False).index.tolist()
        fig = px.bar(counts, y="weapon_ar", x="mentions", color="outlet", orientation="h",
                     category_orders={"weapon_ar": order}, hover_data={"weapon_en": True},
                     color_discrete_map=outlet_colours(),
                     labels={"weapon_ar": "", "mentions": "Mentions", "weapon_en": "English",
                             "outlet": "Outlet"})
        fig.update_yaxes(ticksuffix="  ")
        chart(fig, "weapon_classes", height=max(320, 34 * len(order) + 120))
        download(w.drop(columns=["start", "end"]), "weapons", "Download weapon mentions")
