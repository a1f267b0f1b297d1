"""Attention over time: how often the articles name the entities, weapon classes and words
the reader picks, per day or week, by outlet, absolutely or per article; a click on a point
opens its sentences."""

import pandas as pd
import plotly.express as px
import streamlit as st

from analysis.attention import attention, in_period
from analysis.contexts import QueryError, keyword_contexts, raw_prefilter
from dashboard.charts import clickable_chart
from dashboard.data import corpus_articles, corpus_has_texts
from dashboard.downloads import download
from dashboard.escape import escape_markdown
from dashboard.labels import entity_name, outlet_name, outlet_names
from dashboard.language import lang, tr
from dashboard.links import from_link, linked_choices, picker_options, to_link
from dashboard.navigation import read_in_article
from dashboard.render import empty_note, first_rows, has_articles, rtl_block
from dashboard.session import current_tables

st.title(tr("Attention over time · الاهتمام عبر الزمن", "الاهتمام عبر الزمن"))
st.caption(
    tr(
        "How often the articles name what you pick, day by day or week by week. Click a point "
        "to read the sentences behind it.",
        "كم مرة تذكر المقالات ما تختاره، يومًا بيوم أو أسبوعًا بأسبوع. انقر نقطة لتقرأ الجمل التي وراءها.",
    )
)
PERIODS = {"day": tr("Day", "يوم"), "week": tr("Week", "أسبوع")}
MEASURES = {"mentions": tr("Mentions", "الإشارات"), "per_article": tr("Per article", "لكل مقال")}


def keyword_hits(words: list[str], ids: list[str]) -> pd.DataFrame:
    """Every hit of each word (article, series, start, sentence, text): the keyword-in-context
    search, on the texts that can hold the word only."""
    found = []
    for word in words:
        try:
            hits = keyword_contexts(word, corpus_articles(ids, matching=raw_prefilter(word)).values(), width=90)
        except QueryError:
            continue
        found.append(
            pd.DataFrame(
                {
                    "article": hits["article"],
                    "series": f"«{word}»",
                    "start": hits["start"],
                    "sentence": hits["left"] + hits["match"] + hits["right"],
                    "text": hits["match"],
                }
            )
        )
    return pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=["article", "series"])


tables = current_tables()
if has_articles(tables):
    m, w = tables.mentions, tables.weapons
    if tables.articles["published"].isna().all():
        empty_note("publication dates", "تواريخ نشر")
        st.stop()
    counted = m.groupby("entity").size().sort_values(ascending=False, kind="stable")
    wanted = [*st.query_params.get_all("ent"), *(st.session_state.get("attention_entities") or [])]
    options = picker_options(counted.index.tolist(), wanted)
    names = m.drop_duplicates("entity").set_index("entity").loc[options]
    label = dict(zip(options, map(entity_name, names["name_ar"].tolist(), names["name_en"].tolist())))
    left, right = st.columns(2)
    entities = linked_choices(
        left.multiselect,
        tr("Entities", "الكيانات"),
        options,
        key="attention_entities",
        param="ent",
        default=list(counted.index[:3]),
        omit_default=False,  # the top three of the corpus the link is opened on may be others
        format_func=label.get,
        placeholder=tr("Choose entities", "اختر كيانات"),
    )
    weapon_names = w.drop_duplicates("weapon").set_index("weapon")["weapon_en" if lang() == "en" else "weapon_ar"]
    weapons = linked_choices(
        right.multiselect,
        tr("Weapon classes", "فئات الأسلحة"),
        sorted(weapon_names.index),
        key="attention_weapons",
        param="weapon",
        default=[],
        format_func=weapon_names.get,
        placeholder=tr("Choose weapon classes", "اختر فئات أسلحة"),
    )
    from_link("attention_words", "kw", default="")
    words_text = left.text_input(
        tr("Keywords, separated by commas", "كلمات مفتاحية، تفصل بينها فواصل"),
        key="attention_words",
        disabled=not corpus_has_texts(),
    )
    to_link("kw", words_text.strip())
    words = [x.strip() for x in words_text.replace("،", ",").split(",") if x.strip()]

    span = tables.articles["published"].max() - tables.articles["published"].min()
    from_link("attention_period", "per", default="week" if span > pd.Timedelta(days=60) else "day")
    period = (
        right.segmented_control(tr("Per", "لكل"), list(PERIODS), format_func=PERIODS.get, key="attention_period")
        or "day"
    )
    to_link("per", period, default="week" if span > pd.Timedelta(days=60) else "day")
    from_link("attention_measure", "measure", default="mentions")
    measure = (
        right.segmented_control(tr("Count", "العدّ"), list(MEASURES), format_func=MEASURES.get, key="attention_measure")
        or "mentions"
    )
    to_link("measure", measure, default="mentions")
    from_link("attention_by_outlet", "by", parse=lambda v: v == "outlet", default=False)
    by_outlet = left.toggle(tr("One line per outlet", "خط لكل منفذ"), key="attention_by_outlet")
    to_link("by", "outlet" if by_outlet else None)

    picked = m[m["entity"].isin(entities)]
    hits = pd.concat(
        [
            picked.assign(series=picked["entity"].map(label))[["article", "series", "start", "sentence", "text"]],
            w[w["weapon"].isin(weapons)].assign(series=lambda f: f["weapon"].map(weapon_names))[
                ["article", "series", "start", "sentence", "text"]
            ],
            keyword_hits(words, tables.articles["article"].tolist()),
        ],
        ignore_index=True,
    )
    if hits.empty:
        st.info(
            tr(
                "Pick an entity, a weapon class or a keyword that the articles shown mention.",
                "اختر كيانًا أو فئة سلاح أو كلمة تذكرها المقالات المعروضة.",
            )
        )
        st.stop()
    frame = attention(hits, tables.articles, period)
    if not by_outlet:  # all outlets together: sums, then the rate
        frame = (
            frame.groupby(["period", "series"], as_index=False)[["mentions", "articles"]]
            .sum()
            .assign(outlet="", per_article=lambda f: f["mentions"] / f["articles"].where(f["articles"] > 0))
        )
    frame = frame.assign(shown_outlet=outlet_names(frame["outlet"]))
    fig = px.line(
        frame,
        x="period",
        y=measure,
        color="series",
        line_dash="shown_outlet" if by_outlet else None,
        markers=True,
        custom_data=["series", "period", "outlet"],
        hover_data={"articles": True, "shown_outlet": by_outlet},
        labels={
            "period": tr("Published", "تاريخ النشر"),
            "mentions": MEASURES["mentions"],
            "per_article": tr("Mentions per article", "الإشارات لكل مقال"),
            "series": "",
            "shown_outlet": tr("Outlet", "المنفذ"),
            "articles": tr("Articles", "المقالات"),
        },
    )
    fig.update_traces(marker=dict(size=8))
    clicked = clickable_chart(fig, "attention", height=440)
    download(frame.drop(columns=["shown_outlet"]), "attention")

    for point in clicked[:1]:  # the sentences behind the clicked point
        series, start, outlet = (point.get("customdata") or [None, None, None])[:3]
        if series is None:
            continue
        published = hits.merge(tables.articles[["article", "outlet", "published"]], on="article")
        chosen = published[(published["series"] == series) & in_period(published["published"], start, period)]
        if outlet:
            chosen = chosen[chosen["outlet"] == outlet]
        when = pd.Timestamp(start).strftime("%Y-%m-%d")
        shown = escape_markdown(series)  # a keyword as typed, an entity's name
        st.subheader(
            tr(
                f"{shown}: {len(chosen):,} mention(s), {PERIODS[period].lower()} of {when}",
                f"{shown}: {len(chosen):,} إشارة، {PERIODS[period]} {when}",
            )
        )
        for row in first_rows(chosen.sort_values(["published", "article", "start"])).itertuples():
            rtl_block(row.sentence, (outlet_name(row.outlet), row.published.strftime("%Y-%m-%d")), (row.text,))
            read_in_article(row.article, int(row.start))
