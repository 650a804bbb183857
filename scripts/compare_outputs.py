"""Record extraction outputs for every mode and scheme, and compare two recordings byte for byte.

A refactoring must not change what the extractor writes. Record before the change, record after,
compare:

    python scripts/compare_outputs.py record before/ --polnear ../shared/datasets/polnear
    ... change the code ...
    python scripts/compare_outputs.py record after/ --polnear ../shared/datasets/polnear
    python scripts/compare_outputs.py compare before/ after/

`record` extracts the bundled seeds and (when `--polnear` is given) PolNeAR dev with every mode
(`rules`, `neural`, `hybrid`) and both schemes (`speech`, `attribution`), one JSON Lines file per
combination. The PolNeAR input is written once into the recording folder and reused by a later
recording given `--inputs-from`, so both recordings read the very same documents. `compare` exits 0
when every file is byte-identical and 1 otherwise, naming the first differing line of each file.
"""
from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

MODES = ("rules", "neural", "hybrid")
SCHEMES = ("speech", "attribution")
ROOT = Path(__file__).resolve().parent.parent


def _quotes(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "quotes", *args], check=True)


def record(out: Path, polnear: Path | None, inputs_from: Path | None, modes: list[str],
           corpora_wanted: tuple[str, ...] = ("seeds", "polnear-dev")) -> None:
    out.mkdir(parents=True, exist_ok=True)
    corpora = {"seeds": ROOT / "seeds"}
    if polnear is not None or inputs_from is not None:
        dev = out / "input-polnear-dev.jsonl"
        if inputs_from is not None:
            dev.write_bytes((inputs_from / "input-polnear-dev.jsonl").read_bytes())
        else:
            _quotes("convert", "polnear", str(polnear), "--split", "dev", "-o", str(dev))
        corpora["polnear-dev"] = dev
    for name, source in corpora.items():
        if name not in corpora_wanted:
            continue
        for mode in modes:
            for scheme in SCHEMES:
                target = out / f"{name}.{mode}.{scheme}.jsonl"
                print(f"extract {name} --mode {mode} --scheme {scheme}", file=sys.stderr, flush=True)
                _quotes("extract", str(source), "--mode", mode, "--scheme", scheme,
                        "--workers", "0", "-o", str(target))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def compare(before: Path, after: Path, partial: bool = False) -> int:
    """Compare every recorded output of ``before`` (with ``partial``: only those ``after`` has)."""
    source = after if partial else before
    names = sorted(p.name for p in source.glob("*.jsonl") if not p.name.startswith("input-"))
    if not names:
        print(f"{before}: no recorded outputs", file=sys.stderr)
        return 2
    differ = 0
    for name in names:
        a, b = before / name, after / name
        if not b.exists():
            print(f"MISSING  {name}")
            differ += 1
            continue
        if a.read_bytes() == b.read_bytes():
            print(f"same     {name}  {_digest(a)}")
            continue
        differ += 1
        for i, (la, lb) in enumerate(zip(a.read_text().splitlines(), b.read_text().splitlines()), 1):
            if la != lb:
                print(f"DIFFERS  {name}: first at line {i}")
                break
        else:
            print(f"DIFFERS  {name}: line counts differ")
    print(f"{len(names) - differ} of {len(names)} outputs byte-identical")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="extract with every mode and scheme into a folder")
    rec.add_argument("out", type=Path)
    rec.add_argument("--polnear", type=Path, help="PolNeAR root; adds PolNeAR dev")
    rec.add_argument("--inputs-from", type=Path, help="reuse the PolNeAR input of an earlier recording")
    rec.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    rec.add_argument("--corpora", nargs="+", default=["seeds", "polnear-dev"], choices=["seeds", "polnear-dev"])
    cmp_ = sub.add_parser("compare", help="compare two recordings byte for byte")
    cmp_.add_argument("before", type=Path)
    cmp_.add_argument("after", type=Path)
    cmp_.add_argument("--partial", action="store_true", help="compare only the outputs that AFTER holds")
    args = parser.parse_args(argv)
    if args.command == "record":
        record(args.out, args.polnear, args.inputs_from, args.modes, tuple(args.corpora))
        return 0
    return compare(args.before, args.after, args.partial)


if __name__ == "__main__":
    sys.exit(main())
