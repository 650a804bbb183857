#!/usr/bin/env bash
# The exact commands that produce the shipped models (models/span-tagger, models/speaker-ranker)
# from PolNeAR. PolNeAR is research-use only: it is read from its folder and converted under
# runs/ (ignored by git), never copied into the repository.
#
#   scripts/train_polnear.sh [POLNEAR_ROOT]      (default: ../shared/datasets/polnear)
#
# CPU only, 2 threads. If a step is killed, re-run its `quotes train` line with --resume
# appended: it continues from runs/<model>/checkpoint (the frozen-layer cache is kept too).
set -euo pipefail
ROOT="${1:-../shared/datasets/polnear}"
mkdir -p runs/data
quotes convert polnear "$ROOT" --split train -o runs/data/polnear-train.jsonl
quotes convert polnear "$ROOT" --split dev -o runs/data/polnear-dev.jsonl

# 1. span tagger: all-MiniLM-L6-v2 with its top 2 layers + a BIO head fine-tuned, one epoch
#    over the first 560 PolNeAR train documents (what the CPU time allowed), dev for selection
quotes train --task tagger --train runs/data/polnear-train.jsonl --dev runs/data/polnear-dev.jsonl \
    --out runs/span-tagger --max-docs 560 --epochs 1 --lr 2e-4 --batch-size 8 --max-length 256 --stride 192 \
    --trained-layers 2 --seed 13 --threads 2 --checkpoint-every 25 --no-progress

# 2. speaker ranker on the tagger's hidden states, trained on 200 train documents the tagger did not see
quotes train --task ranker --tagger runs/span-tagger --train runs/data/polnear-train.jsonl \
    --dev runs/data/polnear-dev.jsonl --out runs/speaker-ranker --skip-docs 560 --max-docs 200 \
    --epochs 6 --lr 1e-3 --batch-size 16 --seed 13 --threads 2 --no-progress

mkdir -p models/span-tagger models/speaker-ranker
cp runs/span-tagger/config.json runs/span-tagger/weights.safetensors models/span-tagger/
cp runs/speaker-ranker/config.json runs/speaker-ranker/weights.safetensors models/speaker-ranker/
