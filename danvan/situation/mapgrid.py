"""A tile map of Viet Nam's 34 provinces (since 1 July 2025), drawn as inline SVG with no boundary data.

No package on our mirror ships boundaries or coordinates of today's provinces (`vietnam-provinces` has names and
codes only), and the system downloads nothing at run time. So each province is one square tile, placed by hand
on a grid in the order of its approximate geographic position: the (latitude, longitude) below are those of the
province's administrative centre, rounded to a tenth of a degree, from general map knowledge (not survey data).
Tiles keep north above south and west left of east, not distances or shapes. A commune map, having no positions
at all, is a grid of tiles in alphabetical order.
"""

from dataclasses import dataclass

TILE = 46  # px, the tile and its gap
GAP = 4


@dataclass(frozen=True)
class Tile:
    code: str  # AdminUnit code
    short: str  # the label on the tile
    col: int
    row: int
    lat: float
    lon: float


PROVINCE_TILES = [
    Tile("P12", "LCh", 1, 0, 22.4, 103.5),
    Tile("P15", "LCa", 2, 0, 21.7, 104.9),
    Tile("P8", "TQ", 3, 0, 21.8, 105.2),
    Tile("P4", "CB", 4, 0, 22.7, 106.3),
    Tile("P11", "ĐB", 0, 1, 21.4, 103.0),
    Tile("P14", "SL", 1, 1, 21.3, 103.9),
    Tile("P25", "PT", 2, 1, 21.3, 105.4),
    Tile("P19", "TN", 3, 1, 21.6, 105.8),
    Tile("P20", "LS", 4, 1, 21.9, 106.8),
    Tile("P1", "HN", 2, 2, 21.0, 105.9),
    Tile("P24", "BN", 3, 2, 21.3, 106.2),
    Tile("P22", "QN", 4, 2, 21.0, 107.1),
    Tile("P37", "NB", 2, 3, 20.3, 106.0),
    Tile("P33", "HY", 3, 3, 20.7, 106.1),
    Tile("P31", "HP", 4, 3, 20.9, 106.7),
    Tile("P38", "TH", 2, 4, 19.8, 105.8),
    Tile("P40", "NA", 2, 5, 18.7, 105.7),
    Tile("P42", "HT", 3, 5, 18.3, 105.9),
    Tile("P44", "QT", 3, 6, 17.5, 106.6),
    Tile("P46", "Huế", 4, 7, 16.5, 107.6),
    Tile("P48", "ĐN", 4, 8, 16.1, 108.2),
    Tile("P51", "QNg", 4, 9, 15.1, 108.8),
    Tile("P52", "GL", 4, 10, 13.8, 109.2),
    Tile("P66", "ĐL", 3, 11, 12.7, 108.0),
    Tile("P56", "KH", 4, 11, 12.2, 109.2),
    Tile("P68", "LĐ", 3, 12, 11.9, 108.4),
    Tile("P80", "TNi", 1, 13, 10.5, 106.4),
    Tile("P79", "HCM", 2, 13, 10.8, 106.7),
    Tile("P75", "ĐNa", 3, 13, 11.0, 106.8),
    Tile("P91", "AG", 0, 14, 10.0, 105.1),
    Tile("P82", "ĐT", 1, 14, 10.4, 106.4),
    Tile("P86", "VL", 2, 14, 10.3, 106.0),
    Tile("P92", "CT", 1, 15, 10.0, 105.8),
    Tile("P96", "CM", 0, 16, 9.2, 105.2),
]


def shade(done: int, total: int) -> str:
    """Reporting coverage as a fill: green when all reported, amber from half, red below, grey with no units."""
    if total == 0:
        return "#e9ecef"
    share = done / total
    return "#198754" if share >= 1 else "#ffc107" if share >= 0.5 else "#dc3545"


def province_layout(cells: dict) -> tuple[list[dict], int, int]:
    """The tiles with their figures and place on the picture, and the picture's width and height."""
    tiles = []
    for t in PROVINCE_TILES:
        cell = cells.get(t.code, {"name": t.code, "hotspots": 0, "communes": 0, "reported": 0})
        tiles.append(
            {
                **cell,
                "code": t.code,
                "short": t.short,
                "x": t.col * TILE,
                "y": t.row * TILE,
                "fill": shade(cell["reported"], cell["communes"]),
            }
        )
    width = (max(t.col for t in PROVINCE_TILES) + 1) * TILE
    height = (max(t.row for t in PROVINCE_TILES) + 1) * TILE
    return [_ink(t) for t in tiles], width, height


def _ink(tile: dict) -> dict:
    # Dark text on the light fills, white on the dark ones (contrast for reading).
    tile["ink"] = "#000" if tile["fill"] in ("#ffc107", "#e9ecef") else "#fff"
    return tile


def commune_initials(name: str) -> str:
    """ "Đảng ủy xã Yên Thế" → "YT": the initials of the commune's own name."""
    words = name.split()
    for kind in ("xã", "phường", "khu"):
        if kind in words:
            words = words[words.index(kind) + 1 :]
            break
    return "".join(w[0] for w in words[:3]).upper() or name[:2]


def commune_layout(cells: dict, columns: int = 12) -> tuple[list[dict], int, int]:
    """Communes in alphabetical order on a grid (no positions are known)."""
    tiles = []
    for i, (code, cell) in enumerate(cells.items()):
        col, row = i % columns, i // columns
        tiles.append(
            {
                **cell,
                "code": code,
                "short": commune_initials(cell["name"]),
                "x": col * TILE,
                "y": row * TILE,
                "fill": "#198754" if cell["reported"] else "#dc3545",
            }
        )
    rows = (len(tiles) + columns - 1) // columns
    return [_ink(t) for t in tiles], columns * TILE, max(rows, 1) * TILE
