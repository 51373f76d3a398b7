"""Matplotlib without pyplot: the figures behind ``plot_history`` and graphviz-free ``plot_model``.

Figures are plain ``matplotlib.figure.Figure`` objects on an Agg canvas, never pyplot's global
state, so drawing works headless, in threads and in tests. The model drawing lays boxes out in
ranks (a node's rank is its longest path from a graph input), rows for ``TB``/``BT`` and columns
for ``LR``/``RL``; within a rank, nodes follow the mean position of their parents, which keeps
arrows from crossing in ordinary models.
"""

import importlib
import os
from collections import deque

FONT_SIZE = 10  # points; the layout is computed in points, so 1 data unit = 1/72 inch
CHAR_WIDTH = 0.602 * FONT_SIZE  # the advance of DejaVu Sans Mono, matplotlib's own monospace font
LINE_HEIGHT = 1.5 * FONT_SIZE
PAD = 6
RANK_GAP = 36
NODE_GAP = 20
CLUSTER_PAD = 10
MARGIN = 8
WAYPOINT_ROOM = 4


def require(module, caller):
    """Import an optional plotting package, or say which extra provides it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(f'{caller} needs {module.split(".")[0]}, which is not installed; '
                          f'install it with: pip install "frontend[plot]"') from error


def new_figure(caller, **kwargs):
    """A pyplot-free ``Figure`` with an Agg canvas attached (so it can be saved and measured)."""
    require("matplotlib", caller)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(**kwargs)
    FigureCanvasAgg(figure)
    return figure


def save_figure(figure, to_file, caller):
    """Write ``figure`` to ``to_file`` in the format its extension names (png when it has none)."""
    extension = os.path.splitext(os.fspath(to_file))[1][1:].lower() or "png"
    supported = figure.canvas.get_supported_filetypes()
    if extension not in supported:
        raise ValueError(f"{caller}: cannot write '.{extension}' files ({to_file}); "
                         f"supported extensions: {', '.join(sorted(supported))}")
    figure.savefig(to_file, format=extension, dpi="figure")


def _ranks(graph):
    """Each node's longest path (in edges) from a node with no inputs, visiting in topological order."""
    children = {node.key: [] for node in graph.nodes}
    waiting = dict.fromkeys(children, 0)
    for source, destination in graph.edges:
        children[source].append(destination)
        waiting[destination] += 1
    rank = dict.fromkeys(children, 0)
    ready = deque(key for key, count in waiting.items() if count == 0)
    while ready:
        key = ready.popleft()
        for child in children[key]:
            rank[child] = max(rank[child], rank[key] + 1)
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    return rank


def _ordered_ranks(graph):
    """The keys of each rank in drawing order, and each edge's route: one waypoint per rank it crosses.

    Waypoints take part in the ordering like small boxes, so a long edge (a skip connection) runs
    beside the boxes of the ranks in between instead of through them.
    """
    rank = _ranks(graph)
    parents = {node.key: [] for node in graph.nodes}
    routes = {}
    for source, destination in graph.edges:
        route, previous = [], source
        for level in range(rank[source] + 1, rank[destination]):
            waypoint = ("via", source, destination, level)
            rank[waypoint], parents[waypoint] = level, [previous]
            route.append(waypoint)
            previous = waypoint
        parents[destination].append(previous)
        routes[source, destination] = route
    levels = [[] for _ in range(max(rank.values()) + 1)]
    for key, level in rank.items():
        levels[level].append(key)
    place = {key: index for index, key in enumerate(levels[0])}

    def centre(key):  # the mean place of a key's parents, all in earlier ranks
        return sum(place[parent] for parent in parents[key]) / len(parents[key])

    for level in levels[1:]:
        level.sort(key=centre)
        place.update((key, index) for index, key in enumerate(level))
    return levels, routes


def _cluster_depth(graph):
    parent = {cluster.key: cluster.parent for cluster in graph.clusters}
    depth = 0
    for key in parent:
        level, up = 0, key
        while up is not None:
            level, up = level + 1, parent[up]
        depth = max(depth, level)
    return depth


def layout(graph, rankdir):
    """Each node's box ``(x0, y0, width, height)`` in points (y upwards), each edge's waypoints
    ``[(x, y), ...]``, and the drawing's ``(width, height)``."""
    vertical = rankdir in ("TB", "BT")
    width = {node.key: max(len(text) for text in [node.title, *node.details]) * CHAR_WIDTH + 2 * PAD
             for node in graph.nodes}
    height = {node.key: (1 + len(node.details)) * LINE_HEIGHT + 2 * PAD for node in graph.nodes}
    levels, routes = _ordered_ranks(graph)
    for route in routes.values():  # a waypoint is a box of no size, given a little room across
        width.update(dict.fromkeys(route, WAYPOINT_ROOM if vertical else 0.0))
        height.update(dict.fromkeys(route, 0.0 if vertical else WAYPOINT_ROOM))
    along, across = (height, width) if vertical else (width, height)
    depth = _cluster_depth(graph)
    rank_gap = RANK_GAP + depth * (2 * CLUSTER_PAD + LINE_HEIGHT)
    node_gap = NODE_GAP + depth * 2 * CLUSTER_PAD
    rank_size = [max(along[key] for key in level) for level in levels]
    rank_span = [sum(across[key] for key in level) + node_gap * (len(level) - 1) for level in levels]
    span = max(rank_span)
    extent = sum(rank_size) + rank_gap * (len(levels) - 1)
    margin = MARGIN + depth * (CLUSTER_PAD + LINE_HEIGHT)

    def point(a, c):  # (along the ranks, across them) -> (x, y)
        if vertical:
            return c + margin, (a if rankdir == "BT" else extent - a) + margin
        return (a if rankdir == "LR" else extent - a) + margin, span - c + margin

    centres, through, start = {}, {}, 0.0
    for level, size, level_span in zip(levels, rank_size, rank_span):
        offset = (span - level_span) / 2
        for key in level:
            c = offset + across[key] / 2
            centres[key] = point(start + size / 2, c)
            through[key] = [point(start, c), point(start + size, c)]  # a waypoint's way across its rank
            offset += across[key] + node_gap
        start += size + rank_gap
    boxes = {node.key: (centres[node.key][0] - width[node.key] / 2, centres[node.key][1] - height[node.key] / 2,
                        width[node.key], height[node.key]) for node in graph.nodes}
    waypoints = {edge: [xy for key in route for xy in through[key]] for edge, route in routes.items()}
    size = (span, extent) if vertical else (extent, span)
    return boxes, waypoints, (size[0] + 2 * margin, size[1] + 2 * margin)


def _cluster_boxes(graph, boxes):
    """A dashed frame around each cluster's boxes (inner clusters first, outer ones around them)."""
    members = {cluster.key: [] for cluster in graph.clusters}
    for node in graph.nodes:
        if node.cluster is not None:
            members[node.cluster].append(boxes[node.key])
    frames = {}
    for cluster in reversed(graph.clusters):
        inside = members[cluster.key]
        if not inside:
            continue
        x0 = min(b[0] for b in inside) - CLUSTER_PAD
        y0 = min(b[1] for b in inside) - CLUSTER_PAD
        x1 = max(b[0] + b[2] for b in inside) + CLUSTER_PAD
        y1 = max(b[1] + b[3] for b in inside) + CLUSTER_PAD + LINE_HEIGHT
        frames[cluster.key] = (x0, y0, x1 - x0, y1 - y0)
        if cluster.parent is not None:
            members[cluster.parent].append(frames[cluster.key])
    return frames


def _port(box, toward, vertical):
    """Where an arrow leaves or enters ``box``: the middle of the side facing the point ``toward``."""
    x0, y0, w, h = box
    if vertical:
        return x0 + w / 2, (y0 if toward[1] < y0 else y0 + h)
    return (x0 if toward[0] < x0 else x0 + w), y0 + h / 2


def draw_graph(graph, rankdir="TB", dpi=200, caller="plot_model"):
    """A ``Figure`` showing ``graph`` (a ``LayerGraph``): labelled boxes, arrows and cluster frames."""
    figure = new_figure(caller, dpi=dpi)
    from matplotlib.patches import FancyArrowPatch, Rectangle

    boxes, waypoints, (total_w, total_h) = layout(graph, rankdir)
    figure.set_size_inches(total_w / 72, total_h / 72)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, total_w)
    axes.set_ylim(0, total_h)
    axes.axis("off")
    text = dict(family="monospace", fontsize=FONT_SIZE, ha="center", va="center")
    for key, (x0, y0, w, h) in _cluster_boxes(graph, boxes).items():
        axes.add_patch(Rectangle((x0, y0), w, h, fill=False, linestyle="--", edgecolor="0.4"))
        label = next(cluster.label for cluster in graph.clusters if cluster.key == key)
        axes.text(x0 + PAD, y0 + h - LINE_HEIGHT / 2 - 2, label, **{**text, "ha": "left", "color": "0.3"})
    for node in graph.nodes:
        x0, y0, w, h = boxes[node.key]
        band = LINE_HEIGHT + (PAD if node.details else 2 * PAD)
        axes.add_patch(Rectangle((x0, y0), w, h, facecolor="white", edgecolor="black"))
        axes.add_patch(Rectangle((x0, y0 + h - band), w, band, facecolor="black", edgecolor="black"))
        axes.text(x0 + w / 2, y0 + h - band / 2, node.title, color="white", weight="bold", **text)
        for row, detail in enumerate(node.details):
            axes.text(x0 + w / 2, y0 + h - band - (row + 0.5) * LINE_HEIGHT, detail, **text)
    vertical = rankdir in ("TB", "BT")
    for (source, destination), route in waypoints.items():
        a, b = boxes[source], boxes[destination]
        points = [_port(a, route[0] if route else (b[0] + b[2] / 2, b[1] + b[3] / 2), vertical), *route]
        points.append(_port(b, points[-1], vertical))
        if len(points) > 2:
            axes.plot(*zip(*points[:-1]), color="0.2", linewidth=1)
        axes.add_patch(FancyArrowPatch(points[-2], points[-1], arrowstyle="-|>", mutation_scale=12,
                                       color="0.2", shrinkA=0, shrinkB=0))
    return figure
