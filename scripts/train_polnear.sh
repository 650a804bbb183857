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

# 1. span tagger: all-MiniLM-L6-v2 with its top 2 layers + a BIO head fine-tuned, in three
#    stages sized to what a shared 2-core CPU allowed (each stage starts from the one before):
#    a. one epoch over the first 560 PolNeAR train documents
quotes train --task tagger --train runs/data/polnear-train.jsonl --dev runs/data/polnear-dev.jsonl \
    --out runs/span-tagger --max-docs 560 --epochs 1 --lr 2e-4 --batch-size 8 --max-length 256 --stride 192 \
    --trained-layers 2 --seed 13 --threads 2 --checkpoint-every 25 --no-progress
#    b. one epoch over the other 280
quotes train --task tagger --train runs/data/polnear-train.jsonl --dev runs/data/polnear-dev.jsonl \
    --init runs/span-tagger --out runs/span-tagger-2 --skip-docs 560 --epochs 1 --lr 2e-4 --batch-size 8 \
    --seed 13 --threads 2 --checkpoint-every 25 --no-progress
#    c. up to two epochs over all 840 at a lower rate, stopping when dev stops improving
quotes train --task tagger --train runs/data/polnear-train.jsonl --dev runs/data/polnear-dev.jsonl \
    --init runs/span-tagger-2 --out runs/span-tagger-3 --epochs 2 --lr 1e-4 --batch-size 8 --patience 1 \
    --seed 13 --threads 2 --checkpoint-every 25 --no-progress

# 2. speaker ranker on the final tagger's hidden states, trained on the last 280 train documents
quotes train --task ranker --tagger runs/span-tagger-3 --train runs/data/polnear-train.jsonl \
    --dev runs/data/polnear-dev.jsonl --out runs/speaker-ranker --skip-docs 560 \
    --epochs 6 --lr 1e-3 --batch-size 16 --seed 13 --threads 2 --no-progress

mkdir -p models/span-tagger models/speaker-ranker
cp runs/span-tagger-3/config.json runs/span-tagger-3/weights.safetensors models/span-tagger/
cp runs/speaker-ranker/config.json runs/speaker-ranker/weights.safetensors models/speaker-ranker/
