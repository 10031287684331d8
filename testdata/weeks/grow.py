#!/usr/bin/env python3
"""Ids when the exports grow: week 1 reads the shared workbook with the web export and invoice
listing rows dated before YEAR (web1.csv, bk1.csv); week 2 the whole export and listing under new
names (web2.csv, bk2.csv) beside the same workbook — or, with --adopt, beside week 1's cleaned book
adopted. One workspace. Every export and listing row of week 1 should keep its customer's id in
week 2; the ones that do not are counted by (file, week-1 action, week-2 action), and «splits»
counts week-1 customers whose rows week 2 puts under two ids or more.

usage: grow.py BIN SET DIR [--year 2024] [--adopt]       SET: a directory of testdata/gen-f/gen.py
"""
import argparse, collections, csv, os, shutil, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument('bin'); ap.add_argument('set'); ap.add_argument('dir')
ap.add_argument('--year', default='2024')
ap.add_argument('--adopt', action='store_true')
a = ap.parse_args()
BIN, SET, D = os.path.abspath(a.bin), os.path.abspath(a.set), os.path.abspath(a.dir)
shutil.rmtree(D, ignore_errors=True); os.makedirs(D)
shutil.copy(os.path.join(SET, 'so-khach-hang.xlsx'), D)

# web (UTF-8 with BOM, quoted commas): ISO date in the column named «… date»
lines = open(os.path.join(SET, 'web-export.csv'), encoding='utf-8-sig', newline='').read().splitlines(True)
cols = next(csv.reader([lines[0]]))
di = [i for i, c in enumerate(cols) if 'date' in c.lower()][0]
out, web_map = [lines[0]], {}
for n, l in enumerate(lines[1:], 2):
    if next(csv.reader([l]))[di][:4] < a.year:
        out.append(l); web_map[len(out)] = n
open(os.path.join(D, 'web1.csv'), 'w', encoding='utf-8-sig', newline='').write(''.join(out))
shutil.copy(os.path.join(SET, 'web-export.csv'), os.path.join(D, 'web2.csv'))
# listing (Windows-1258, ';', CRLF): dd/mm/yyyy in the fourth column
raw = open(os.path.join(SET, 'bang-ke-hoa-don.csv'), 'rb').read().split(b'\r\n')
out, bk_map = [raw[0]], {}
for n, l in enumerate(raw[1:], 2):
    if l and l.split(b';')[3][-4:].decode() < a.year:
        out.append(l); bk_map[len(out)] = n
open(os.path.join(D, 'bk1.csv'), 'wb').write(b'\r\n'.join(out) + b'\r\n')
shutil.copy(os.path.join(SET, 'bang-ke-hoa-don.csv'), os.path.join(D, 'bk2.csv'))
print('week 1: web rows', len(web_map), 'listing rows', len(bk_map))


def run(files, out):
    p = subprocess.run([BIN, '--workspace', D, 'clean', *files, '--out', out, '--quiet', '--as-of', '2026-12-07'],
                       cwd=D, capture_output=True, text=True)
    if p.returncode:
        sys.exit(f'{out}: exit {p.returncode}\n{p.stderr}')


subprocess.run([BIN, 'init', D], check=True, capture_output=True)
run(['so-khach-hang.xlsx', 'web1.csv', 'bk1.csv'], 'w1')
book2 = 'so-khach-hang.xlsx'
if a.adopt:
    os.makedirs(os.path.join(D, 'adopt'))
    shutil.copy(os.path.join(D, 'w1', 'khach-hang.xlsx'), os.path.join(D, 'adopt', 'so-khach-hang.xlsx'))
    book2 = 'adopt/so-khach-hang.xlsx'
run([book2, 'web2.csv', 'bk2.csv'], 'w2')


def lineage(p):
    return {(r['source_file'], r['source_sheet'], r['source_row']): (r['customer_id'], r['action'])
            for r in csv.DictReader(open(p, encoding='utf-8-sig'))}


w1, w2 = lineage(os.path.join(D, 'w1', 'lineage.csv')), lineage(os.path.join(D, 'w2', 'lineage.csv'))


def in_week2(k):
    f, s, r = k
    if f == 'web1.csv': return ('web2.csv', s, str(web_map[int(r)]))
    if f == 'bk1.csv': return ('bk2.csv', s, str(bk_map[int(r)]))
    return None if a.adopt else k


same, other, groups = 0, collections.Counter(), collections.defaultdict(set)
for k, (cid, act) in w1.items():
    k2 = in_week2(k)
    if k2 is None: continue
    groups[cid].add(k2)
    if w2[k2][0] == cid: same += 1
    else: other[(k[0], act, w2[k2][1])] += 1
splits = sum(1 for ks in groups.values() if len({w2[k][0] for k in ks}) > 1)
print('week-1 rows', same + sum(other.values()), 'same id', same, 'other id', sum(other.values()),
      'splits', splits, other.most_common(6))
