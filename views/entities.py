"""Entities: who and what the articles name, by outlet, and the sentences behind each count."""

import io

import plotly.express as px
import streamlit as st

from analysis import query
from analysis.entity_edits import apply_edits, frequency, lexicon_rows, variant_counts
from analysis.tables import narrowed
from dashboard.charts import TYPE_COLOURS, chart, clickable_chart
from dashboard.data import load_connection
from dashboard.downloads import download, png_download, safe_csv
from dashboard.fonts import font_path
from dashboard.labels import type_name
from dashboard.language import labelled, tr
from dashboard.links import from_link, linked_number, linked_types, picker_options, to_link
from dashboard.navigation import read_in_article
from dashboard.render import empty_note, first_rows, has_articles, rtl_block
from dashboard.session import current_tables, date_range

st.title(tr("Entities · الكيانات", "الكيانات"))


CLOUD_WORDS = 200  # the most a word cloud draws (WordCloud's max_words)


@st.cache_data(show_spinner="Drawing the word cloud…", max_entries=16)
def word_cloud_png(weights: tuple[tuple[str, int, str], ...]) -> bytes:
    """Entity names sized by mentions and coloured by type as in the bar chart; weights are
    (name, mentions, type). Pillow here shapes Arabic itself (raqm): the names go in as they
    are, no reshaping. Our own colours also spare matplotlib's import (a colormap loads pyplot:
    a second of a big store's first page)."""
    from wordcloud import WordCloud

    colour_of = {name: TYPE_COLOURS.get(kind, "#475569") for name, _, kind in weights}
    cloud = WordCloud(
        font_path=str(font_path()),
        width=600,  # laid out at half size, drawn at 1200 x 520 (WordCloud's own speed-up)
        height=260,
        scale=2,
        background_color="white",
        prefer_horizontal=1.0,
        color_func=lambda word, **_: colour_of.get(word, "#475569"),
        relative_scaling=0.5,
        min_font_size=6,
        random_state=7,
        margin=3,
        max_words=CLOUD_WORDS,
    )
    image = cloud.generate_from_frequencies({name: n for name, n, _ in weights}).to_image()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def source_name(source: str) -> str:
    """Where an entity comes from: the lexicon, the NER model alone, or the reader's correction."""
    return {
        "lexicon": tr("lexicon", "المعجم"),
        "model": tr("NER model", "نموذج التعرّف"),
        "edited": tr("your correction", "تصحيحك"),
    }.get(source, source)


tables = current_tables()
if has_articles(tables):
    mentions = tables.mentions
    if mentions.empty:
        empty_note("entity mentions", "إشارات إلى كيانات")
        st.stop()
    # merges and splits the reader made below: this session only, on top of the tables
    edits = st.session_state.setdefault("entity_edits", [])
    mentions = apply_edits(mentions, edits)
    types = sorted(mentions["type"].unique())
    left, right = st.columns([3, 1])
    chosen_types = linked_types(left.multiselect, types, key="entity_types")
    top_n = linked_number(
        right.slider, tr("Top N entities", "أكثر N كيانًا"), 5, 50, key="entity_top_n", param="top", default=20
    )
    mentions = mentions[mentions["type"].isin(chosen_types)]
    if mentions.empty:
        empty_note("entities of these types", "كيانات من هذه الأنواع")
        st.stop()

    # counted in DuckDB over the same corpus, outlets and adjective toggle as the sidebar's tables
    if edits:  # the corrected mentions are in this session only: counted here
        counts = frequency(mentions)
    else:
        counts = query.entity_frequency(
            load_connection(st.session_state.get("_corpus_files")),
            st.session_state.get("outlets"),
            st.session_state.get("nisba", False),
            types=chosen_types,
            dates=date_range(),
        )
    counts["source"] = labelled(counts["source"], source_name)
    top = counts.head(top_n)

    st.subheader(tr("Most mentioned", "الأكثر ذكرًا"))
    st.caption(tr("Click a bar to read the sentences behind it.", "انقر عمودًا لتقرأ الجمل التي وراءه."))
    fig = px.bar(
        top.iloc[::-1].assign(kind=lambda f: labelled(f["type"], type_name)),
        x="mentions",
        y="name_ar",
        color="kind",
        orientation="h",
        custom_data=["entity"],
        color_discrete_map={type_name(k): c for k, c in TYPE_COLOURS.items()},
        pattern_shape="source",  # hatched: a name only the NER model found
        pattern_shape_map={source_name("lexicon"): "", source_name("model"): "/", source_name("edited"): "."},
        hover_data={"name_en": True, "kind": True, "source": True},
        labels={
            "mentions": tr("Mentions", "الإشارات"),
            "name_ar": tr("Name", "الاسم"),
            "name_en": tr("English", "بالإنجليزية"),
            "kind": tr("Type", "النوع"),
            "source": tr("Found by", "وجده"),
        },
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=top["name_ar"].iloc[::-1].tolist(), ticksuffix="  ", title_text=""
    )
    clicked = clickable_chart(fig, "entity_bars", height=max(320, 26 * len(top) + 120))
    by_name = dict(zip(top["name_ar"], top["entity"]))
    picked = [(p.get("customdata") or [None])[0] or by_name.get(p.get("y")) for p in clicked]
    picked = [e for e in picked if e]
    # A new click chooses the entity below; the same selection on later reruns does not
    # undo a choice made in the selectbox since.
    if picked and st.session_state.get("_entity_click") != picked[0]:
        st.session_state["explain_entity"] = picked[0]
    st.session_state["_entity_click"] = picked[0] if picked else None

    st.dataframe(
        top[["name_ar", "name_en", "type", "mentions", "source"]].assign(type=lambda f: labelled(f["type"], type_name)),
        hide_index=True,
        key="entity_counts",
        column_config={
            "name_ar": tr("Arabic", "بالعربية"),
            "name_en": tr("English", "بالإنجليزية"),
            "type": tr("Type", "النوع"),
            "source": tr("Found by", "وجده"),
            "mentions": st.column_config.NumberColumn(tr("Mentions", "الإشارات"), format="localized"),
        },
    )
    download(counts, "entities")

    st.subheader(tr("By outlet", "حسب المنفذ"))
    by_outlet = (
        mentions[mentions["entity"].isin(top["entity"])]
        .pivot_table(index="name_ar", columns="outlet", values="start", aggfunc="count", fill_value=0)
        .reindex(index=top["name_ar"], fill_value=0)
    )
    heat = px.imshow(
        by_outlet,
        text_auto=True,
        aspect="auto",
        color_continuous_scale="Teal",
        labels={"x": tr("Outlet", "المنفذ"), "y": "", "color": tr("Mentions", "الإشارات")},
    )
    heat.update_xaxes(side="top")
    chart(heat, "entity_heatmap", height=max(320, 26 * len(top) + 140))

    st.subheader(tr("Word cloud", "سحابة الكلمات"))
    cloud_rows = counts.head(CLOUD_WORDS)  # hashing 36,000 names as the cache key took seconds
    weights = tuple(zip(cloud_rows["name_ar"], cloud_rows["mentions"].astype(int), cloud_rows["type"]))
    cloud = word_cloud_png(weights)
    st.image(
        cloud,
        caption=tr(
            "Entity names sized by mentions, coloured by type as above",
            "أسماء الكيانات بحجم عدد إشاراتها، ملوّنة بنوعها كما في الأعلى",
        ),
        width="stretch",
    )
    png_download(cloud, "word-cloud")

    st.subheader(tr("Explain this count", "ما وراء هذا العدد"))
    from_link("explain_entity", "entity")
    offered = picker_options(counts["entity"].tolist(), [st.session_state.get("explain_entity")])
    chosen = counts.set_index("entity").loc[offered].reset_index()
    labels = {row.entity: f"{row.name_ar} — {row.name_en} ({row.mentions:,})" for row in chosen.itertuples()}
    if st.session_state.get("explain_entity") not in labels:
        st.session_state["explain_entity"] = next(iter(labels))
    entity = st.selectbox(tr("Entity", "الكيان"), list(labels), format_func=labels.get, key="explain_entity")
    to_link("entity", entity)
    rows = narrowed(mentions[mentions["entity"] == entity])
    spellings = variant_counts(rows)[["variant", "count"]]
    st.caption(
        tr(
            f"Written {len(spellings)} way(s), merged into this entity:",
            f"مكتوب بـ{len(spellings)} صيغة، مدموجة في هذا الكيان:",
        )
    )
    st.dataframe(
        spellings,
        hide_index=True,
        key="entity_spellings",
        column_config={
            "variant": tr("Spelling", "التهجئة"),
            "count": st.column_config.NumberColumn(tr("Mentions", "الإشارات"), format="localized"),
        },
    )
    with st.expander(tr("Correct this entity (merge, split)", "صحّح هذا الكيان (دمج، فصل)")):
        others = [e for e in labels if e != entity]
        merge = st.multiselect(
            tr("Merge these entities into it", "ادمج فيه هذه الكيانات"),
            others,
            format_func=labels.get,
            key="merge_entities",
        )
        if st.button(tr("Merge", "ادمج"), key="merge_button", disabled=not merge):
            edits.append(("merge", list(merge), entity))
            st.rerun()
        split = st.selectbox(
            tr("Split this spelling off as an entity of its own", "افصل هذه التهجئة كيانًا مستقلًا"),
            spellings["variant"].tolist(),
            key="split_variant",
        )
        if st.button(tr("Split", "افصل"), key="split_button", disabled=len(spellings) < 2):
            edits.append(("split", entity, split))
            st.rerun()
        if edits:
            st.caption(
                tr(
                    f"{len(edits)} correction(s) in this session; they change every count on this page.",
                    f"{len(edits)} تصحيح في هذه الجلسة؛ تغيّر كل عدد في هذه الصفحة.",
                )
            )
            if st.button(tr("Undo all corrections", "تراجع عن كل التصحيحات"), key="undo_edits"):
                edits.clear()
                st.rerun()
        st.caption(
            tr(
                "The entities as lexicon rows (data/entities.csv's columns), corrections included: "
                "add them to your lexicon to keep them.",
                "الكيانات صفوفًا للمعجم (أعمدة data/entities.csv) مع التصحيحات: أضفها إلى معجمك لتبقى.",
            )
        )
        st.download_button(
            tr("Download as lexicon rows", "تنزيل صفوفًا للمعجم"),
            lambda: safe_csv(lexicon_rows(mentions)),  # written when clicked
            file_name="marsad-entities-lexicon.csv",
            mime="text/csv",
            key="download-entities-lexicon",
            icon=":material/download:",
        )
    titles = tables.articles.set_index("article")["title"]
    by_sentence = ["article", "outlet", "sentence"]
    sentences = rows.groupby(by_sentence, sort=False).agg(times=("text", "size"), first=("start", "min")).reset_index()
    st.caption(
        tr(
            f"{len(rows):,} mentions in {len(sentences):,} sentences of "
            f"{rows['article'].nunique():,} articles; the highlighted words are the matches.",
            f"{len(rows):,} إشارة في {len(sentences):,} جملة من {rows['article'].nunique():,} مقالات؛ "
            "الكلمات المظللة هي المطابقات.",
        )
    )
    with st.container(height=560):
        shown = first_rows(sentences)
        # the words to highlight, for the cards shown only (a big store's top entity is in 20,000 sentences)
        surfaces = (
            rows[rows["sentence"].isin(shown["sentence"])]
            .groupby(by_sentence, sort=False)["text"]
            .agg(lambda s: tuple(sorted(set(s))))
        )
        for row in shown.itertuples():
            meta = (row.outlet, titles.get(row.article, row.article), f"{row.times}×")
            rtl_block(row.sentence, meta, surfaces[(row.article, row.outlet, row.sentence)])
            read_in_article(row.article, row.first)
    download(
        rows.drop(columns=["start", "end"]), f"mentions-{entity}", tr("Download these mentions", "تنزيل هذه الإشارات")
    )
