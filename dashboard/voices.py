"""Who said what and whom the articles cite, drawn on the Story view: speakers by outlet (a click
reads what one said), and the media and agencies cited."""

from __future__ import annotations

import plotly.express as px
import streamlit as st

from analysis.tables import Tables

from .charts import chart, clickable_chart, outlet_colours
from .downloads import download
from .language import tr
from .links import from_link, to_link
from .navigation import read_in_article
from .render import empty_note, first_rows, rtl_block

TOP_SPEAKERS = 30  # bars in the quotes chart
QUOTE_KINDS = {"direct": ("direct", "مباشر"), "reported": ("reported", "منقول")}


def who_said_what(tables: Tables) -> None:
    """Speakers by outlet, the most quoted first; a click on a bar lists what that speaker said."""
    st.subheader(tr("Who said what", "من قال ماذا"))
    quotes = tables.quotes
    if quotes.empty:
        empty_note("quotes", "اقتباسات")
    else:
        # one speaker under several descriptions ("اللواء التركي", "المتحدث") is one bar: its fullest one
        fullest = quotes["speaker_full"] if "speaker_full" in quotes.columns else quotes["speaker"]
        quotes = quotes.assign(who=[n or s for n, s in zip(quotes["speaker_name_en"], fullest)])
        by_speaker = quotes.groupby(["who", "outlet"]).size().reset_index(name="quotes")
        order = by_speaker.groupby("who")["quotes"].sum().sort_values(kind="stable").index.tolist()
        charted = order[-TOP_SPEAKERS:]  # the most quoted; the list below has every speaker
        fig = px.bar(
            by_speaker[by_speaker["who"].isin(charted)],
            x="quotes",
            y="who",
            color="outlet",
            orientation="h",
            color_discrete_map=outlet_colours(),
            category_orders={"who": charted[::-1]},
            labels={"who": "", "quotes": tr("Quotes", "الاقتباسات")},
        )
        st.caption(
            tr("Click a bar to read what that speaker said.", "انقر عمودًا لتقرأ ما قاله المتحدث.")
            + (
                tr(
                    f" The {TOP_SPEAKERS} most quoted of {len(order):,} speakers.",
                    f" أكثر {TOP_SPEAKERS} متحدثًا اقتباسًا من {len(order):,}.",
                )
                if len(order) > TOP_SPEAKERS
                else ""
            )
        )
        clicked = clickable_chart(fig, "quotes_by_speaker", height=max(300, 26 * len(charted) + 120))
        picked = next((p.get("y") for p in clicked if p.get("y") in order), None)
        if picked and st.session_state.get("_speaker_click") != picked:  # a new click only
            st.session_state["quote_speaker"] = picked
        st.session_state["_speaker_click"] = picked
        from_link("quote_speaker", "speaker")
        if st.session_state.get("quote_speaker") not in order:
            st.session_state["quote_speaker"] = order[-1]
        speaker = st.selectbox(tr("Speaker", "المتحدث"), order[::-1], key="quote_speaker")
        to_link("speaker", speaker, default=order[-1])
        for row in first_rows(quotes[quotes["who"] == speaker]).itertuples():
            rtl_block(
                row.quote, (row.verb, row.speaker, row.outlet, tr(*QUOTE_KINDS["direct" if row.direct else "reported"]))
            )
            read_in_article(row.article, row.start, ("Read it in the article", "اقرأه في المقال"))
        download(quotes.drop(columns=["who"]), "quotes", tr("Download quotes", "تنزيل الاقتباسات"))


def cited_sources(tables: Tables) -> None:
    """The media and agencies the articles cite, by outlet."""
    st.subheader(tr("Sources the articles cite", "المصادر التي تستشهد بها المقالات"))
    sources = tables.sources
    if sources.empty:
        empty_note("cited sources", "مصادر مستشهد بها")
    else:
        cited = sources.groupby(["source_ar", "outlet"]).size().reset_index(name="citations")
        fig = px.bar(
            cited,
            x="citations",
            y="source_ar",
            color="outlet",
            orientation="h",
            color_discrete_map=outlet_colours(),
            labels={"source_ar": "", "citations": tr("Citations", "الاستشهادات")},
        )
        chart(fig, "cited_sources", height=max(280, 30 * cited["source_ar"].nunique() + 120))
        download(sources, "sources", tr("Download cited sources", "تنزيل المصادر"))
