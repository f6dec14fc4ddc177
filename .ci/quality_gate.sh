#!/usr/bin/env bash
# Quality gate: annotate the development gold sets in ../shared and hold score.py to the thresholds
# that the resolved issues name. Any threshold missed -> non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
SHARED=$(cd "$SHARED" && pwd)
DYAD=${DYAD:-.venv/bin/dyad}
SCORE="python3 $SHARED/eval/score.py"
OUT=${GATE_OUT:-$(mktemp -d)}
mkdir -p "$OUT"

annotate() {  # annotate IN OUT — item errors are scored, not fatal
  "$DYAD" annotate "$1" -o "$2" || [ $? -eq 1 ]
}

echo "== seeds"
python3 - "$SHARED/corpus/seeds" >"$OUT/seeds.in.jsonl" <<'PY'
import json, pathlib, sys
for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    print(json.dumps({"id": p.name, "text": p.read_text(encoding="utf-8")}))
PY
annotate "$OUT/seeds.in.jsonl" "$OUT/seeds.jsonl"
$SCORE seeds --pred "$OUT/seeds.jsonl" --gold "$SHARED/gold/seeds.yaml" \
  --min outlet_acc=1.0 --min title_acc=1.0 --min body_f1=0.98 --max boilerplate_leak=0 \
  --min date_acc=1.0 --min people_recall=1.0 --min role_acc=0.9 \
  | tail -n 1
