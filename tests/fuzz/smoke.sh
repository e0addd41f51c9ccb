#!/bin/sh
# Runs one libFuzzer target for a bounded time over its seed corpus, writing what it
# discovers to a scratch directory so the committed corpus is never modified.
# usage: smoke.sh FUZZER SECONDS SEED_CORPUS_DIR
set -eu
fuzzer=$1 seconds=$2 seeds=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/corpus"
"$fuzzer" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$scratch/" "$scratch/corpus" "$seeds"
