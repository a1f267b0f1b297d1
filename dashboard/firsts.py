"""What each article mentions first, drawn on the Story view: in publication order, the entities,
quantity claims and dated events an article reports before any earlier article shown did, a
page of articles at a time."""

from __future__ import annotations

from typing import Callable

import pandas as pd
import streamlit as st

from analysis.tables import Tables

from .language import tr
from .render import fmt_number, rtl_block

FIRSTS_PAGE = 50  # articles per page of "what each article mentions first"


def article_firsts(tables: Tables, a: pd.DataFrame, shown: Callable[[str], str]) -> None:
    """`a`: the articles in publication order with their date `quality`; `shown` labels it."""
    st.subheader(tr("What each article mentions first", "ما ذكره كل مقال أولًا"))
    st.caption(
        tr(
            "In publication order (among the outlets shown), the entities, quantity claims "
            "and dated events an article reports before any earlier article did.",
            "بترتيب النشر (بين المنافذ المعروضة): الكيانات والكميات والأحداث المؤرخة التي ذكرها مقال قبل أي مقال سابق.",
        )
    )
    # A page of FIRSTS_PAGE articles at a time; what came before it counts as already named
    pages = -(-len(a) // FIRSTS_PAGE)
    page = (
        st.number_input(
            tr(
                f"Page (of {pages:,}, {FIRSTS_PAGE} articles each)",
                f"الصفحة (من {pages:,}، في كل منها {FIRSTS_PAGE} مقالًا)",
            ),
            min_value=1,
            max_value=pages,
            value=1,
            key="firsts_page",
        )
        if pages > 1
        else 1
    )
    earlier = set(a["article"].iloc[: (page - 1) * FIRSTS_PAGE])
    m, q, ev = tables.mentions, tables.quantities, tables.events
    seen_entities: set[str] = set(m.loc[m["article"].isin(earlier), "entity"])
    before = q[q["article"].isin(earlier)]
    seen_claims: set[tuple[float, str]] = set(zip(before["value"], before["noun"]))
    seen_events: set[str] = set(ev.loc[ev["article"].isin(earlier), "event"])
    on_page = a.iloc[(page - 1) * FIRSTS_PAGE : page * FIRSTS_PAGE]
    m, q, ev = (frame[frame["article"].isin(on_page["article"])] for frame in (m, q, ev))
    for article in on_page.itertuples():
        names = m[m["article"] == article.article].drop_duplicates("entity")[["entity", "name_ar", "name_en"]]
        new_names = names[~names["entity"].isin(seen_entities)]
        seen_entities.update(names["entity"])
        claims = q[q["article"] == article.article].drop_duplicates(["value", "noun"])
        new_claims = [c for c in claims.itertuples() if (c.value, c.noun) not in seen_claims]
        seen_claims.update(zip(claims["value"], claims["noun"]))
        reported = ev[ev["article"] == article.article].drop_duplicates("event")
        new_events = [e for e in reported.itertuples() if e.event not in seen_events]
        seen_events.update(reported["event"])
        when = article.published.strftime("%Y-%m-%d") if pd.notna(article.published) else shown("no date")
        with st.container(border=True):
            rtl_block(
                article.title or article.article,
                (
                    f"{when} ({shown(article.quality)})",
                    article.outlet,
                    tr(f"{article.words:,} words", f"{article.words:,} كلمة"),
                ),
            )
            if new_names.empty and not new_claims and not new_events:
                st.caption(
                    tr("Nothing new: everything it names was named earlier.", "لا جديد: كل ما يسمّيه سُمّي من قبل.")
                )
            if not new_names.empty:
                rtl_block(
                    "، ".join(new_names["name_ar"]),
                    tr(
                        f"{len(new_names):,} entities first named here: " + ", ".join(new_names["name_en"]),
                        f"{len(new_names):,} كيانات سُمّيت هنا أولًا",
                    ),
                )
            for claim in new_claims:
                rtl_block(
                    claim.sentence,
                    (tr("first claim", "أول ذكر للكمية"), fmt_number(claim.value), claim.noun),
                    (claim.text,),
                )
            for event in new_events:
                rtl_block(event.sentence, (tr("first report of an event", "أول نقل لحدث"), event.date), (event.text,))
