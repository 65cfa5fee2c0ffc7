#!/usr/bin/env bash
# A held-out check of the extractor on pages it was never developed against: the test fixtures
# of newspaper4k 0.9.6 (an article extractor for Python) that come with their expected text
# (tests/data/html/NAME.html and tests/data/txt/NAME.txt in its source package on PyPI).
# The pages are laid out as the extraction benchmark is (html/ID.html.gz, ground-truth.json) in a
# temporary folder and scored by the eval command; with trafilatura installed (pip install
# trafilatura), it is scored on the same pages by the same method for comparison.
# Usage: scripts/heldout-eval.sh [--keep DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
if [ "${1:-}" = "--keep" ] && [ -n "${2:-}" ]; then work=$2; mkdir -p "$work"; fi
pip download --quiet --no-deps --no-binary :all: newspaper4k==0.9.6 -d "$work"
tar xzf "$work"/newspaper4k-0.9.6.tar.gz -C "$work"
python3 - "$work" <<'PY'
import gzip, json, os, sys
work = sys.argv[1]
data = os.path.join(work, "newspaper4k-0.9.6", "tests", "data")
out = os.path.join(work, "dataset")
os.makedirs(os.path.join(out, "html"), exist_ok=True)
gt = {}
for name in sorted(os.listdir(os.path.join(data, "html"))):
    page = name[: -len(".html")]
    txt = os.path.join(data, "txt", page + ".txt")
    if not name.endswith(".html") or not os.path.exists(txt):
        continue
    with open(os.path.join(data, "html", name), "rb") as f, \
            gzip.open(os.path.join(out, "html", page + ".html.gz"), "wb") as g:
        g.write(f.read())
    with open(txt, encoding="utf-8", errors="replace") as f:
        gt[page] = {"articleBody": f.read()}
with open(os.path.join(out, "ground-truth.json"), "w") as f:
    json.dump(gt, f)
print(f"{len(gt)} pages with expected text")
PY
cargo run --quiet --release --example extract_eval -- --dataset "$work/dataset" --out "$work/listen.json"
if python3 -c "import trafilatura" 2>/dev/null; then
    python3 - "$work" <<'PY'
import gzip, json, os, sys, trafilatura
work = sys.argv[1]
html = os.path.join(work, "dataset", "html")
pred = {}
for name in sorted(os.listdir(html)):
    with gzip.open(os.path.join(html, name), "rb") as f:
        pred[name[: -len(".html.gz")]] = {"articleBody": trafilatura.extract(f.read()) or ""}
with open(os.path.join(work, "trafilatura.json"), "w") as f:
    json.dump(pred, f)
PY
    if [ -f ../shared/tools/score_extraction.py ]; then
        python3 ../shared/tools/score_extraction.py --gt "$work/dataset/ground-truth.json" \
            "$work/listen.json" "$work/trafilatura.json"
    fi
fi
echo "pages and predictions in $work"
