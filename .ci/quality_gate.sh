#!/usr/bin/env bash
# Quality gate: annotate the development gold sets in ../shared (and our own packed dev gold, see
# eval/gold/README.md) and hold score.py to the thresholds that the issues name. Any threshold missed ->
# non-zero exit. Where an issue's target is not reached yet, the floor is today's figure (a regression
# check) and the target is named in a comment.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
SHARED=$(cd "$SHARED" && pwd)
DYAD=${DYAD:-.venv/bin/dyad}
SCORE="python3 $SHARED/eval/score.py"
OUT=${GATE_OUT:-$(mktemp -d)}
mkdir -p "$OUT"

annotate() {  # annotate IN OUT [dyad options] — item errors are scored, not fatal (exit 1 = some item failed)
  local in=$1 out=$2; shift 2
  "$DYAD" annotate "$in" -o "$out" "$@" || [ $? -eq 1 ]
}

echo "== seeds (#9 seeds gate); their gold counts quoted words only, so quotes are scored in direct mode"
python3 eval/inputs.py seeds "$SHARED" >"$OUT/seeds.in.jsonl"
DYAD_QUOTES=direct annotate "$OUT/seeds.in.jsonl" "$OUT/seeds.jsonl"
$SCORE seeds --pred "$OUT/seeds.jsonl" --gold "$SHARED/gold/seeds.yaml" \
  --min outlet_acc=1.0 --min title_acc=1.0 --min body_f1=0.98 --max boilerplate_leak=0.05 \
  --min date_acc=0.8 --min people_recall=0.95 --min role_acc=0.85 --min quote_f1=0.90 --min event_f1=0.75 \
  | tail -n 1

echo "== abp_dev: 12 real articles, URL supplied (#9); default quote mode (reported speech counted, as this gold does)"
python3 eval/inputs.py abp_dev "$SHARED" >"$OUT/abp_dev.in.jsonl"
annotate "$OUT/abp_dev.in.jsonl" "$OUT/abp_dev.jsonl"
# target not reached yet: date_acc 0.75 (floor: today's 0.667)
$SCORE seeds --pred "$OUT/abp_dev.jsonl" --gold "$SHARED/gold/abp_dev.yaml" --corpus "$SHARED/corpus/abp_dev" \
  --max boilerplate_leak=0.10 --min body_f1=0.98 --min date_acc=0.66 --min people_recall=0.95 \
  --min role_acc=0.85 --min quote_f1=0.80 --min event_f1=0.50 \
  | tail -n 1

echo "== our own real-article dev gold (eval/gold): tune split, then the held-out split (measured, never tuned on)"
for split in tune heldout; do
  python3 eval/devgold.py unpack eval/gold/abp_extra.yaml --abp "$SHARED/corpus/abp" --out "$OUT/extra_$split" \
    --split "$split" 2>/dev/null
  annotate "$OUT/extra_$split/input.url.jsonl" "$OUT/extra_$split.jsonl"
  $SCORE seeds --pred "$OUT/extra_$split.jsonl" --gold "$OUT/extra_$split/gold.yaml" \
    --corpus "$OUT/extra_$split/corpus" | tail -n 1
done

echo "== corpus/abp: 2,581 real articles, metadata only (#9): URL supplied, then text only"
python3 eval/inputs.py abp "$SHARED" >"$OUT/abp.url.in.jsonl"
annotate "$OUT/abp.url.in.jsonl" "$OUT/abp.url.jsonl" --metadata-only
$SCORE meta --pred "$OUT/abp.url.jsonl" --gold "$SHARED/corpus/abp/abp.meta.jsonl" \
  --min outlet_acc=0.98 --min date_acc=0.70 --max date_wrong=0.02 --max bounds_wrong=0.02 | tail -n 1
annotate "$SHARED/corpus/abp/abp.input.jsonl" "$OUT/abp.text.jsonl" --metadata-only
$SCORE meta --pred "$OUT/abp.text.jsonl" --gold "$SHARED/corpus/abp/abp.meta.jsonl" \
  --max date_wrong=0.02 --max bounds_wrong=0.03 | tail -n 1

echo "== PolNeAR dev: quotes (#4), paraphrase included"
DYAD_QUOTES=all annotate "$SHARED/data/quotes/polnear_dev.input.jsonl" "$OUT/polnear_dev.jsonl"
$SCORE quotes --pred "$OUT/polnear_dev.jsonl" --gold "$SHARED/data/quotes/polnear_dev.gold.jsonl" \
  --min attribution_f1=0.60 --min direct_attribution_f1=0.80 | tail -n 1

echo "== events (#5)"
events() {  # events SET THRESHOLDS...
  local set=$1; shift
  annotate "$SHARED/data/events/$set.input.jsonl" "$OUT/$set.jsonl"
  $SCORE events --pred "$OUT/$set.jsonl" --gold "$SHARED/data/events/$set.gold.jsonl" "$@" | tail -n 1
}
events petr2_gsr --min type_micro_f1=0.65 --min dyad_f1=0.50 --max no_event_fp_rate=0.25
events ngec_probes --min type_micro_f1=0.75 --min dyad_f1=0.70
events conflibert --min type_micro_f1=0.50
echo "quality gate passed"
