"""The story in time: when each article appeared, the dated events it reports, how its figures
(tolls, sums) moved, who said what, whom it cites, what each article was first to mention, and
text articles share."""
import calendar

import pandas as pd
import plotly.express as px
import streamlit as st

from analysis.events import event_labels
from analysis.story import event_points
from dashboard.charts import chart, clickable_chart, outlet_colours
from dashboard.figure_tracker import figure_tracker
from dashboard.labels import outlet_name
from dashboard.language import tr
from dashboard.navigation import read_in_article
from dashboard.render import empty_note, first_rows, fmt_number, has_articles, rtl_block
from dashboard.session import current_tables
from dashboard.voices import cited_sources, who_said_what

st.title(tr("Story · القصة", "القصة"))
TOP_EVENTS = 40  # rows of the events chart
FIRSTS_PAGE = 50  # articles per page of "what each article mentions first"
LABELS_AR = {"given": "معطى", "inferred": "مستنتج", "approximate": "تقريبي", "no date": "بلا تاريخ",
             "day": "يوم", "month": "شهر", "year": "سنة", "year written": "السنة مكتوبة",
             "year inferred": "السنة مستنتجة", "direct": "مباشر", "reported": "منقول"}


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


def mentioned_date(row) -> pd.Timestamp:
    """The first day a mentioned date can mean ("يوليو الماضي" -> 1 July); NaT without a year."""
    if pd.isna(row.year):
        return pd.NaT
    year, month = int(row.year), int(row.month) if pd.notna(row.month) else 1
    # "31 فبراير" happens in real news (SaudiNewsNet): place it on the month's last day
    day = min(int(row.day), calendar.monthrange(year, month)[1]) if pd.notna(row.day) else 1
    return pd.Timestamp(year, month, day)


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
        fig = px.scatter(dated.assign(date_quality=dated["quality"].map(shown)), x="published", y="outlet",
                         color="outlet", symbol="date_quality", color_discrete_map=outlet_colours(),
                         symbol_map={shown("given"): "circle", shown("inferred"): "diamond-open",
                                     shown("approximate"): "x-open"},
                         hover_data={"title": True, "date_basis": True, "outlet": False},
                         labels={"published": tr("Published", "تاريخ النشر"), "outlet": "",
                                 "date_quality": tr("Date", "التاريخ"), "title": tr("Title", "العنوان"),
                                 "date_basis": tr("Date basis", "مصدر التاريخ")})
        fig.update_traces(marker=dict(size=16, line=dict(width=2)))
        chart(fig, "article_timeline", height=360)
    st.caption(tr("Open diamond: date inferred from the text; cross: approximate. ",
                  "المعيّن المفرّغ: تاريخ مستنتج من النص؛ العلامة ×: تقريبي. ")
               + (tr(f"{(a['quality'] == 'no date').sum():,} articles have no date.",
                     f"{(a['quality'] == 'no date').sum():,} مقالات بلا تاريخ.")
                  if a["published"].isna().any() else ""))

    st.subheader(tr("Dates the articles mention", "التواريخ التي تذكرها المقالات"))
    d = tables.dates
    if d.empty:
        empty_note("dates in the text", "تواريخ في النص")
    else:
        d = d.copy()
        d["when"] = [mentioned_date(r) for r in d.itertuples()]
        d["precision"] = [shown("day" if pd.notna(r.day) else "month" if pd.notna(r.month) else "year")
                          for r in d.itertuples()]
        d["year"] = [shown("year inferred" if i else "year written") for i in d["year_inferred"]]
        placed = d[d["when"].notna()]
        if len(placed) < len(d):
            st.caption(tr(f"{len(d) - len(placed):,} dates without a year are listed below but not placed.",
                          f"{len(d) - len(placed):,} تواريخ بلا سنة مذكورة أدناه ولم توضع على المحور."))
        fig = px.scatter(placed, x="when", y="outlet", color="precision", symbol="year",
                         custom_data=["article", "start"],
                         symbol_map={shown("year written"): "circle", shown("year inferred"): "circle-open"},
                         hover_data={"text": True, "date": True, "outlet": False, "when": False},
                         labels={"when": tr("Date mentioned", "التاريخ المذكور"), "outlet": "", "text": tr("As written", "كما كُتب"),
                                 "precision": tr("precision", "الدقة"), "year": tr("year", "السنة"),
                                 "date": tr("date", "التاريخ")})
        fig.update_traces(marker=dict(size=13, line=dict(width=2)))
        st.caption(tr("Click a point to read its sentence.", "انقر نقطة لتقرأ جملتها."))
        clicked = clickable_chart(fig, "date_timeline", height=380)
        for point in clicked:  # the sentence behind each clicked date, and a way into the article
            article, start = (point.get("customdata") or [None, None])[:2]
            for row in d[(d["article"] == article) & (d["start"] == start)].itertuples():
                rtl_block(row.sentence, (row.date, row.outlet), (row.text,))
                read_in_article(row.article, row.start, ("Read it in the article", "اقرأه في المقال"))
        with st.expander(tr(f"The {len(d):,} sentences with dates, in date order", f"الجمل المؤرخة ({len(d):,}) بترتيب التاريخ"), expanded=False):
            for row in first_rows(d.sort_values(["when", "outlet"], na_position="last")).itertuples():
                rtl_block(row.sentence, (row.date, row.outlet, row.year), (row.text,))

    st.subheader(tr("Events", "الأحداث"))
    points = event_points(tables.events)
    if points.empty:
        empty_note("dated events", "أحداث مؤرخة")
    else:
        st.caption(tr("A dated fact the articles report; the same date and actors in several articles "
                      "is one event, labelled by its actors and the key words of its sentence. Size: how many "
                      "articles report it. Click an event to read its sentences.",
                      "واقعة مؤرخة تنقلها المقالات؛ التاريخ نفسه والفاعلون أنفسهم في عدة مقالات حدث واحد، "
                      "يُعنون بفاعليه والكلمات المفتاحية في جملته. الحجم: عدد المقالات التي تنقله. "
                      "انقر حدثًا لتقرأ جمله."))
        names = dict(zip(tables.mentions["entity"], tables.mentions["name_ar"]))  # the label is Arabic text
        points = points.merge(event_labels(points, names), on="event")
        points["reported_by"] = [" · ".join(outlet_name(o) for o in os) for os in points["outlets"]]
        points["when"] = pd.to_datetime(points["date_from"])
        charted = points.sort_values(["n_articles", "date_from"], ascending=[False, True], kind="stable")
        charted = charted.head(TOP_EVENTS).sort_values(["date_from", "event"])
        if len(points) > TOP_EVENTS:
            st.caption(tr(f"The {TOP_EVENTS} events reported by most articles, of {len(points):,}.",
                          f"أكثر {TOP_EVENTS} حدثًا نقلًا من {len(points):,}."))
        fig = px.scatter(charted, x="when", y="label", size="n_articles", size_max=22, custom_data=["event"],
                         color=charted["outlets"].map(lambda o: outlet_name(o[0])), color_discrete_map=outlet_colours(),
                         hover_data={"date": True, "n_articles": True, "reported_by": True, "label": False, "when": False},
                         labels={"when": tr("When it happened", "متى وقع"), "label": "", "color": "",
                                 "n_articles": tr("articles", "مقالات"), "reported_by": tr("reported by", "نقلته"),
                                 "date": tr("date", "التاريخ")})
        fig.update_yaxes(categoryorder="array", categoryarray=charted["label"].tolist()[::-1])
        clicked = clickable_chart(fig, "event_timeline", height=max(380, 26 * len(charted) + 140))
        for point in clicked[:1]:  # the event's sentences, one per article that reports it
            event = (point.get("customdata") or [None])[0]
            chosen = points[points["event"] == event]
            for row in tables.events[tables.events["event"] == event].drop_duplicates("article").itertuples():
                rtl_block(row.sentence, (chosen["label"].iat[0], row.date, outlet_name(row.outlet)), (row.text,))
                read_in_article(row.article, row.start, ("Read it in the article", "اقرأه في المقال"))
        with st.expander(tr(f"The {len(points):,} events and the sentence that reports each first", f"الأحداث ({len(points):,}) والجملة التي نقلت كلًّا منها أولًا")):
            for row in first_rows(points).itertuples():
                rtl_block(row.sentence, (row.label, row.date, tr(f"{row.n_articles} article(s)", f"{row.n_articles} مقال"),
                                         row.reported_by))

    st.subheader(tr("How the figures moved", "كيف تغيّرت الأرقام"))
    figure_tracker(tables.quantities, "story")

    who_said_what(tables)
    cited_sources(tables)

    st.subheader(tr("What each article mentions first", "ما ذكره كل مقال أولًا"))
    st.caption(tr("In publication order (among the outlets shown), the entities, quantity claims "
                  "and dated events an article reports before any earlier article did.",
                  "بترتيب النشر (بين المنافذ المعروضة): الكيانات والكميات والأحداث المؤرخة التي "
                  "ذكرها مقال قبل أي مقال سابق."))
    # A page of FIRSTS_PAGE articles at a time; what came before it counts as already named
    pages = -(-len(a) // FIRSTS_PAGE)
    page = st.number_input(tr(f"Page (of {pages:,}, {FIRSTS_PAGE} articles each)",
                              f"الصفحة (من {pages:,}، في كل منها {FIRSTS_PAGE} مقالًا)"),
                           min_value=1, max_value=pages, value=1, key="firsts_page") if pages > 1 else 1
    earlier = set(a["article"].iloc[:(page - 1) * FIRSTS_PAGE])
    m, q, ev = tables.mentions, tables.quantities, tables.events
    seen_entities: set[str] = set(m.loc[m["article"].isin(earlier), "entity"])
    before = q[q["article"].isin(earlier)]
    seen_claims: set[tuple[float, str]] = set(zip(before["value"], before["noun"]))
    seen_events: set[str] = set(ev.loc[ev["article"].isin(earlier), "event"])
    on_page = a.iloc[(page - 1) * FIRSTS_PAGE:page * FIRSTS_PAGE]
    m, q, ev = (frame[frame["article"].isin(on_page["article"])] for frame in (m, q, ev))
    for article in on_page.itertuples():
        names = (m[m["article"] == article.article].drop_duplicates("entity")[["entity", "name_ar", "name_en"]])
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
            rtl_block(article.title or article.article,
                      (f"{when} ({shown(article.quality)})", article.outlet,
                       tr(f"{article.words:,} words", f"{article.words:,} كلمة")))
            if new_names.empty and not new_claims and not new_events:
                st.caption(tr("Nothing new: everything it names was named earlier.", "لا جديد: كل ما يسمّيه سُمّي من قبل."))
            if not new_names.empty:
                rtl_block("، ".join(new_names["name_ar"]),
                          tr(f"{len(new_names):,} entities first named here: " + ", ".join(new_names["name_en"]),
                             f"{len(new_names):,} كيانات سُمّيت هنا أولًا"))
            for claim in new_claims:
                rtl_block(claim.sentence, (tr("first claim", "أول ذكر للكمية"), fmt_number(claim.value), claim.noun),
                          (claim.text,))
            for event in new_events:
                rtl_block(event.sentence, (tr("first report of an event", "أول نقل لحدث"), event.date), (event.text,))

    st.subheader(tr("Passages articles share", "مقاطع مشتركة بين المقالات"))
    shared = tables.shared
    if shared.empty:
        st.caption(tr("No run of 8 or more words appears in two of the articles shown.", "لا تتكرر 8 كلمات متتالية أو أكثر في مقالين من المعروضة."))
    else:
        st.caption(tr("Runs of 8 or more words (normalised) that two articles have in common: "
                      "wire copy reused, or the same report retold.",
                      "8 كلمات متتالية أو أكثر يشترك فيها مقالان: نص وكالة أعيد استخدامه أو الخبر نفسه أعيدت روايته."))
        for row in first_rows(shared).itertuples():
            rtl_block(row.text, (tr(f"{row.words} words", f"{row.words} كلمة"), f"{row.outlet} ({row.article})",
                                 tr("earlier: ", "الأسبق: ") + f"{row.other_outlet} ({row.other_article})"))
