"""The figure tracker, drawn on the Numbers (Weapons & quantities) and Story views: one compared count
(the killed, the injured, a weapon class ...) across articles in publication order, one line per
outlet, each point opening its sentence and the way into the reader."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from analysis.quantities import figure_track, same_thing_claims
from .charts import clickable_chart, outlet_colours
from .language import lang, tr
from .navigation import read_in_article
from .render import fmt_number, rtl_block


LOG_SPREAD = 20  # values this far apart are drawn on a log axis


def thing_label(row) -> str:
    return row.thing_ar if lang() == "ar" else row.thing_en


def figure_tracker(quantities: pd.DataFrame, key: str) -> None:
    """A count to follow (casualties first) and its values by publication date and outlet;
    a click on a point shows its sentence. `key` keeps the widgets of two pages apart."""
    same = same_thing_claims(quantities)
    if same.empty:
        st.info(
            tr(
                "No count is given with different numbers in the articles shown.",
                "لا يوجد عدد وردت له أرقام مختلفة في المقالات المعروضة.",
            )
        )
        return
    firsts = same.drop_duplicates("thing")
    claims = same["thing"].value_counts()
    labels = {row.thing: f"{thing_label(row)} · {claims[row.thing]}" for row in firsts.itertuples()}
    thing = st.selectbox(
        tr("Count to follow", "العدد المتتبَّع"),
        list(labels),
        format_func=labels.get,
        key=f"{key}_thing",
        help=tr(
            "Casualties first, then people, weapons, money ...; the number after the name: claims found.",
            "الضحايا أولاً ثم الأشخاص والأسلحة والأموال...؛ الرقم بعد الاسم: عدد الأرقام الواردة.",
        ),
    )
    track = figure_track(same, thing)
    dated = track["published"].notna().any()
    shown = track.assign(
        when=track["published"] if dated else track["order"],
        shown=[
            fmt_number(v) if v == lo else f"{fmt_number(lo)}–{fmt_number(v)}"
            for v, lo in zip(track["value"], track["value_low"])
        ],
    )
    fig = px.line(
        shown,
        x="when",
        y="value",
        color="outlet",
        markers=True,
        custom_data=["article", "start"],
        color_discrete_map=outlet_colours(),
        hover_data={"text": True, "qualifier": True, "shown": True, "value": False, "when": False},
        labels={
            "when": tr("Published", "تاريخ النشر") if dated else tr("Article, in order", "المقال بالترتيب"),
            "value": labels[thing].split(" · ")[0],
            "outlet": tr("Outlet", "المنفذ"),
            "text": tr("As written", "كما ورد"),
            "qualifier": tr("Qualifier", "الوصف"),
            "shown": tr("Value", "القيمة"),
        },
    )
    fig.update_traces(marker=dict(size=12), line=dict(width=2))
    if dated:
        days = (track["published"].max() - track["published"].min()).days
        fig.update_xaxes(tickformat="%Y-%m-%d", **({"dtick": 86_400_000} if days <= 31 else {}))  # whole days
    else:
        fig.update_xaxes(dtick=1)
    low, high = track["value"].min(), track["value"].max()
    if low > 0 and high / low >= LOG_SPREAD:  # "32 killed" beside "40,000 killed since 1984": both in view
        fig.update_yaxes(type="log", dtick=1)  # ticks at 10, 100, 1000 only
    st.caption(
        tr(
            "Each point is one claim, in publication order; click a point to read its sentence.",
            "كل نقطة رقم ورد في مقال، بترتيب النشر؛ انقر نقطة لتقرأ جملتها.",
        )
    )
    clicked = clickable_chart(fig, f"{key}_figure_track", height=400)
    for point in clicked:
        article, start = (point.get("customdata") or [None, None])[:2]
        for row in shown[(shown["article"] == article) & (shown["start"] == start)].itertuples():
            rtl_block(
                row.sentence,
                (row.shown, row.outlet, f"{row.published:%Y-%m-%d}" if pd.notna(row.published) else ""),
                (row.text,),
            )
            read_in_article(row.article, int(row.start))
