"""Overview: the story in one screen: the articles in time by outlet, the main actors, the key
figures and how widely they are reported, and what the newest articles add; every item opens
the sentences behind it."""

import pandas as pd
import plotly.express as px
import streamlit as st

from dashboard.charts import MAX_POINTS, TYPE_COLOURS, clickable_chart, outlet_colours
from dashboard.downloads import download
from dashboard.labels import entity_name, outlet_name, outlet_names, type_name
from dashboard.language import tr
from dashboard.navigation import read_in_article
from dashboard.render import first_rows, fmt_number, has_articles, rtl_block, table_rows
from dashboard.session import current_tables

st.title(tr("مرصد · Overview", "مرصد · نظرة عامة"))
st.caption(
    tr(
        "One news story read across outlets: who it is about, its figures, how it moved.",
        "قصة إخبارية واحدة تُقرأ عبر المنافذ: عمّن تتحدث، وأرقامها، وكيف تطورت.",
    )
)
ACTOR_TYPES = ("person", "place", "organisation")
TOP_ACTORS, TOP_FIGURES, NEWEST = 15, 8, 3


def sentence_cards(rows: pd.DataFrame, note) -> None:
    """The sentences of some span rows, each with its way into the article."""
    for row in first_rows(rows.sort_values(["published", "article", "start"]), 30).itertuples():
        rtl_block(row.sentence, note(row), (row.text,))
        read_in_article(row.article, int(row.start))


def when(stamp) -> str:
    return stamp.strftime("%Y-%m-%d") if pd.notna(stamp) else tr("no date", "بلا تاريخ")


tables = current_tables()
if has_articles(tables):
    a, m, q = tables.articles, tables.mentions, tables.quantities
    figures = {
        tr("Articles", "المقالات"): len(a),
        tr("Outlets", "المنافذ"): a["outlet"].nunique(),
        tr("Words", "الكلمات"): int(a["words"].sum()),
        tr("Entity mentions", "إشارات الكيانات"): len(m),
        tr("Quantity claims", "الكميات المذكورة"): len(q),
    }
    for column, (label, value) in zip(st.columns(len(figures)), figures.items()):
        column.metric(label, f"{value:,}", border=True)

    strip, actors = st.columns([3, 2])
    with strip:
        st.subheader(tr("The articles in time", "المقالات عبر الزمن"))
        dated = a[a["published"].notna()].assign(shown_outlet=lambda f: outlet_names(f["outlet"]))
        if dated.empty:
            st.caption(tr("No article has a publication date.", "لا تاريخ نشر لأي مقال."))
        else:
            colours = {outlet_name(o): c for o, c in outlet_colours().items()}
            many = len(dated) > MAX_POINTS
            if many:  # one marker a day and outlet, sized by its articles; a click lists them
                dated = (
                    dated.assign(day=dated["published"].dt.floor("D"))
                    .groupby(["day", "outlet", "shown_outlet"], as_index=False, observed=True)
                    .agg(article=("article", "first"), title=("title", "first"), articles=("article", "size"))
                    .rename(columns={"day": "published"})
                )
            fig = px.scatter(
                dated,
                x="published",
                y="shown_outlet",
                color="shown_outlet",
                size="articles" if many else None,
                custom_data=["article"],
                color_discrete_map=colours,
                hover_data={"title": True, "shown_outlet": False, **({"articles": True} if many else {})},
                labels={
                    "published": tr("Published", "تاريخ النشر"),
                    "shown_outlet": "",
                    "title": tr("Title", "العنوان"),
                    "articles": tr("Articles", "المقالات"),
                },
            )
            fig.update_traces(marker=dict(line=dict(width=1, color="white"), **({} if many else {"size": 14})))
            fig.update_layout(showlegend=False)
            picked = clickable_chart(fig, "overview_strip", height=max(240, 44 * dated["outlet"].nunique() + 120))
            for point in picked[:1]:
                row = a[a["article"] == (point.get("customdata") or [None])[0]]
                if many and not row.empty:  # every article of that outlet and day
                    day = row["published"].iloc[0].floor("D")
                    row = a[(a["outlet"] == row["outlet"].iloc[0]) & (a["published"].dt.floor("D") == day)]
                for r in first_rows(row, NEWEST * 5).itertuples():
                    rtl_block(r.title or r.article, (outlet_name(r.outlet), when(r.published)))
                    read_in_article(r.article, 0, ("Read the article", "اقرأ المقال"))
            if len(dated) < len(a):
                st.caption(
                    tr(
                        f"{len(a) - len(dated):,} undated articles are not placed.",
                        f"{len(a) - len(dated):,} مقالات بلا تاريخ لم توضع على المحور.",
                    )
                )

    with actors:
        st.subheader(tr("Main actors", "الفاعلون الرئيسيون"))
        named = m[m["type"].isin(ACTOR_TYPES)]
        if named.empty:
            st.caption(tr("No person, place or organisation is named.", "لا يُذكر شخص ولا مكان ولا منظمة."))
        else:
            top = (
                named.groupby(["entity", "name_ar", "name_en", "type"], as_index=False)
                .agg(mentions=("start", "size"), articles=("article", "nunique"))
                .sort_values(["mentions", "name_en"], ascending=[False, True])
                .head(TOP_ACTORS)
            )
            top["name"] = [entity_name(ar, en) for ar, en in zip(top["name_ar"], top["name_en"])]
            top["kind"] = top["type"].map(type_name)
            fig = px.bar(
                top,
                x="mentions",
                y="name",
                color="kind",
                orientation="h",
                custom_data=["entity"],
                color_discrete_map={type_name(t): c for t, c in TYPE_COLOURS.items()},
                category_orders={"name": top["name"].tolist()},
                hover_data={"articles": True},
                labels={
                    "mentions": tr("Mentions", "الإشارات"),
                    "name": "",
                    "kind": "",
                    "articles": tr("Articles", "المقالات"),
                },
            )
            chosen = clickable_chart(fig, "overview_actors", height=26 * len(top) + 140)
            entity = next((p["customdata"][0] for p in chosen if p.get("customdata")), None)
            if entity:
                sentence_cards(named[named["entity"] == entity], lambda r: (outlet_name(r.outlet), when(r.published)))

    figures_col, latest = st.columns(2)
    with figures_col:
        st.subheader(tr("Key figures", "الأرقام الرئيسية"))
        if q.empty:
            st.caption(tr("No quantity is claimed.", "لا تُذكر كميات."))
        else:
            claims = (
                q.assign(thing=q["weapon"].where(q["weapon"] != "", q["noun"]), timed=q["category"] == "time")
                .groupby(["value", "thing"], as_index=False)
                .agg(
                    noun=("noun", "first"),
                    articles=("article", "nunique"),
                    outlets=("outlet", "nunique"),
                    timed=("timed", "all"),
                )
                .sort_values(["articles", "outlets", "timed", "value"], ascending=[False, False, True, False])
                .head(TOP_FIGURES)
                .reset_index(drop=True)
            )
            claims["figure"] = [f"{fmt_number(v)} {n}" for v, n in zip(claims["value"], claims["noun"])]
            claims["spread"] = [
                tr(f"{n} article{'s' if n != 1 else ''}, {o} outlet{'s' if o != 1 else ''}", f"{n} مقال، {o} منفذ")
                for n, o in zip(claims["articles"], claims["outlets"])
            ]
            st.caption(tr("Select a row to read its sentences.", "اختر صفًا لتقرأ جمله."))
            event = st.dataframe(
                claims[["figure", "spread"]],
                hide_index=True,
                key="overview_figures",
                on_select="rerun",
                selection_mode="single-row",
                column_config={"figure": tr("Figure", "الرقم"), "spread": tr("Reported in", "ورد في")},
            )
            for i in event.selection.rows if event else []:
                value, thing = claims.at[i, "value"], claims.at[i, "thing"]
                rows = q[(q["value"] == value) & ((q["weapon"] == thing) | (q["noun"] == thing))]
                sentence_cards(rows, lambda r: (fmt_number(r.value), outlet_name(r.outlet), when(r.published)))

    with latest:
        st.subheader(tr("Latest developments", "آخر التطورات"))
        st.caption(tr("What the newest articles are first to report.", "ما تنقله أحدث المقالات أولًا."))
        newest = a[a["published"].notna()].sort_values("published", ascending=False).head(NEWEST)
        firsts = tables.firsts
        for r in newest.itertuples():
            new = firsts[firsts["article"] == r.article].sort_values(  # claims and events before names
                "kind", key=lambda k: k.map({"quantity": 0, "event": 1}).fillna(2), kind="stable"
            )
            with st.container(border=True):
                rtl_block(
                    r.title or r.article,
                    (outlet_name(r.outlet), when(r.published), tr(f"{len(new):,} first(s)", f"{len(new):,} جديد")),
                )
                for f in new.drop_duplicates("sentence").head(3).itertuples():
                    rtl_block(
                        f.sentence,
                        (
                            tr(f.kind, {"entity": "كيان", "quantity": "كمية", "event": "حدث"}.get(f.kind, f.kind)),
                            f.text,
                        ),
                        (f.text,),
                    )
                    read_in_article(f.article, int(f.start))
                if new.empty:
                    st.caption(
                        tr("Nothing the earlier articles had not reported.", "لا شيء لم تنقله المقالات السابقة.")
                    )

    st.subheader(tr("Articles", "المقالات"))
    shown = a[["title", "outlet", "published", "date_basis", "author", "wire", "words"]].assign(
        outlet=outlet_names(a["outlet"])
    )
    st.dataframe(
        table_rows(shown),
        hide_index=True,
        key="articles",
        column_config={
            "title": st.column_config.TextColumn(tr("Title", "العنوان"), width="large"),
            "outlet": tr("Outlet", "المنفذ"),
            "published": st.column_config.DateColumn(tr("Published", "تاريخ النشر"), format="YYYY-MM-DD"),
            "date_basis": st.column_config.TextColumn(
                tr("Date basis", "مصدر التاريخ"), help=tr("Where the date comes from", "من أين جاء التاريخ")
            ),
            "author": tr("Author", "الكاتب"),
            "wire": tr("Wire", "الوكالة"),
            "words": st.column_config.NumberColumn(tr("Words", "الكلمات"), format="localized"),
        },
    )
    download(a.drop(columns=["source_file"]), "articles")
    approximate = a["date_basis"].str.contains("inferred|approximate", na=False).sum()
    if approximate:
        st.caption(
            tr(
                f"{approximate:,} of {len(a):,} publication dates are inferred from the text, "
                "not given by the outlet; see the date basis column.",
                f"{approximate:,} من {len(a):,} تواريخ نشر مستنتجة من النص لا من المنفذ؛ انظر عمود مصدر التاريخ.",
            )
        )
    st.page_link(
        "views/reader.py",
        label=tr("Read the articles with their highlights", "اقرأ المقالات مع تلوينها"),
        icon=":material/menu_book:",
    )
