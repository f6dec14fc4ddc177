#!/usr/bin/env bash
# Every dev set at once, one JSON line of scores each: measure a change everywhere, not on one set.
#   eval/dev.sh [SET...]     sets: seeds abp_dev abp_dev_text extra_tune extra_heldout polnear petr2_gsr
#                            ngec_probes conflibert abp_meta (default: all but abp_meta, which is 2,581 articles)
# Env: DYAD (default .venv/bin/dyad), SHARED (../shared), OUT (a temp dir), EXTRA_GOLD (packed gold,
# default eval/gold/abp_extra.yaml), EXTRA_RAW (a folder with raw/*.yaml and corpus/IDS.tsv: pack it first).
# `extra_heldout` is measure-only: never tune rules on its errors.
set -uo pipefail
cd "$(dirname "$0")/.."
SHARED=$(cd "${SHARED:-../shared}" && pwd)
DYAD=${DYAD:-.venv/bin/dyad}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
SCORE="python3 $SHARED/eval/score.py"
EXTRA_GOLD=${EXTRA_GOLD:-eval/gold/abp_extra.yaml}
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(seeds abp_dev extra_tune extra_heldout polnear petr2_gsr ngec_probes conflibert)

annotate() { "$DYAD" annotate "$1" -o "$2" 2>>"$OUT/stderr.log" || [ $? -eq 1 ]; }
say() { printf '%-14s %s\n' "$1" "$(tail -n 1)"; }

if [ -n "${EXTRA_RAW:-}" ]; then
  python3 eval/devgold.py pack "$EXTRA_RAW/raw" "$EXTRA_RAW/corpus/IDS.tsv" -o "$OUT/extra.packed.yaml" 2>/dev/null
  EXTRA_GOLD="$OUT/extra.packed.yaml"
fi

for s in "${sets[@]}"; do
  case $s in
    seeds)
      python3 eval/inputs.py seeds "$SHARED" >"$OUT/seeds.in.jsonl"
      annotate "$OUT/seeds.in.jsonl" "$OUT/seeds.jsonl"
      $SCORE seeds --pred "$OUT/seeds.jsonl" --gold "$SHARED/gold/seeds.yaml" | say seeds ;;
    abp_dev|abp_dev_text)
      python3 eval/inputs.py abp_dev "$SHARED" $([ "$s" = abp_dev_text ] && echo --no-url) >"$OUT/$s.in.jsonl"
      annotate "$OUT/$s.in.jsonl" "$OUT/$s.jsonl"
      $SCORE seeds --pred "$OUT/$s.jsonl" --gold "$SHARED/gold/abp_dev.yaml" --corpus "$SHARED/corpus/abp_dev" | say "$s" ;;
    extra_tune|extra_heldout)
      [ -f "$EXTRA_GOLD" ] || { echo "$s: no $EXTRA_GOLD"; continue; }
      python3 eval/devgold.py unpack "$EXTRA_GOLD" --abp "$SHARED/corpus/abp" --out "$OUT/$s" --split "${s#extra_}" 2>/dev/null
      annotate "$OUT/$s/input.url.jsonl" "$OUT/$s.jsonl"
      $SCORE seeds --pred "$OUT/$s.jsonl" --gold "$OUT/$s/gold.yaml" --corpus "$OUT/$s/corpus" | say "$s" ;;
    polnear)
      DYAD_QUOTES=all annotate "$SHARED/data/quotes/polnear_dev.input.jsonl" "$OUT/polnear.jsonl"
      $SCORE quotes --pred "$OUT/polnear.jsonl" --gold "$SHARED/data/quotes/polnear_dev.gold.jsonl" | say polnear ;;
    petr2_gsr|ngec_probes|conflibert)
      annotate "$SHARED/data/events/$s.input.jsonl" "$OUT/$s.jsonl"
      $SCORE events --pred "$OUT/$s.jsonl" --gold "$SHARED/data/events/$s.gold.jsonl" | say "$s" ;;
    abp_meta)
      python3 eval/inputs.py abp "$SHARED" >"$OUT/abp.in.jsonl"
      annotate "$OUT/abp.in.jsonl" "$OUT/abp_meta.jsonl"
      $SCORE meta --pred "$OUT/abp_meta.jsonl" --gold "$SHARED/corpus/abp/abp.meta.jsonl" | say abp_meta ;;
    *) echo "unknown set $s" >&2; exit 2 ;;
  esac
done
echo "outputs in $OUT"
