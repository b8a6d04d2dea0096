"""Write the notebooks under notebooks/ from the cell sources below, and execute them.

The notebooks are committed with their outputs so that they read well on a repository page;
re-run this script after changing vnplan or a cell:

    python scripts/build_notebooks.py                 # write and execute all four
    python scripts/build_notebooks.py 02 03           # only these
    python scripts/build_notebooks.py --no-execute    # write the cells without outputs

Cells are executed with nbclient in notebooks/ (the notebooks find the repository root themselves),
with timings not recorded, so that a re-run changes only what really changed.
"""
from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

# The first code cell of every notebook: work from the repository root, wherever Jupyter started.
SETUP = """
import os
from pathlib import Path

root = Path.cwd()
while not (root / "pyproject.toml").exists() and root != root.parent:
    root = root.parent
os.chdir(root)          # every path below is relative to the repository

import pandas as pd
import vnplan
from IPython.display import HTML, display
from vnplan.render.clip import clip      # shortens text between words, never inside one

# text reads left-aligned; long cells are shortened with `clip` where they are made, not cut by pandas
display(HTML("<style>.dataframe td, .dataframe th { text-align: left !important; vertical-align: top; }</style>"))
pd.set_option("display.max_colwidth", None)
vnplan.__version__
"""

CHART_SETUP = """
%matplotlib inline
import matplotlib.pyplot as plt

plt.rcParams.update({"figure.dpi": 90, "figure.figsize": (8, 3.6), "axes.spines.top": False,
                     "axes.spines.right": False, "font.size": 10})
"""

Cell = tuple[str, str]


def md(text: str) -> Cell:
    return ("markdown", textwrap.dedent(text).strip())


def code(text: str) -> Cell:
    return ("code", textwrap.dedent(text).strip())


QUICKSTART: list[Cell] = [
    md("""
    # 01 · Quick start: one plan, from PDF to record

    Read one plan of the bundled corpus, extract its record, and look at it: the fields, where each
    value came from in the source, and the entities (document numbers, dates, agencies, people) that
    vnplan's spaCy component finds. The document is *Kế hoạch 173/KH-UBND* of UBND Thành phố Hà Nội,
    a born-digital PDF.
    """),
    code(SETUP),
    md("""
    ## Read

    `vnplan.read` gives the normalised text with its structure (header, preamble, body, closing);
    every character maps back to a page of the PDF.
    """),
    code("""
    path = "corpus/real/001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf"
    doc = vnplan.read(path)
    doc
    """),
    code("""
    header = doc.outline.header
    print(header.number_line.text, "|", header.place_date_line.text, "|", header.title.text)
    print(doc.text[:600])
    """),
    md("""
    ## Extract

    `vnplan.extract` turns the document into a record. In Jupyter the record shows itself as a
    card; the grey brackets say where a value was found (page and region of the page).
    """),
    code("""
    rec = vnplan.extract(path)
    rec
    """),
    md("Its plain `repr` stays one line, and every field is an attribute:"),
    code("""
    print(repr(rec))
    rec.number, rec.symbol, rec.issue_date, rec.issuer["name"], rec.issuer["level"], rec.signer["name"]
    """),
    md("""
    ## Where each value comes from

    `rec.provenance` gives, for each field, its span in the normalised text and its place in the
    source. The source snippet is the text under that span:
    """),
    code("""
    pd.DataFrame([
        {"field": name, "page": where.get("page"), "paragraph": where.get("paragraph"),
         "source snippet": clip(doc.text[slice(*where["span"])], 90)}
        for name, where in rec.provenance.items() if isinstance(where, dict)
    ])
    """),
    md("""
    ## Lists: citations, activities, responsibilities, deadlines

    Each list is a list of plain dicts, so it becomes a DataFrame in one call. The citations are the
    directives the plan carries out (*thực hiện*), its legal basis (*căn cứ*) and documents it
    mentions.
    """),
    code("""
    pd.DataFrame(rec.citations)[["relation", "doc_type", "number", "symbol", "date", "issuer"]]
    """),
    code("""
    pd.DataFrame({"activity": [clip(a["text"], 110) for a in rec.activities],
                  "page": [a["provenance"]["page"] for a in rec.activities]}).head(8)
    """),
    code("""
    pd.DataFrame({"agency": [r["agency"] for r in rec.responsibilities],
                  "tasks": [len(r["tasks"]) for r in rec.responsibilities]}).sort_values("tasks", ascending=False)
    """),
    code("""
    pd.DataFrame(rec.deadlines)[["date", "text"]]
    """),
    md("""
    ## Entities, displaCy-style

    `entity_view` highlights what the record found, where it found it: the issuer (*cơ quan*), the
    place of issue (*địa danh*), the signer (*người ký*), every agency given tasks in the
    responsibilities, whole and wherever it is named again, the cited documents (*văn bản*) and the
    dates. The spans come from the record, not from a statistical tagger, so `Văn Miếu – Quốc Tử
    Giám` is not a person and `Sở Văn hóa và Thể thao` is not cut after `Sở Văn hóa`. Here: the
    header and the preamble, then the first responsibilities, then the signature.
    """),
    code("""
    from vnplan.render.entities import entity_view, record_entities

    preamble_end = doc.outline.preamble[-1].span.end
    entity_view(rec, doc, 0, preamble_end)
    """),
    code("""
    first = rec.responsibilities[0]["provenance"]["span"][0]
    entity_view(rec, doc, first, doc.text.index("\\n", first + 600))      # to the end of a line
    """),
    code("""
    closing = doc.outline.closing.span
    entity_view(rec, doc, closing.start - 160, closing.end)
    """),
    md("The same entities as data, counted over the whole document, with the record field each comes from:"),
    code("""
    table = pd.DataFrame([(e.label, e.field, doc.text[e.start:e.end].replace("\\n", " "))
                          for e in record_entities(rec, doc.text)], columns=["label", "field", "text"])
    table.groupby(["label", "field"])["text"].agg(count="size",
                                                  examples=lambda s: " · ".join(s.drop_duplicates().head(3)))
    """),
    md("""
    Next: [02-archive-analysis](02-archive-analysis.ipynb) does the same for the whole corpus at
    once, as DataFrames.
    """),
]

ARCHIVE: list[Cell] = [
    md("""
    # 02 · The archive as DataFrames

    Extract every document of the bundled corpus (5 seed plans and 28 published documents: PDF,
    scanned PDF, DOCX, text) into a records file, load it, and ask questions of it: how many plans
    per level and year, on which themes, how much time a plan leaves before its deadlines, which
    directives are cited most.
    """),
    code(SETUP),
    code(CHART_SETUP),
    md("""
    ## Extract the corpus into a records file

    `vnplan.batch.extract_to` is `vnplan extract … -o records.jsonl` from Python: parallel, one
    line per file, resumable. Scanned PDFs are read by OCR (cached on disk, so only the first run
    is slow). The file goes to a temporary folder here.
    """),
    code("""
    import tempfile

    records_file = Path(tempfile.mkdtemp()) / "records.jsonl"
    summary = vnplan.batch.extract_to(["corpus/seeds", "corpus/real"], str(records_file), force=True)
    print(summary.total, "files:", summary.extracted, "extracted,", summary.failed, "failed")
    """),
    md("""
    `vnplan.load` reads it back as a collection of records (it also takes a folder, a list of
    folders, or records). In Jupyter it shows itself as a table; `len`, iteration and indexing
    work as for a list.
    """),
    code("""
    plans = vnplan.load(records_file)
    print(repr(plans))
    plans
    """),
    md("""
    ## One row per document

    `to_dataframe()` has the flat record fields, the lists as Python lists, and `province` (today's
    province, after the 2025 merger; blank for central and party bodies).

    The corpus holds two documents twice: the PDFs 011 and 012, whose fonts have no Unicode map
    (read by OCR), and their `pdftotext` renders (011b, 012b). We count each document once by
    leaving out the renders.
    """),
    code("""
    df = plans.to_dataframe()
    df = df[~df.path.str.endswith(".pdftotext.txt")].reset_index(drop=True)
    df["file"] = df.path.str.rsplit("/", n=1).str[-1]
    for part in ("citations", "activities", "responsibilities", "deadlines"):
        df["n_" + part] = df[part].str.len()
    df[["file", "doc_type", "number", "symbol", "issue_date", "issuer_level", "province",
        "n_citations", "n_activities", "n_deadlines"]]
    """),
    md("""
    ## Plans per level and year

    The year is the year of issue; the seed plans print it only in the title or leave the date blank
    (drafts), so some years are unknown.
    """),
    code("""
    df["year"] = df.issue_year.astype("string").fillna("unknown")
    by_level_year = pd.crosstab(df.issuer_level, df.year)
    by_level_year = by_level_year.loc[[l for l in ("party", "central", "province", "district", "commune")
                                       if l in by_level_year.index]]
    by_level_year
    """),
    code("""
    ax = by_level_year.T.plot.bar(stacked=True, rot=0, colormap="tab10")
    ax.set(title="Documents per year of issue, by level of the issuer", xlabel="year of issue", ylabel="documents")
    ax.legend(title="level", frameon=False, loc="upper left", bbox_to_anchor=(1, 1));
    """),
    code("""
    pd.crosstab(df.doc_type, df.issuer_level, margins=True, margins_name="total")
    """),
    code("""
    ax = df.province.value_counts().sort_values().plot.barh(color="#4c78a8", figsize=(7, 3.6))
    ax.set(title="Local documents per province (today's provinces)", xlabel="documents");
    """),
    md("""
    ## Filters

    `filter` keeps the records matching every criterion: `level`, `province` (today's province, or
    the one named when the document was issued, before the 2025 merger), `year`, `doc_type`,
    `theme` (words of the stated theme or of the title). Case, diacritics and punctuation do not
    matter.
    """),
    code("""
    plans.filter(level="tỉnh", year=2025)          # a level by its record value or its Vietnamese name
    """),
    md("""
    A value the filter does not know is an error that lists the valid ones, not an empty result:
    """),
    code("""
    try:
        plans.filter(level="thành phố lớn")
    except vnplan.VnplanError as err:
        print(err)
    """),
    code("""
    for query in ({"province": "Lào Cai"}, {"province": "lam dong"}, {"level": "central"},
                  {"doc_type": "ke hoach", "year": 2025}, {"theme": "ma túy"}, {"theme": "học tập suốt đời"}):
        found = plans.filter(**query)
        print(f"{query!s:40} {len(found):2}  ", clip(", ".join(r.label for r in found), 80))
    """),
    md("""
    ## Themes

    A plan states its *chủ đề* (slogan) only sometimes; its title always says what it is about. The
    stated themes, then the most frequent content words of the titles (words segmented with
    underthesea).
    """),
    code("""
    df.loc[df.theme.notna(), ["file", "issue_year", "theme"]]
    """),
    code("""
    from collections import Counter
    from underthesea import word_tokenize

    stop = {"kế hoạch", "về", "việc", "thực hiện", "triển khai", "của", "và", "các", "năm", "trên", "địa bàn",
            "tỉnh", "thành phố", "ban hành", "công tác", "đến", "trong", "cho", "với", "tổ chức", "số", "giai đoạn",
            "lần", "thứ", "theo", "quyết định", "công văn", "chỉ thị", "nghị quyết", "ngày", "đối với", "tại", "ii"}
    words = Counter()
    for title in df.title.dropna():
        tokens = {w.lower() for w in word_tokenize(title) if any(c.isalpha() for c in w)}
        words.update(t for t in tokens if t not in stop and len(t) > 2)
    top = pd.Series(dict(words.most_common(15))).sort_values()
    ax = top.plot.barh(color="#72b7b2", figsize=(7, 4.2))
    ax.set(title="Most frequent words in titles (documents using the word)", xlabel="documents");
    """),
    md("""
    ## Deadline lead times

    `deadlines()` has one row per deadline, with its lead time in days from the date of issue (blank
    when the plan's date is blank, as in drafts). Most plans leave two weeks to five months; the
    fire-safety decision 1074/QĐ-BXD and the Lào Cai letter passing it on give two years. A
    negative lead time is a date the text quotes from an earlier document.
    """),
    code("""
    keep = lambda t: t[~t.path.str.endswith(".pdftotext.txt")]
    deadlines = keep(plans.deadlines())
    print(len(deadlines), "deadlines in", deadlines.path.nunique(), "documents;",
          deadlines.lead_days.notna().sum(), "with a known lead time")
    deadlines.assign(text=deadlines.text.map(lambda s: clip(s, 70)))[["document", "level", "date", "lead_days", "text"]].head(12)
    """),
    code("""
    lead = deadlines.dropna(subset=["lead_days"])
    bins = range(int(lead.lead_days.min()) // 30 * 30, int(lead.lead_days.max()) + 31, 30)
    ax = lead.lead_days.astype(float).plot.hist(bins=bins, color="#f58518")
    ax.set(title="Days from the date of issue to a deadline", xlabel="days (30-day bins)", ylabel="deadlines");
    """),
    code("""
    (lead.groupby("document").lead_days
         .agg(deadlines="size", first="min", median="median", last="max")
         .sort_values("first"))
    """),
    md("""
    ## Most-cited directives

    `citations()` has one row per citation, with the relation: `implements` (*thực hiện*),
    `basis` (*căn cứ*), `proposal` (*xét đề nghị*), `mentions`. Citations of one document are
    printed in many ways (`NĐ-CP` / `NĐCP`, `05` / `5`), so we count by vnplan's matching keys, and
    count citing documents, not mentions.
    """),
    code("""
    from vnplan.link.keys import number_key, symbol_key

    cites = keep(plans.citations())
    print(len(cites), "citations;", cites.relation.value_counts().to_dict())
    cites["key"] = [f"{number_key(n)}/{symbol_key(s)}" for n, s in zip(cites.number, cites.symbol)]
    cites["cited"] = [f"{t or ''} {n or '…'}/{s}" for t, n, s in zip(cites.doc_type, cites.number, cites.symbol)]
    most = (cites.groupby("key")
                 .agg(cited=("cited", "first"), issuer=("issuer", "first"), documents=("path", "nunique"),
                      relations=("relation", lambda r: ", ".join(sorted(set(r)))))
                 .sort_values(["documents", "cited"], ascending=[False, True]))
    most.head(12).reset_index(drop=True)
    """),
    code("""
    top = most[most.documents >= 2].set_index("cited").documents.sort_values()
    ax = top.plot.barh(color="#e45756", figsize=(7, 0.3 * len(top) + 1))
    ax.set(title="Documents cited by two or more documents of the corpus", xlabel="citing documents", ylabel="")
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True));
    """),
    code("""
    levels = ["party", "central", "province", "district", "commune"]
    table = pd.crosstab(cites.level, cites.relation).reindex([l for l in levels if l in set(cites.level)])
    ax = table.plot.bar(stacked=True, rot=0)
    ax.set(title="Citations by level of the citing document", xlabel="", ylabel="citations")
    ax.legend(frameon=False);
    """),
    md("""
    ## Who is given the work

    `responsibilities()` has one row per agency × task named in a plan's *tổ chức thực hiện*
    (an agency given no task text is one row with a blank `task`).
    """),
    code("""
    resp = keep(plans.responsibilities())
    (resp.groupby("agency").agg(plans=("path", "nunique"), tasks=("task", "count"))
         .sort_values(["plans", "tasks"], ascending=False).head(12))
    """),
    md("""
    Deadlines are linked to the activity or the agency whose text states them, where it does:
    """),
    code("""
    dl = keep(plans.deadlines())
    dl[dl.activity_index.notna() | dl.agency.notna()][["document", "date", "activity_index", "agency", "text"]].head(8)
    """),
    md("""
    ## What to trust

    Every record carries warnings: OCR used, blank number or date (drafts), repaired text. They are
    worth a look before drawing conclusions.
    """),
    code("""
    warnings = keep(plans.warnings())          # one row per warning, with a stable code and a severity
    (warnings.groupby(["severity", "code"]).agg(documents=("path", "nunique"), example=("message", "first"))
             .sort_values("documents", ascending=False))
    """),
    md("""
    `recipients()` has one row per Nơi nhận / Kính gửi entry; `to_excel("records.xlsx")` writes every
    table to its own sheet for colleagues who work in Excel.
    """),
    code("""
    keep(plans.recipients()).recipient.value_counts().head(8).to_frame("plans")
    """),
]

GRAPH: list[Cell] = [
    md("""
    # 03 · The citation graph

    Which plan implements which directive? `vnplan.link` turns the records into a graph: each
    document of the archive is a node, and so is each document they cite that is not in the archive
    (a *cited-only* node). Edges go from the citing document to the cited one, with the relation.
    """),
    code(SETUP),
    code(CHART_SETUP),
    code("""
    plans = vnplan.load(["corpus/seeds", "corpus/real"])      # extracted in parallel (OCR cached on disk)
    g = plans.graph()                                         # the same as vnplan.link(plans)
    print(repr(g))
    """),
    md("""
    ## The interactive view

    In Jupyter the graph renders itself: wheel to zoom, drag to pan, search, click a node for its
    record. Nodes are coloured by level and laid out top-down (party, central, province, district,
    commune); cited-only nodes are hollow. (A repository page does not run the view's script: the
    static picture further down shows the same graph.)
    """),
    code("""
    g
    """),
    md("""
    ## The chain of directives above a plan

    `ancestors` follows the edges upward; `tree` prints them. *Kế hoạch 1105/KH-ĐKT* of an
    inspection team in Lào Cai implements *Quyết định 1050/QĐ-SCT* of the provincial Department of
    Industry and Trade, which rests on laws, decrees and circulars.
    """),
    code("""
    print(g.tree("1105/KH-ĐKT"))
    """),
    code("""
    pd.DataFrame([{"depth": depth, "relation": relation, "document": g.describe(node)}
                  for node, depth, relation, _via in g.chain("1105/KH-ĐKT")])
    """),
    md("""
    ## Who acts on a directive

    `descendants` goes the other way; `implementers` groups the documents carrying out a directive by
    province and level.
    """),
    code("""
    for ref in ("4214/BCA-C04", "22/2013/QĐ-TTg", "1074/QĐ-BXD"):
        print(ref, "←", [g.describe(n) for n in g.descendants(ref)])
    g.implementers("22/2013/QĐ-TTg")
    """),
    md("""
    ## Most-cited documents, in and out of the archive

    `missing()` lists the cited documents that are not in the archive, most cited first: the next
    documents to collect.
    """),
    code("""
    G = g.to_networkx()                       # a networkx.MultiDiGraph
    cited = pd.DataFrame([
        {"document": g.describe(n), "in archive": G.nodes[n]["kind"] == "document",
         "level": G.nodes[n].get("level"), "citing documents": len({u for u, _ in G.in_edges(n)})}
        for n in G.nodes if G.in_degree(n)])
    cited.sort_values(["citing documents", "document"], ascending=[False, True]).head(12).reset_index(drop=True)
    """),
    code("""
    pd.DataFrame([{"cited-only document": g.describe(n), "cited by": len(citing)} for n, citing in g.missing()[:8]])
    """),
    md("""
    ## The graph as tables

    `graph_frame(g, "nodes")` and `graph_frame(g, "edges")` give the graph as two DataFrames with the
    same key column as every other table (`path`: the document's file; on an edge, the citing
    document's), dates as datetime64 and counts as integers, ready to join with `plans.to_dataframe()`.
    """),
    code("""
    from vnplan.graph_tables import graph_frame

    nodes, edges = graph_frame(g, "nodes"), graph_frame(g, "edges")
    print(nodes.dtypes[["date", "year", "cited_by"]].to_dict())
    edges[edges.resolution == "resolved"][["path", "source_label", "relation", "target_label", "confidence"]].head(8)
    """),
    code("""
    (nodes[nodes.cited_by > 0].sort_values(["cited_by", "label"], ascending=[False, True])
         [["label", "kind", "level", "date", "cited_by"]].head(8))
    """),
    md("""
    ## How directives travel down

    Each citation goes from the level of the citing document to the level of the cited one.
    Provinces cite mostly central laws, decrees and decisions, and party resolutions.
    """),
    code("""
    levels = ["party", "central", "province", "district", "commune"]
    flows = pd.DataFrame([(G.nodes[u].get("level"), G.nodes[v].get("level"), d["relation"])
                          for u, v, d in G.edges(data=True)], columns=["citing", "cited", "relation"])
    table = pd.crosstab(flows.citing, flows.cited).reindex(index=levels, columns=levels, fill_value=0)
    table = table.loc[table.sum(axis=1) > 0, table.sum(axis=0) > 0]

    fig, ax = plt.subplots(figsize=(5, 3.4))
    ax.imshow(table.values, cmap="Blues")
    ax.set_xticks(range(len(table.columns)), table.columns)
    ax.set_yticks(range(len(table.index)), table.index)
    for (i, j), n in pd.DataFrame(table.values).stack().items():
        ax.text(j, i, n, ha="center", va="center", color="white" if n > table.values.max() / 2 else "black")
    ax.set(xlabel="level of the cited document", ylabel="level of the citing document",
           title="Citations between levels");
    """),
    md("""
    ## A static picture

    The archive documents linked to one another or to a document that two or more of them cite,
    drawn with networkx on the levels' rows (top: party; bottom: commune).
    """),
    code("""
    import networkx as nx

    keep = {n for n in G if G.nodes[n]["kind"] == "document"}
    keep |= {n for n in G if G.nodes[n]["kind"] != "document" and len({u for u, _ in G.in_edges(n)}) >= 2}
    H = nx.DiGraph(G.subgraph(keep))
    H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0])

    # rows by level; within a row, order by the mean position of the neighbours (fewer crossings)
    rows = {}
    for n in sorted(H, key=lambda n: (G.nodes[n].get("province") or "", n)):
        rows.setdefault(G.nodes[n]["rank"], []).append(n)
    x = {n: i / max(len(ns) - 1, 1) for ns in rows.values() for i, n in enumerate(ns)}
    for _ in range(6):
        for ns in rows.values():
            ns.sort(key=lambda n: sum(x[m] for m in nx.all_neighbors(H, n)) / H.degree(n))
            x.update({n: i / max(len(ns) - 1, 1) for i, n in enumerate(ns)})
    pos = {n: (x[n] if len(rows[G.nodes[n]["rank"]]) > 1 else 0.5, -1.6 * G.nodes[n]["rank"]) for n in H}
    colours = {0: "#d62728", 1: "#1f77b4", 2: "#2ca02c", 3: "#ff7f0e", 4: "#9467bd"}

    fig, ax = plt.subplots(figsize=(11, 7))
    nx.draw_networkx_edges(H, pos, ax=ax, alpha=0.3, arrowsize=8, node_size=120)
    for archive in (True, False):
        ns = [n for n in H if (G.nodes[n]["kind"] == "document") == archive]
        nx.draw_networkx_nodes(H, pos, nodelist=ns, ax=ax, node_size=120,
                               node_color=[colours.get(G.nodes[n]["rank"], "grey") if archive else "white" for n in ns],
                               edgecolors=[colours.get(G.nodes[n]["rank"], "grey") for n in ns], linewidths=1.5)
    for n, (px, py) in pos.items():
        label = G.nodes[n]["label"]
        if label.startswith(("…", "(")):                    # no number: the file name says which document
            label = Path(G.nodes[n]["paths"][0]).name[:16] + "…"
        ax.text(px, py + 0.12, label[:22], rotation=50, fontsize=6.5, ha="left", va="bottom")
    ax.set_yticks([-1.6 * r for r in rows], [levels[r] if r < len(levels) else "other" for r in rows])
    ax.tick_params(left=True, labelleft=True)
    ax.set_ylim(min(y for _, y in pos.values()) - 0.4, 1.4)
    ax.set_title(f"{len(H)} documents: filled = in the archive, hollow = cited only (by two or more)")
    ax.set_frame_on(False);
    """),
    md("""
    ## Checks and exports

    Citations that fit several archive documents are never guessed (`unresolved`); citation cycles
    should not exist (`cycles`). The graph exports to GraphML, GEXF, JSON, Cytoscape, CSV, DOT and an
    offline HTML page.
    """),
    code("""
    print("unresolved:", g.unresolved(), " cycles:", g.cycles())
    print("relations:", flows.relation.value_counts().to_dict())
    """),
    code("""
    import tempfile

    out = Path(tempfile.mkdtemp())
    for name in ("graph.html", "graph.graphml", "graph.gexf", "graph.json", "graph.csv", "graph.dot"):
        for written in g.write(str(out / name)):
            print(f"{Path(written).name:18} {Path(written).stat().st_size:>8,} bytes")
    """),
]

DIFF: list[Cell] = [
    md("""
    # 04 · A local plan against its template

    A province writes a plan; a commune writes its own to carry it out. `vnplan.compare(template,
    local)` aligns the two plans' activities and responsibilities one to one (reordered and reworded
    items are found), shows each change as a redline, checks theme, period, deadlines and the
    citation of the template, and measures how much of the template the local plan covers.
    `vnplan.check` gives the compliance verdict.

    The seed plans are five local plans for the *Tuần lễ hưởng ứng học tập suốt đời* (lifelong
    learning week), two of them provincial.
    """),
    code(SETUP),
    code(CHART_SETUP),
    code("""
    seeds = vnplan.load("corpus/seeds")
    seeds
    """),
    md("""
    ## Sơn La province (2025) → Hoà Xá commune (2025)

    The diff renders itself as the side-by-side redline: deleted words struck through in red, added
    words in green.
    """),
    code("""
    template, local = "corpus/seeds/003_ccd8d4cb88100caa.txt", "corpus/seeds/000_28b0c8e4ade0a855.txt"
    diff = vnplan.compare(template, local)
    print(repr(diff))
    diff
    """),
    md("The same as data: one row per aligned pair of activities."),
    code("""
    def rows(diff, part="activities"):
        return pd.DataFrame([{
            "status": d.status, "similarity": d.similarity,
            "template": clip(d.template.text, 70) if d.template else None,
            "local": clip(d.local.text, 70) if d.local else None, "note": d.note} for d in getattr(diff, part)])

    rows(diff)
    """),
    code("""
    rows(diff, "responsibilities")
    """),
    md("Field checks, with their evidence:"),
    code("""
    pd.DataFrame([c.to_dict() for c in diff.checks])[["name", "status", "message"]]
    """),
    md("""
    ## The compliance verdict

    `vnplan.check(template, local)` (the same order as `compare` and `vnplan diff`) renders as a
    table: the verdict — *đạt*, *không đạt* or *chưa kết luận được* — its reasons, warnings when the
    pair looks wrong, and for every check and template activity the sentence and page it rests on.
    The interface is Vietnamese; `vnplan.set_lang("en")` or `VNPLAN_LANG=en` switches to English.
    """),
    code("""
    report = vnplan.check(template, local)
    print(repr(report))
    report
    """),
    md("""
    `report.to_dataframe()` has one row per check and per template activity, with the evidence on
    each side; coverage is a float and pages are integers.
    """),
    code("""
    report.to_dataframe()[["kind", "name", "status", "similarity", "template_text", "local_text"]].head(6)
    """),
    md("""
    ## Three pairs

    Thanh Hóa province (2022) → Thanh Oai district (2021), and a province-to-province pair from the
    published documents: Cần Thơ's plan for the national anti-drug programme → Lâm Đồng's draft plan
    for the same programme.
    """),
    code("""
    pairs = {
        "Sơn La → Hoà Xá": (template, local),
        "Thanh Hóa → Thanh Oai": ("corpus/seeds/004_1d908d2fd900364c.txt", "corpus/seeds/002_968b6796712df7a0.txt"),
        "Cần Thơ → Lâm Đồng": ("corpus/real/050_kh-153-ubnd-tp-cantho-ctmtqg-phong-chong-ma-tuy.md.txt",
                               "corpus/real/070_kh-ubnd-tinh-lamdong-trien-khai-ctmtqg-phong-chong-ma-tuy-du-thao.docx"),
    }
    diffs = {name: vnplan.compare(t, l) for name, (t, l) in pairs.items()}
    summary = pd.DataFrame([{"pair": name, **d.counts(), "coverage": d.coverage.ratio, "verdict": d.verdict,
                             "failed checks": ", ".join(c.name for c in d.checks if c.status == "fail") or "—"}
                            for name, d in diffs.items()]).set_index("pair")
    summary
    """),
    code("""
    fig, ax = plt.subplots(figsize=(8, 2.6))
    summary[["kept", "modified", "dropped", "added"]].plot.barh(
        stacked=True, ax=ax, color=["#54a24b", "#eeca3b", "#e45756", "#4c78a8"])
    ax.invert_yaxis()
    ax.set(title="Template activities kept, modified, dropped; local activities added", xlabel="activities", ylabel="")
    ax.legend(frameon=False, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.3));
    """),
    md("""
    The Cần Thơ → Lâm Đồng pair, as a compliance table:
    """),
    code("""
    vnplan.check(*pairs["Cần Thơ → Lâm Đồng"])
    """),
    md("""
    ## Many local plans against one template

    `vnplan.check_many(template, [files or folders])` — or `vnplan check --against TEMPLATE FOLDER -o
    bang.xlsx` — gives one row per local plan: verdict, coverage, missing activities, warnings. Here
    the Sơn La plan against the seed plans: Hoà Xá passes, Thanh Oai (another province's plan, a year
    earlier) fails, and Sơn La against itself is inconclusive.
    """),
    code("""
    table = vnplan.check_many(template, ["corpus/seeds/000_28b0c8e4ade0a855.txt",
                                         "corpus/seeds/002_968b6796712df7a0.txt", template])
    table
    """),
    code("""
    table.to_dataframe()[["document", "verdict", "coverage", "missing", "warnings"]]
    """),
    md("""
    `diff.to_markdown()`, `to_json()` and `to_html()` (a standalone page) export the comparison;
    `vnplan diff` and `vnplan check` do the same from the command line.
    """),
    code("""
    print(diffs["Thanh Hóa → Thanh Oai"].to_markdown()[:1200].rsplit("\\n", 1)[0])
    """),
]

NOTEBOOK_CELLS: dict[str, list[Cell]] = {
    "01-quickstart": QUICKSTART,
    "02-archive-analysis": ARCHIVE,
    "03-citation-graph": GRAPH,
    "04-template-diff": DIFF,
}


def build(name: str, cells: list[Cell]) -> object:
    """The notebook of ``cells`` (nbformat v4, Python 3 kernel), not executed."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, (kind, source) in enumerate(cells):
        cell = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
        cell["id"] = f"{name[:2]}-{i:02d}"
        nb.cells.append(cell)
    return nb


def execute(nb: object, timeout: int = 900) -> None:
    """Run every cell in notebooks/ (raises `nbclient.exceptions.CellExecutionError` on an error)."""
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    nb.metadata["language_info"] = {"name": "python"}  # no interpreter version in the committed file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("only", nargs="*", help="notebook names or prefixes (default: all)")
    parser.add_argument("--no-execute", action="store_true", help="write the cells without running them")
    args = parser.parse_args(argv)
    import nbformat

    NOTEBOOKS.mkdir(exist_ok=True)
    for name, cells in NOTEBOOK_CELLS.items():
        if args.only and not any(name.startswith(p) for p in args.only):
            continue
        nb = build(name, cells)
        if not args.no_execute:
            print(f"executing {name} …", file=sys.stderr)
            execute(nb)
        noise = [(i, o["text"]) for i, c in enumerate(nb.cells) if c.cell_type == "code"
                 for o in c.get("outputs", []) if o.get("name") == "stderr"]
        for i, text in noise:  # library warnings end up on the repository page: silence them at the source
            print(f"  warning: cell {i} wrote to stderr: {text.strip()[:200]!r}", file=sys.stderr)
        path = NOTEBOOKS / f"{name}.ipynb"
        nbformat.write(nb, path)
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
