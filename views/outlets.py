"""Outlets compared: a profile of each, the words that set one apart, who covers which entity,
event and claim, who reports the biggest numbers and whom each outlet quotes and cites."""

import pandas as pd
import plotly.express as px
import streamlit as st

from analysis.compare import CompareError, biggest_numbers, coverage, coverage_matrix, distinctive_terms, outlet_profile
from dashboard.charts import chart, clickable_chart, outlet_colours
from dashboard.downloads import download
from dashboard.escape import escape_markdown
from dashboard.language import tr
from dashboard.navigation import read_in_article
from dashboard.render import empty_note, fmt_number, has_articles, rtl_block
from dashboard.session import current_tables

st.title(tr("Outlets", "المنافذ"))


COLUMNS_AR = {
    "articles": "المقالات",
    "words": "الكلمات",
    "mentions": "إشارات الكيانات",
    "person": "الأشخاص",
    "place": "الأماكن",
    "organisation": "المنظمات",
    "media": "وسائل الإعلام",
    "event": "الأحداث",
    "weapon mentions": "إشارات الأسلحة",
    "quantity claims": "الأرقام",
    "quotes": "الاقتباسات",
    "speakers": "المتحدثون",
    "source citations": "الاستشهادات بالمصادر",
    "sources cited": "المصادر المستشهد بها",
    "category": "الفئة",
    "outlet": "المنفذ",
    "value": "القيمة",
    "noun": "المعدود",
    "qualifier": "الدقة",
    "text": "النص",
    "article": "المقالة",
}


def column_label(column: str) -> str:
    """A table column in the reader's language: "person share" -> "Person share" / "نسبة الأشخاص"."""
    if column.endswith(" per 1,000 words"):
        return tr(column.capitalize(), COLUMNS_AR[column.removesuffix(" per 1,000 words")] + " لكل 1000 كلمة")
    for suffix, ar in ((" share", "نسبة "), (" mentions", "إشارات ")):
        kind = column.removesuffix(suffix)
        if kind != column and kind in COLUMNS_AR and kind != "weapon":
            return tr(column.capitalize(), ar + COLUMNS_AR[kind])
    return tr(column.capitalize(), COLUMNS_AR.get(column, column))


def number_column(column: str, format: str = "localized"):
    return st.column_config.NumberColumn(column_label(column), format=format)


def matrix_view(long, name: str, what: str, top: int | None = None) -> None:
    """A coverage matrix as a heatmap (counts or shares of the outlet's), with its CSV."""
    if long.empty:
        empty_note(what)
        return
    share = st.toggle(
        tr("Share of each outlet's total", "نسبة من مجموع كل منفذ"),
        key=f"{name}_share",
        help=tr("Long and short outlets compare fairly.", "ليقارن المنفذ الطويل بالقصير بإنصاف."),
    )
    matrix = coverage_matrix(long, top, share=share)
    fig = px.imshow(
        matrix,
        text_auto=".0%" if share else True,
        aspect="auto",
        color_continuous_scale="Blues",
        labels={
            "x": tr("Outlet", "المنفذ"),
            "y": "",
            "color": tr("Share", "النسبة") if share else tr("Count", "العدد"),
        },
    )
    fig.update_xaxes(side="top")
    fig.update_layout(coloraxis_showscale=False)
    chart(fig, name, height=max(260, 36 * len(matrix) + 120))
    download(long, name, tr("Download CSV", "تنزيل CSV"))


tables = current_tables()
if has_articles(tables):
    # ------------------------------------------------------------ profile
    st.subheader(tr("Profile of each outlet", "ملف كل منفذ"))
    profile = outlet_profile(tables)
    config = {"outlet": column_label("outlet")} | {
        c: number_column(c, "percent" if c.endswith("share") else "%.1f" if "per 1,000" in c else "localized")
        for c in profile.columns
        if c != "outlet"
    }
    st.dataframe(profile, hide_index=True, key="outlet_profile", column_config=config)
    download(profile, "outlet-profile", tr("Download CSV", "تنزيل CSV"))
    st.caption(
        tr(
            "Shares: an entity type's mentions over all the outlet's entity mentions. "
            "Per 1,000 words: counts over the outlet's words, so long and short outlets compare fairly.",
            "النسبة: إشارات نوع الكيان من كل إشارات المنفذ. لكل 1000 كلمة: العدد مقسومًا على كلمات المنفذ، "
            "ليقارن الطويل بالقصير بإنصاف.",
        )
    )
    shares = profile.melt(
        id_vars="outlet",
        value_vars=[c for c in profile.columns if c.endswith(" share")],
        var_name="type",
        value_name="share",
    )
    shares["type"] = shares["type"].str.removesuffix(" share").map(column_label)
    fig = px.bar(
        shares,
        x="share",
        y="outlet",
        color="type",
        orientation="h",
        text_auto=".0%",
        labels={
            "share": tr("Share of the outlet's entity mentions", "نسبة من إشارات المنفذ إلى الكيانات"),
            "outlet": "",
            "type": "",
        },
    )
    fig.update_xaxes(tickformat=".0%")
    chart(fig, "outlet_entity_types", height=160 + 45 * len(profile))

    # ------------------------------------------------------------ distinctive vocabulary
    st.subheader(tr("Distinctive vocabulary", "المفردات المميزة"))
    outlets = profile["outlet"].tolist()
    if len(outlets) < 2:
        st.info(
            tr(
                "Choose at least two outlets in the sidebar to compare their words.",
                "اختر منفذين على الأقل في الشريط الجانبي لمقارنة مفرداتهما.",
            )
        )
    else:
        vs_rest = tr("One outlet vs the rest", "منفذ مقابل البقية")
        mode = st.radio(
            tr("Compare", "قارن"),
            [vs_rest, tr("Outlet A vs outlet B", "منفذ أ مقابل منفذ ب")],
            horizontal=True,
            key="vocab_mode",
        )
        left, right, count = st.columns([2, 2, 1])
        outlet = left.selectbox(tr("Outlet", "المنفذ"), outlets, key="vocab_outlet")
        other = None
        if mode != vs_rest:
            others = [o for o in outlets if o != outlet]
            other = right.selectbox(tr("Against", "مقابل"), others, key="vocab_other")
        top = count.number_input(tr("Words each side", "كلمات كل جانب"), 3, 40, 12, key="vocab_top")
        against = other or tr("the rest", "البقية")
        try:
            scores = distinctive_terms(tables.terms, outlet, other)
        except CompareError as error:
            st.warning(escape_markdown(str(error)))  # it names the outlet
        else:
            shown = pd.concat([scores.head(top), scores.tail(top)]).drop_duplicates("stem").sort_values("z")
            shown["side"] = shown["z"].map(lambda z: outlet if z > 0 else against)
            colours = {outlet: outlet_colours().get(outlet, "#0f766e"), against: "#94a3b8"}
            fig = px.bar(
                shown,
                x="z",
                y="word",
                color="side",
                orientation="h",
                color_discrete_map=colours,
                hover_data={
                    "stem": True,
                    "count": True,
                    "other_count": True,
                    "delta": ":.2f",
                    "z": ":.2f",
                    "side": False,
                },
                labels={"z": "z", "word": "", "count": outlet, "other_count": against},
            )
            fig.add_vline(x=1.96, line_dash="dot", line_color="#64748b")
            fig.add_vline(x=-1.96, line_dash="dot", line_color="#64748b")
            fig.update_yaxes(categoryorder="array", categoryarray=shown["word"].tolist(), ticksuffix="  ")
            chart(fig, "outlet_vocabulary", height=140 + 22 * len(shown))
            st.caption(
                tr(
                    "Right (z > 0): words the chosen outlet uses more than the other side; left: less. "
                    "Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), "
                    "on word stems of the article bodies, stopwords left out; each stem is shown as its most "
                    "frequent written form. Beyond the dotted lines (z above 1.96 or below −1.96) the "
                    "difference is unlikely to be chance.",
                    "إلى اليمين (z موجبة): كلمات يستعملها المنفذ المختار أكثر من الطرف الآخر؛ إلى اليسار: أقل. "
                    "نسبة الأرجحية اللوغاريتمية مع توزيع ديريشليه مسبق (مونرو وكولاريسي وكوين 2008)، على جذوع "
                    "كلمات متن المقالات دون كلمات التوقف؛ يظهر كل جذع بأكثر صيغه تكرارًا. بعد الخطين المنقطين "
                    "يصعب أن يكون الفرق مصادفة.",
                )
            )
            download(scores, "outlet-vocabulary", tr("Download CSV", "تنزيل CSV"))

    # ------------------------------------------------------------ coverage
    st.subheader(tr("Who covers what", "من يغطي ماذا"))
    entities, events, claims = st.tabs(
        [tr("Entities", "الكيانات"), tr("Events", "الأحداث"), tr("Number claims", "الأرقام")]
    )
    with entities:
        k = st.slider(tr("Entities shown", "عدد الكيانات"), 5, 40, 15, key="coverage_top")
        matrix_view(coverage(tables, "entity"), "coverage-entities", "entity mentions", k)
    with events:
        matrix_view(coverage(tables, "event"), "coverage-events", "dated events")
        st.caption(
            tr(
                "An event: dated sentences that name the same date and entities (see the Story page).",
                "الحدث: جمل مؤرخة بالتاريخ نفسه والكيانات نفسها (انظر صفحة القصة).",
            )
        )
    with claims:
        matrix_view(coverage(tables, "claim"), "coverage-claims", "quantity claims")

    # ------------------------------------------------------------ biggest numbers
    st.subheader(tr("Who reports the biggest numbers", "من ينشر أكبر الأرقام"))
    biggest = biggest_numbers(tables.quantities)
    if biggest.empty:
        empty_note("quantity claims")
    else:
        fig = px.bar(
            biggest,
            x="category",
            y="value",
            color="outlet",
            barmode="group",
            log_y=True,
            color_discrete_map=outlet_colours(),
            hover_data={"text": True, "qualifier": True},
            custom_data=["article", "start"],
            labels={
                "category": "",
                "value": tr("Largest value (log scale)", "أكبر قيمة (مقياس لوغاريتمي)"),
                "outlet": tr("Outlet", "المنفذ"),
            },
        )
        st.caption(tr("Click a bar to read the claim in its sentence.", "انقر عمودًا لتقرأ الرقم في جملته."))
        clicked = clickable_chart(fig, "outlet_biggest_numbers", height=400)
        picked = {tuple(p["customdata"][:2]) for p in clicked if p.get("customdata")}
        for row in biggest[[(a, s) in picked for a, s in zip(biggest["article"], biggest["start"])]].itertuples():
            rtl_block(row.sentence, (fmt_number(row.value), row.category, row.outlet), (row.text,))
            read_in_article(row.article, row.start)
        st.dataframe(
            biggest.drop(columns=["sentence", "start"]),
            hide_index=True,
            key="outlet_biggest",
            column_config={c: number_column(c) if c == "value" else column_label(c) for c in biggest.columns},
        )
        download(biggest, "outlet-biggest-numbers", tr("Download CSV", "تنزيل CSV"))

    # ------------------------------------------------------------ attribution
    st.subheader(tr("Who attributes to whom", "من ينسب إلى من"))
    quoted, cited = st.tabs(
        [
            tr("Whom each outlet quotes", "من يقتبس كل منفذ"),
            tr("Media each outlet cites", "الوسائل التي يستشهد بها كل منفذ"),
        ]
    )
    with quoted:
        matrix_view(coverage(tables, "speaker"), "attribution-speakers", "quotes", 25)
    with cited:
        matrix_view(coverage(tables, "source"), "attribution-sources", "cited sources")

    # ------------------------------------------------------------ weapons
    st.subheader(tr("Weapons each outlet mentions", "الأسلحة التي يذكرها كل منفذ"))
    w = tables.weapons
    if w.empty:
        empty_note("weapon mentions")
    else:
        per_1000 = tr("Per 1,000 words", "لكل 1000 كلمة")
        mode = st.radio(tr("Show", "اعرض"), [tr("Mentions", "الإشارات"), per_1000], horizontal=True, key="weapon_mode")
        counts = w.groupby(["outlet", "weapon", "weapon_ar", "weapon_en"]).size().rename("mentions").reset_index()
        counts = counts.merge(profile[["outlet", "words"]], on="outlet")
        counts["per 1,000 words"] = (1000 * counts["mentions"] / counts["words"]).round(2)
        y = "per 1,000 words" if mode == per_1000 else "mentions"
        order = w.groupby("weapon_ar").size().sort_values(ascending=False).index.tolist()
        fig = px.bar(
            counts,
            x="weapon_ar",
            y=y,
            color="outlet",
            barmode="group",
            category_orders={"weapon_ar": order},
            color_discrete_map=outlet_colours(),
            hover_data={"weapon_en": True, "mentions": True},
            labels={"weapon_ar": "", "weapon_en": "English", "outlet": tr("Outlet", "المنفذ")},
        )
        chart(fig, "outlet_weapons", height=420)
        download(counts, "outlet-weapons", tr("Download CSV", "تنزيل CSV"))
