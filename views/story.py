"""The story in time: when each article appeared, the dated events it reports, how its figures
(tolls, sums) moved, who said what, whom it cites, what each article was first to mention, and
text articles share."""

import numpy as np
import pandas as pd
import plotly.express as px
import streamlit as st

from analysis.events import event_labels
from analysis.story import event_points
from dashboard.charts import MAX_POINTS, chart, clickable_chart, outlet_colours
from dashboard.figure_tracker import figure_tracker
from dashboard.firsts import article_firsts
from dashboard.labels import outlet_name
from dashboard.language import labelled, tr
from dashboard.navigation import read_in_article
from dashboard.render import empty_note, first_rows, has_articles, rtl_block
from dashboard.session import current_tables
from dashboard.voices import cited_sources, who_said_what

st.title(tr("Story · القصة", "القصة"))
TOP_EVENTS = 40  # rows of the events chart
LABELS_AR = {
    "given": "معطى",
    "inferred": "مستنتج",
    "approximate": "تقريبي",
    "no date": "بلا تاريخ",
    "day": "يوم",
    "month": "شهر",
    "year": "سنة",
    "year written": "السنة مكتوبة",
    "year inferred": "السنة مستنتجة",
    "direct": "مباشر",
    "reported": "منقول",
}


def shown(value: str) -> str:
    """A label of this page in the interface language: shown("inferred") -> "مستنتج" in Arabic."""
    return tr(value, LABELS_AR.get(value, value))


def date_quality(basis: str, published) -> str:
    """How far to trust a publication date, from the metadata's date_basis."""
    if pd.isna(published):
        return "no date"
    basis = (basis or "").lower()
    if "approximate" in basis:
        return "approximate"
    if basis.startswith("inferred"):
        return "inferred"
    return "given"


def mentioned_dates(d: pd.DataFrame) -> pd.Series:
    """The first day each date span can mean ("يوليو الماضي" -> 1 July), NaT without a year;
    "31 فبراير" happens in real news (SaudiNewsNet): placed on the month's last day."""
    rows = d[d["year"].notna()]
    first = pd.to_datetime(
        pd.DataFrame({"year": rows["year"].astype(int), "month": rows["month"].fillna(1).astype(int), "day": 1}),
        errors="coerce",
    )
    day = np.minimum(rows["day"].fillna(1).astype(int), first.dt.days_in_month.fillna(1).astype(int))
    return (first + pd.to_timedelta(day - 1, unit="D")).reindex(d.index)


tables = current_tables()
if has_articles(tables):
    a = tables.articles.copy()
    a["quality"] = [date_quality(b, p) for b, p in zip(a["date_basis"], a["published"])]
    a = a.sort_values(["published", "article"], na_position="last").reset_index(drop=True)

    st.subheader(tr("When the articles appeared", "متى ظهرت المقالات"))
    dated = a[a["published"].notna()]
    if dated.empty:
        empty_note("publication dates", "تواريخ نشر")
    else:
        many = len(dated) > MAX_POINTS
        if many:  # one point a day and outlet, sized by its articles
            dated = (
                dated.assign(published=dated["published"].dt.floor("D"))
                .groupby(["published", "outlet", "quality"], as_index=False, observed=True)
                .agg(articles=("article", "size"), title=("title", "first"), date_basis=("date_basis", "first"))
            )
        fig = px.scatter(
            dated.assign(date_quality=labelled(dated["quality"], shown)),
            x="published",
            y="outlet",
            color="outlet",
            symbol="date_quality",
            size="articles" if many else None,
            color_discrete_map=outlet_colours(),
            symbol_map={shown("given"): "circle", shown("inferred"): "diamond-open", shown("approximate"): "x-open"},
            hover_data={"title": True, "date_basis": True, "outlet": False, **({"articles": True} if many else {})},
            labels={
                "published": tr("Published", "تاريخ النشر"),
                "outlet": "",
                "date_quality": tr("Date", "التاريخ"),
                "title": tr("Title", "العنوان"),
                "date_basis": tr("Date basis", "مصدر التاريخ"),
                "articles": tr("Articles", "المقالات"),
            },
        )
        if not many:
            fig.update_traces(marker=dict(size=16, line=dict(width=2)))
        chart(fig, "article_timeline", height=360)
    st.caption(
        tr(
            "Open diamond: date inferred from the text; cross: approximate. ",
            "المعيّن المفرّغ: تاريخ مستنتج من النص؛ العلامة ×: تقريبي. ",
        )
        + (
            tr(
                f"{(a['quality'] == 'no date').sum():,} articles have no date.",
                f"{(a['quality'] == 'no date').sum():,} مقالات بلا تاريخ.",
            )
            if a["published"].isna().any()
            else ""
        )
    )

    st.subheader(tr("Dates the articles mention", "التواريخ التي تذكرها المقالات"))
    d = tables.dates
    if d.empty:
        empty_note("dates in the text", "تواريخ في النص")
    else:
        d = d.copy()
        d["when"] = mentioned_dates(d)
        precision = np.where(d["day"].notna(), "day", np.where(d["month"].notna(), "month", "year"))
        d["precision"] = labelled(pd.Series(precision, index=d.index), shown)
        inferred = d["year_inferred"].fillna(True).astype(bool)
        d["year"] = labelled(pd.Series(np.where(inferred, "year inferred", "year written"), index=d.index), shown)
        placed = d[d["when"].notna()]
        if len(placed) < len(d):
            st.caption(
                tr(
                    f"{len(d) - len(placed):,} dates without a year are listed below but not placed.",
                    f"{len(d) - len(placed):,} تواريخ بلا سنة مذكورة أدناه ولم توضع على المحور.",
                )
            )
        many = len(placed) > MAX_POINTS
        shown_points = placed
        if many:  # one point a date and outlet, sized by its sentences; a click lists them all
            shown_points = placed.groupby(["when", "outlet", "precision", "year"], as_index=False, observed=True).agg(
                article=("article", "first"),
                start=("start", "first"),
                text=("text", "first"),
                date=("date", "first"),
                sentences=("article", "size"),
            )
        fig = px.scatter(
            shown_points,
            x="when",
            y="outlet",
            color="precision",
            symbol="year",
            size="sentences" if many else None,
            custom_data=["article", "start"],
            symbol_map={shown("year written"): "circle", shown("year inferred"): "circle-open"},
            hover_data={"text": True, "date": True, "outlet": False, "when": False},
            labels={
                "when": tr("Date mentioned", "التاريخ المذكور"),
                "outlet": "",
                "text": tr("As written", "كما كُتب"),
                "precision": tr("precision", "الدقة"),
                "year": tr("year", "السنة"),
                "date": tr("date", "التاريخ"),
            },
        )
        if not many:
            fig.update_traces(marker=dict(size=13, line=dict(width=2)))
        st.caption(tr("Click a point to read its sentence.", "انقر نقطة لتقرأ جملتها."))
        clicked = clickable_chart(fig, "date_timeline", height=380)
        for point in clicked:  # the sentences behind each clicked date, and a way into the article
            article, start = (point.get("customdata") or [None, None])[:2]
            behind = d[(d["article"] == article) & (d["start"] == start)]
            if many and not behind.empty:  # the point's date and outlet
                first = behind.iloc[0]
                behind = first_rows(placed[(placed["when"] == first["when"]) & (placed["outlet"] == first["outlet"])])
            for row in behind.itertuples():
                rtl_block(row.sentence, (row.date, row.outlet), (row.text,))
                read_in_article(row.article, row.start, ("Read it in the article", "اقرأه في المقال"))
        with st.expander(
            tr(f"The {len(d):,} sentences with dates, in date order", f"الجمل المؤرخة ({len(d):,}) بترتيب التاريخ"),
            expanded=False,
        ):
            for row in first_rows(d.sort_values(["when", "outlet"], na_position="last")).itertuples():
                rtl_block(row.sentence, (row.date, row.outlet, row.year), (row.text,))

    st.subheader(tr("Events", "الأحداث"))
    points = event_points(tables.events)
    if points.empty:
        empty_note("dated events", "أحداث مؤرخة")
    else:
        st.caption(
            tr(
                "A dated fact the articles report; the same date and actors in several articles "
                "is one event, labelled by its actors and the key words of its sentence. Size: how many "
                "articles report it. Click an event to read its sentences.",
                "واقعة مؤرخة تنقلها المقالات؛ التاريخ نفسه والفاعلون أنفسهم في عدة مقالات حدث واحد، "
                "يُعنون بفاعليه والكلمات المفتاحية في جملته. الحجم: عدد المقالات التي تنقله. "
                "انقر حدثًا لتقرأ جمله.",
            )
        )
        names = dict(zip(tables.mentions["entity"], tables.mentions["name_ar"]))  # the label is Arabic text
        points = points.merge(event_labels(points, names), on="event")
        points["reported_by"] = [" · ".join(outlet_name(o) for o in os) for os in points["outlets"]]
        points["when"] = pd.to_datetime(points["date_from"])
        charted = points.sort_values(["n_articles", "date_from"], ascending=[False, True], kind="stable")
        charted = charted.head(TOP_EVENTS).sort_values(["date_from", "event"])
        if len(points) > TOP_EVENTS:
            st.caption(
                tr(
                    f"The {TOP_EVENTS} events reported by most articles, of {len(points):,}.",
                    f"أكثر {TOP_EVENTS} حدثًا نقلًا من {len(points):,}.",
                )
            )
        fig = px.scatter(
            charted,
            x="when",
            y="label",
            size="n_articles",
            size_max=22,
            custom_data=["event"],
            color=charted["outlets"].map(lambda o: outlet_name(o[0])),
            color_discrete_map=outlet_colours(),
            hover_data={"date": True, "n_articles": True, "reported_by": True, "label": False, "when": False},
            labels={
                "when": tr("When it happened", "متى وقع"),
                "label": "",
                "color": "",
                "n_articles": tr("articles", "مقالات"),
                "reported_by": tr("reported by", "نقلته"),
                "date": tr("date", "التاريخ"),
            },
        )
        fig.update_yaxes(categoryorder="array", categoryarray=charted["label"].tolist()[::-1])
        clicked = clickable_chart(fig, "event_timeline", height=max(380, 26 * len(charted) + 140))
        for point in clicked[:1]:  # the event's sentences, one per article that reports it
            event = (point.get("customdata") or [None])[0]
            chosen = points[points["event"] == event]
            for row in tables.events[tables.events["event"] == event].drop_duplicates("article").itertuples():
                rtl_block(row.sentence, (chosen["label"].iat[0], row.date, outlet_name(row.outlet)), (row.text,))
                read_in_article(row.article, row.start, ("Read it in the article", "اقرأه في المقال"))
        with st.expander(
            tr(
                f"The {len(points):,} events and the sentence that reports each first",
                f"الأحداث ({len(points):,}) والجملة التي نقلت كلًّا منها أولًا",
            )
        ):
            for row in first_rows(points).itertuples():
                rtl_block(
                    row.sentence,
                    (
                        row.label,
                        row.date,
                        tr(f"{row.n_articles} article(s)", f"{row.n_articles} مقال"),
                        row.reported_by,
                    ),
                )

    st.subheader(tr("How the figures moved", "كيف تغيّرت الأرقام"))
    figure_tracker(tables.quantities, "story")

    who_said_what(tables)
    cited_sources(tables)

    article_firsts(tables, a, shown)

    st.subheader(tr("Passages articles share", "مقاطع مشتركة بين المقالات"))
    shared = tables.shared
    if shared.empty:
        st.caption(
            tr(
                "No run of 8 or more words appears in two of the articles shown.",
                "لا تتكرر 8 كلمات متتالية أو أكثر في مقالين من المعروضة.",
            )
        )
    else:
        st.caption(
            tr(
                "Runs of 8 or more words (normalised) that two articles have in common: "
                "wire copy reused, or the same report retold.",
                "8 كلمات متتالية أو أكثر يشترك فيها مقالان: نص وكالة أعيد استخدامه أو الخبر نفسه أعيدت روايته.",
            )
        )
        for row in first_rows(shared).itertuples():
            rtl_block(
                row.text,
                (
                    tr(f"{row.words} words", f"{row.words} كلمة"),
                    f"{row.outlet} ({row.article})",
                    tr("earlier: ", "الأسبق: ") + f"{row.other_outlet} ({row.other_article})",
                ),
            )
