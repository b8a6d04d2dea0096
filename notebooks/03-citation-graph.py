# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 · The citation graph
#
# Which plan implements which directive? `vnplan.link` turns the records into a graph: each
# document of the archive is a node, and so is each document they cite that is not in the archive
# (a *cited-only* node). Edges go from the citing document to the cited one, with the relation.

# %%
import os
from pathlib import Path

root = Path.cwd()
while not (root / "pyproject.toml").exists() and root != root.parent:
    root = root.parent
os.chdir(root)          # every path below is relative to the repository

import pandas as pd
import vnplan
from IPython.display import HTML, display
from vnplan.plaintext import clip      # shortens text between words, never inside one

# text reads left-aligned; long cells are shortened with `clip` where they are made, not cut by pandas
display(HTML("<style>.dataframe td, .dataframe th { text-align: left !important; vertical-align: top; }</style>"))
pd.set_option("display.max_colwidth", None)
vnplan.__version__

# %%
# %matplotlib inline
import matplotlib.pyplot as plt

plt.rcParams.update({"figure.dpi": 90, "figure.figsize": (8, 3.6), "axes.spines.top": False,
                     "axes.spines.right": False, "font.size": 10})

# %%
plans = vnplan.load(["corpus/seeds", "corpus/real"])      # extracted in parallel (OCR cached on disk)
g = plans.graph()                                         # the same as vnplan.link(plans)
print(repr(g))

# %% [markdown]
# ## The interactive view
#
# In Jupyter the graph renders itself: wheel to zoom, drag to pan, search, click a node for its
# record. Nodes are coloured by level and laid out top-down (party, central, province, district,
# commune); cited-only nodes are hollow. (A repository page does not run the view's script: the
# static picture further down shows the same graph.)

# %%
g

# %% [markdown]
# ## The chain of directives above a plan
#
# `ancestors` follows the edges upward; `tree` prints them. *Kế hoạch 1105/KH-ĐKT* of an
# inspection team in Lào Cai implements *Quyết định 1050/QĐ-SCT* of the provincial Department of
# Industry and Trade, which rests on laws, decrees and circulars.

# %%
print(g.tree("1105/KH-ĐKT"))

# %%
pd.DataFrame([{"depth": depth, "relation": relation, "document": g.describe(node)}
              for node, depth, relation, _via in g.chain("1105/KH-ĐKT")])

# %% [markdown]
# ## Who acts on a directive
#
# `descendants` goes the other way; `implementers` groups the documents carrying out a directive by
# province and level.

# %%
for ref in ("4214/BCA-C04", "22/2013/QĐ-TTg", "1074/QĐ-BXD"):
    print(ref, "←", [g.describe(n) for n in g.descendants(ref)])
g.implementers("22/2013/QĐ-TTg")

# %% [markdown]
# ## Most-cited documents, in and out of the archive
#
# `missing()` lists the cited documents that are not in the archive, most cited first: the next
# documents to collect.

# %%
G = g.to_networkx()                       # a networkx.MultiDiGraph
cited = pd.DataFrame([
    {"document": g.describe(n), "in archive": G.nodes[n]["kind"] == "document",
     "level": G.nodes[n].get("level"), "citing documents": len({u for u, _ in G.in_edges(n)})}
    for n in G.nodes if G.in_degree(n)])
cited.sort_values(["citing documents", "document"], ascending=[False, True]).head(12).reset_index(drop=True)

# %%
pd.DataFrame([{"cited-only document": g.describe(n), "cited by": len(citing)} for n, citing in g.missing()[:8]])

# %% [markdown]
# ## The graph as tables
#
# `graph_frame(g, "nodes")` and `graph_frame(g, "edges")` give the graph as two DataFrames with the
# same key column as every other table (`path`: the document's file; on an edge, the citing
# document's), dates as datetime64 and counts as integers, ready to join with `plans.to_dataframe()`.

# %%
from vnplan.export.graph_tables import graph_frame

nodes, edges = graph_frame(g, "nodes"), graph_frame(g, "edges")
print(nodes.dtypes[["date", "year", "cited_by"]].to_dict())
edges[edges.resolution == "resolved"][["path", "source_label", "relation", "target_label", "confidence"]].head(8)

# %%
(nodes[nodes.cited_by > 0].sort_values(["cited_by", "label"], ascending=[False, True])
     [["label", "kind", "level", "date", "cited_by"]].head(8))

# %% [markdown]
# ## How directives travel down
#
# Each citation goes from the level of the citing document to the level of the cited one.
# Provinces cite mostly central laws, decrees and decisions, and party resolutions.

# %%
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

# %% [markdown]
# ## A static picture
#
# The archive documents linked to one another or to a document that two or more of them cite,
# drawn with networkx on the levels' rows (top: party; bottom: commune).

# %%
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

# %% [markdown]
# ## Checks and exports
#
# Citations that fit several archive documents are never guessed (`unresolved`); citation cycles
# should not exist (`cycles`). The graph exports to GraphML, GEXF, JSON, Cytoscape, CSV, DOT and an
# offline HTML page.

# %%
print("unresolved:", g.unresolved(), " cycles:", g.cycles())
print("relations:", flows.relation.value_counts().to_dict())

# %%
import tempfile

out = Path(tempfile.mkdtemp())
for name in ("graph.html", "graph.graphml", "graph.gexf", "graph.json", "graph.csv", "graph.dot"):
    for written in g.write(str(out / name)):
        print(f"{Path(written).name:18} {Path(written).stat().st_size:>8,} bytes")
