#!/usr/bin/env bash
# The exact command that made models/span-ranker (docs/models.md, models/span-ranker/MODEL_CARD.md).
# PolNeAR (research licence) is read from $POLNEAR (default /work/shared/datasets/polnear);
# train on its train split, dev split for early stopping and the cue threshold.
set -euo pipefail
POLNEAR=${POLNEAR:-/work/shared/datasets/polnear}
WORK=${WORK:-/tmp/span-ranker}
mkdir -p "$WORK"
python -m quotes convert polnear "$POLNEAR" --split train -o "$WORK/train.jsonl" -q
python -m quotes convert polnear "$POLNEAR" --split dev -o "$WORK/dev.jsonl" -q
python -m quotes train --task span-ranker --train "$WORK/train.jsonl" --dev "$WORK/dev.jsonl" \
    --out models/span-ranker --cache "$WORK/cache" --rounds 400 --early-stop 30 --leaves 31 --seed 13 --threads 2
