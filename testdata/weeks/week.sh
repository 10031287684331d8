#!/usr/bin/env bash
# week.sh BIN SRC_DIR WS : the fixed-point check. SRC_DIR holds a week's inputs (the shared
# workbook so-khach-hang.xlsx or so-khach*.xlsx beside exports and listings). In a fresh workspace
# WS: two runs over the same inputs into two --out folders (a, b), then a's cleaned book adopted
# as the shared workbook beside the same other files (c). a, b and c must hold the same customers
# with the same values (cmpbook.py), and a and b the same lineage.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
S=$(realpath "$1"); SRC=$(realpath "$2"); WS=$3
rm -rf "$WS"; mkdir -p "$WS"; cp -r "$SRC"/* "$WS"/
cd "$WS"
$S init . >/dev/null 2>&1 || echo "init failed"
FILES=$(ls | grep -v -e sokhach.toml -e yeu-cau.xlsx)
$S clean $FILES --out a --quiet --as-of 2026-12-07 > a.log 2>&1; echo "a rc=$?"
$S clean $FILES --out b --quiet --as-of 2026-12-07 > b.log 2>&1; echo "b rc=$?"
python3 "$HERE/cmpbook.py" a/khach-hang.xlsx b/khach-hang.xlsx a-b
cmp <(cut -d, -f1-5 a/lineage.csv) <(cut -d, -f1-5 b/lineage.csv) && echo "lineage a=b"
BOOK=$(ls $FILES | grep -i "so-khach\|khach-hang" | head -1)
mkdir -p wk2; cp a/khach-hang.xlsx "wk2/$BOOK"
for f in $FILES; do [ "$f" != "$BOOK" ] && cp -r "$f" wk2/; done
( cd wk2 && $S --workspace .. clean $(ls) --out ../c --quiet --as-of 2026-12-07 > ../c.log 2>&1; echo "c rc=$?" )
python3 "$HERE/cmpbook.py" a/khach-hang.xlsx c/khach-hang.xlsx a-c
python3 "$HERE/cmpaccounts.py" a/ke-toan.xlsx c/ke-toan.xlsx a-c-accounts
