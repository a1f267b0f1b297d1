"""Claims of the same count with different numbers, side by side with their sentences (casualties
first), and the labels of number claims in the interface language; drawn on the Numbers view."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from analysis.quantities import same_thing_claims

from .charts import chart, outlet_colours
from .downloads import download
from .escape import escape_markdown
from .language import lang, tr
from .render import first_rows, fmt_number, rtl_block

CATEGORY_AR = {
    "casualty": "ضحايا",
    "munition": "ذخائر",
    "weapon": "أسلحة",
    "container": "حاويات",
    "person": "أشخاص",
    "money": "أموال",
    "time": "مدة",
    "distance": "مسافة",
    "percent": "نسبة مئوية",
    "other": "أخرى",
}
QUALIFIER_AR = {
    "exact": "دقيق",
    "approx": "تقريبي",
    "at_least": "حد أدنى",
    "at_most": "حد أقصى",
    "range": "نطاق",
    "vague": "غير محدد",
}


SAME_THINGS_SHOWN = 12  # compared counts drawn side by side (the tracker follows any of them)


def category_label(category: str) -> str:
    return tr(category, CATEGORY_AR.get(category, category))


def qualifier_label(qualifier: str) -> str:
    return tr(qualifier.replace("_", " "), QUALIFIER_AR.get(qualifier, qualifier))


def value_text(value: float, low: float) -> str:
    """5000000 -> "5,000,000"; a range: "300–500"."""
    return fmt_number(value) if low == value else f"{fmt_number(low)}–{fmt_number(value)}"


def same_thing_panel(q: pd.DataFrame) -> None:
    """The compared counts of claims `q` as a strip chart, then each count's sentences."""
    st.subheader(tr("Same thing, different numbers", "الشيء نفسه بأرقام مختلفة"))
    st.caption(
        tr(
            "Claims about the same count that give different numbers, side by side with their "
            "sentences: casualties first (the killed, the injured ...), then people, weapon classes, "
            "money and other counted nouns.",
            "أرقام عن العدد نفسه تختلف قيمها، متجاورة مع جملها: الضحايا أولاً (القتلى والمصابون...)، "
            "ثم الأشخاص وفئات السلاح والأموال وسائر المعدودات.",
        )
    )
    same = same_thing_claims(q)
    same = same[same["thing"].isin(same["thing"].drop_duplicates().head(SAME_THINGS_SHOWN))]
    if same.empty:
        st.info(
            tr(
                "No two claims about the same thing disagree in the articles shown.",
                "لا توجد أرقام مختلفة عن الشيء نفسه في المقالات المعروضة.",
            )
        )
    else:
        same["thing_label"] = same["thing_ar"] if lang() == "ar" else same["thing_en"]
        same["shown"] = [value_text(v, lo) for v, lo in zip(same["value"], same["value_low"])]
        fig = px.strip(
            same,
            x="value",
            y="thing_label",
            color="outlet",
            log_x=True,
            hover_data={"text": True, "qualifier": True, "shown": True, "value": False},
            color_discrete_map=outlet_colours(),
            labels={
                "value": tr("Value (log scale)", "القيمة (مقياس لوغاريتمي)"),
                "thing_label": "",
                "outlet": tr("Outlet", "المنفذ"),
                "text": tr("As written", "كما ورد"),
                "qualifier": tr("Qualifier", "الوصف"),
                "shown": tr("Value", "القيمة"),
            },
        )
        fig.update_traces(marker_size=14)
        fig.update_yaxes(ticksuffix="  ", autorange="reversed")  # the first compared count (casualties) on top
        chart(fig, "quantity_same_thing", height=max(260, 70 * same["thing"].nunique() + 160))
        for _thing, group in same.groupby("thing", sort=False):
            st.markdown(
                f"**{escape_markdown(group['thing_label'].iloc[0])}** · "
                + tr(f"{group['value'].nunique()} different values", f"{group['value'].nunique()} قيم مختلفة")
            )
            columns = st.columns(min(len(group), 3))
            for i, row in enumerate(first_rows(group, 9).itertuples()):
                with columns[i % len(columns)]:
                    rtl_block(
                        row.sentence,
                        (
                            row.shown,
                            qualifier_label(row.qualifier),
                            row.outlet,
                            f"{row.published:%Y-%m-%d}" if row.published == row.published else "",
                        ),
                        (row.text,),
                    )
        download(
            same.drop(columns=["thing_label", "shown"]),
            "same-thing-claims",
            tr("Download compared claims (CSV)", "تنزيل الأرقام المقارنة (CSV)"),
        )
