"""Weapons and quantities ("Numbers" for a story without weapons): every number claim with its
sentence, claims by category, claims of the same count with different numbers side by side
(casualties first), the figure tracker, and each weapon class's mentions across outlets and time."""

import plotly.express as px
import streamlit as st

from dashboard.charts import chart, clickable_chart, outlet_colours
from dashboard.downloads import download
from dashboard.compared_counts import category_label, qualifier_label, same_thing_panel, value_text
from dashboard.figure_tracker import figure_tracker
from dashboard.language import labelled, lang, tr
from dashboard.navigation import read_in_article
from dashboard.render import empty_note, first_rows, has_articles, rtl_block, table_rows
from dashboard.session import current_tables

tables = current_tables()
if tables.weapons.empty and not tables.articles.empty:
    st.title(tr("Numbers", "الأرقام"))  # an earthquake, an election: no weapons to speak of
else:
    st.title(tr("Weapons & quantities", "الأسلحة والكميات"))
if has_articles(tables):
    q = tables.quantities.merge(tables.articles[["article", "title"]], on="article", how="left")
    st.subheader(tr("Quantity claims", "الأرقام الواردة"))
    if q.empty:
        empty_note("quantity claims")
    else:
        categories = sorted(q["category"].unique())
        chosen = st.multiselect(
            tr("Categories", "الفئات"),
            categories,
            default=categories,
            format_func=category_label,
            key="quantity_categories",
        )
        q = q[q["category"].isin(chosen)]
        shown = q[
            ["value", "value_low", "text", "noun", "category", "qualifier", "outlet", "title", "published", "sentence"]
        ]
        if lang() == "ar":  # the category and qualifier in the reader's language (the CSV keeps the codes)
            shown = shown.assign(
                category=labelled(shown["category"], category_label),
                qualifier=labelled(shown["qualifier"], qualifier_label),
            )
        st.dataframe(
            table_rows(shown),
            hide_index=True,
            key="quantity_table",
            column_config={
                "value": st.column_config.NumberColumn(
                    tr("Value", "القيمة"),
                    format="localized",
                    help=tr(
                        "The number as a value: 5 ملايين -> 5,000,000; the high end of a range",
                        "الرقم قيمةً: 5 ملايين ← 5,000,000؛ الحد الأعلى في النطاق",
                    ),
                ),
                "value_low": st.column_config.NumberColumn(
                    tr("From", "من"),
                    format="localized",
                    help=tr(
                        "The low end of a range (بين 300 و500 -> 300); else the value",
                        "الحد الأدنى في النطاق (بين 300 و500 ← 300)؛ وإلا القيمة نفسها",
                    ),
                ),
                "text": tr("As written", "كما ورد"),
                "noun": tr("Counted noun", "المعدود"),
                "category": tr("Category", "الفئة"),
                "qualifier": st.column_config.TextColumn(
                    tr("Qualifier", "الوصف"),
                    help=tr(
                        "exact, approx, at_least, at_most, range, vague",
                        "دقيق، تقريبي، حد أدنى، حد أقصى، نطاق، غير محدد",
                    ),
                ),
                "outlet": tr("Outlet", "المنفذ"),
                "title": tr("Article", "المقال"),
                "published": st.column_config.DateColumn(tr("Published", "تاريخ النشر")),
                "sentence": st.column_config.TextColumn(tr("Sentence", "الجملة"), width="large"),
            },
        )
        download(q[shown.columns], "quantities", tr("Download claims (CSV)", "تنزيل الأرقام (CSV)"))

    if not q.empty:
        by_cat = q.groupby(["category", "qualifier"]).size().rename("claims").reset_index()
        by_cat["category_label"] = by_cat["category"].map(category_label)
        by_cat["qualifier_label"] = by_cat["qualifier"].map(qualifier_label)
        order = [category_label(c) for c in q.groupby("category").size().sort_values(ascending=False).index]
        fig = px.bar(
            by_cat,
            x="category_label",
            y="claims",
            color="qualifier_label",
            text_auto=True,
            category_orders={"category_label": order},
            custom_data=["category", "qualifier"],
            labels={
                "category_label": "",
                "claims": tr("Claims", "الأرقام"),
                "qualifier_label": tr("Qualifier", "الوصف"),
            },
        )
        st.markdown(f"**{tr('Claims by category', 'الأرقام حسب الفئة')}**")
        st.caption(tr("Click a bar to read the sentences behind it.", "انقر عمودًا لتقرأ الجمل التي وراءه."))
        clicked = clickable_chart(fig, "quantity_categories_chart", height=380)
        picked = {tuple(p["customdata"][:2]) for p in clicked if p.get("customdata")}
        for row in first_rows(q[[(c, k) in picked for c, k in zip(q["category"], q["qualifier"])]]).itertuples():
            rtl_block(
                row.sentence,
                (
                    value_text(row.value, row.value_low),
                    category_label(row.category),
                    qualifier_label(row.qualifier),
                    row.outlet,
                ),
                (row.text,),
            )
            read_in_article(row.article, row.start)

        same_thing_panel(q)

        st.subheader(tr("Figure tracker", "تتبّع الرقم"))
        figure_tracker(q, "numbers")

        with st.expander(tr("Sentences of the claims", "جمل الأرقام"), expanded=False):
            for row in first_rows(q.sort_values("value", ascending=False)).itertuples():
                rtl_block(
                    row.sentence,
                    (value_text(row.value, row.value_low), category_label(row.category), row.outlet),
                    (row.text,),
                )

    st.subheader(tr("Weapon mentions by class", "ذكر الأسلحة حسب الفئة"))
    st.caption(tr("Every mention of a weapon class, with or without a number.", "كل ذكر لفئة سلاح، بعدد أو من دونه."))
    w = tables.weapons
    if w.empty:
        empty_note("weapon mentions")
    else:
        w = w.assign(
            weapon_label=w["weapon_ar"] if lang() == "ar" else w["weapon_en"],
            day=w["published"].dt.strftime("%Y-%m-%d").fillna(tr("undated", "بلا تاريخ")),
        )
        order = w.groupby("weapon_label").size().sort_values(ascending=False).index.tolist()
        counts = w.groupby(["weapon_label", "outlet"]).size().rename("mentions").reset_index()
        fig = px.bar(
            counts,
            y="weapon_label",
            x="mentions",
            color="outlet",
            orientation="h",
            category_orders={"weapon_label": order},
            color_discrete_map=outlet_colours(),
            custom_data=["weapon_label", "outlet"],
            labels={"weapon_label": "", "mentions": tr("Mentions", "مرات الذكر"), "outlet": tr("Outlet", "المنفذ")},
        )
        fig.update_yaxes(ticksuffix="  ")
        st.markdown(f"**{tr('Across outlets', 'عبر المنافذ')}**")
        st.caption(tr("Click a bar to read the sentences behind it.", "انقر عمودًا لتقرأ الجمل التي وراءه."))
        clicked = clickable_chart(fig, "weapon_classes", height=max(320, 34 * len(order) + 120))
        picked = {tuple(p["customdata"][:2]) for p in clicked if p.get("customdata")}
        for row in first_rows(w[[(c, o) in picked for c, o in zip(w["weapon_label"], w["outlet"])]]).itertuples():
            rtl_block(row.sentence, (row.weapon_label, row.outlet), (row.text,))
            read_in_article(row.article, row.start)

        over_time = w.groupby(["day", "weapon_label"]).size().rename("mentions").reset_index()
        fig = px.bar(
            over_time,
            x="day",
            y="mentions",
            color="weapon_label",
            category_orders={"weapon_label": order},
            labels={
                "day": tr("Publication date", "تاريخ النشر"),
                "mentions": tr("Mentions", "مرات الذكر"),
                "weapon_label": tr("Weapon class", "فئة السلاح"),
            },
        )
        fig.update_xaxes(type="category")
        st.markdown(f"**{tr('Over time (by publication date)', 'عبر الزمن (حسب تاريخ النشر)')}**")
        chart(fig, "weapon_classes_time", height=420)

        per_article = (
            w.merge(tables.articles[["article", "title"]], on="article", how="left")
            .groupby(["weapon_label", "outlet", "day", "title"])
            .size()
            .rename("mentions")
            .reset_index()
            .sort_values(["weapon_label", "day"])
        )
        st.dataframe(
            table_rows(per_article),
            hide_index=True,
            key="weapon_table",
            column_config={
                "weapon_label": tr("Weapon class", "فئة السلاح"),
                "outlet": tr("Outlet", "المنفذ"),
                "day": tr("Published", "تاريخ النشر"),
                "title": tr("Article", "المقال"),
                "mentions": st.column_config.NumberColumn(tr("Mentions", "مرات الذكر"), format="localized"),
            },
        )
        download(
            w.drop(columns=["start", "end", "weapon_label", "day"]),
            "weapons",
            tr("Download weapon mentions (CSV)", "تنزيل ذكر الأسلحة (CSV)"),
        )
