#!/usr/bin/env bash
# The exact commands that produce the shipped models from PolNeAR (research-use only: the
# corpus is read from its folder and converted under runs/, never copied into the repository).
#
#   scripts/train_polnear.sh [POLNEAR_ROOT]      (default: ../shared/datasets/polnear)
#
# Trains on PolNeAR train, selects on PolNeAR dev, on 2 CPU threads; a killed step can be
# re-run with --resume appended to its quotes train command.
set -euo pipefail
ROOT="${1:-../shared/datasets/polnear}"
mkdir -p runs/data
quotes convert polnear "$ROOT" --split train -o runs/data/polnear-train.jsonl
quotes convert polnear "$ROOT" --split dev -o runs/data/polnear-dev.jsonl

# 1. span tagger: top 2 layers of all-MiniLM-L6-v2 + BIO head, 2 epochs
quotes train --task tagger --train runs/data/polnear-train.jsonl --dev runs/data/polnear-dev.jsonl \
    --out runs/span-tagger --epochs 2 --lr 2e-4 --batch-size 16 --max-length 256 --stride 128 \
    --trained-layers 2 --seed 13 --threads 2 --no-progress
mkdir -p models/span-tagger
cp runs/span-tagger/config.json runs/span-tagger/weights.safetensors models/span-tagger/
