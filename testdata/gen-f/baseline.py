#!/usr/bin/env python3
"""A deliberately simple reference matcher, to calibrate score.py (not a model of the real tool).

usage: baseline.py OUTDIR LINEAGE_OUT
Book rows: union on equal email (lowercased), or on equal mobile (normalised, old 11-digit mapped)
when the accent-free given names (last word) agree. Invoices: tax code shared with a book row, else
an accent-free name that exactly one book customer carries; otherwise unassigned.
"""
import csv
import os
import re
import sys
import unicodedata
from collections import defaultdict

import openpyxl

OLD = {'0162': '032', '0163': '033', '0164': '034', '0165': '035', '0166': '036', '0167': '037',
       '0168': '038', '0169': '039', '0120': '070', '0121': '079', '0122': '077', '0126': '076',
       '0128': '078', '0123': '083', '0124': '084', '0125': '085', '0127': '081', '0129': '082',
       '0186': '056', '0188': '058', '0199': '059'}
TITLES = {'anh', 'chi', 'ong', 'ba', 'co', 'chu', 'bac', 'em', 'a.', 'c.', 'mr.', 'mrs.', 'ms.'}


def strip_acc(s):
    s = unicodedata.normalize('NFD', s)
    return ''.join(c for c in s if unicodedata.category(c) != 'Mn').replace('đ', 'd').replace('Đ', 'D')


def norm_name(s):
    s = strip_acc(str(s or '')).lower()
    s = re.split(r'\s+-\s+|\(', s)[0]
    toks = s.split()
    while toks and toks[0] in TITLES:
        toks = toks[1:]
    return ' '.join(toks)


def mobiles(cell):
    if cell is None or cell == '':
        return []
    if isinstance(cell, (int, float)):
        cell = str(int(cell))
    out = []
    for part in re.split(r'\s*(?:/|;|,|hoặc|\s-\s)\s*', str(cell)):
        d = re.sub(r'\D', '', part)
        if d.startswith('0084'):
            d = '0' + d[4:]
        elif d.startswith('84') and len(d) in (11, 12):
            d = '0' + d[2:]
        elif not d.startswith('0') and len(d) in (9, 10):
            d = '0' + d
        if len(d) == 11 and d[:4] in OLD:
            d = OLD[d[:4]] + d[4:]
        if len(d) == 10 and d[1] in '35789':
            out.append(d)
    return out


def mst(v):
    if v is None or v == '':
        return ''
    s = re.sub(r'[^\d-]', '', str(int(v)) if isinstance(v, (int, float)) else str(v))
    if re.fullmatch(r'\d{9}', s):
        s = '0' + s
    return s


def main(outdir, out):
    rows = []  # (file, sheet, row, name, phone, email, mst)
    wb = openpyxl.load_workbook(os.path.join(outdir, 'so-khach-hang.xlsx'), read_only=True)
    for ws in wb.worksheets:
        cols = None
        for i, r in enumerate(ws.iter_rows(values_only=True), 1):
            if cols is None:
                h = [str(c or '').strip().lower() for c in r]
                if 'stt' in h:
                    def find(*names):
                        return next((j for j, x in enumerate(h) if x in names), None)
                    cols = (find('họ và tên', 'tên khách hàng', 'họ tên', 'tên kh'),
                            find('điện thoại', 'sđt'), find('email'), find('mã số thuế', 'mst'))
                continue
            if not any(v not in (None, '') for v in r):
                continue
            g = [r[j] if j is not None and j < len(r) else None for j in cols]
            rows.append(('so-khach-hang.xlsx', ws.title, i, g[0], g[1], g[2], g[3]))
    with open(os.path.join(outdir, 'web-export.csv'), encoding='utf-8-sig', newline='') as f:
        for i, r in enumerate(csv.DictReader(f), 2):
            rows.append(('web-export.csv', '', i, r['Full name'], r['Phone'], r['Email'], ''))
    parent = list(range(len(rows)))

    def find_(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_email, by_mobile = {}, defaultdict(list)
    for i, r in enumerate(rows):
        em = str(r[5] or '').strip().lower()
        if em:
            if em in by_email:
                parent[find_(i)] = find_(by_email[em])
            else:
                by_email[em] = i
        given = norm_name(r[3]).split()[-1:] if norm_name(r[3]) else []
        for m in mobiles(r[4]):
            for j in by_mobile[m]:
                gj = norm_name(rows[j][3]).split()[-1:]
                if gj == given:
                    parent[find_(i)] = find_(j)
            by_mobile[m].append(i)
    cid = {i: 'C%06d' % find_(i) for i in range(len(rows))}
    mst_cid, name_cids = {}, defaultdict(set)
    for i, r in enumerate(rows):
        if mst(r[6]):
            mst_cid[mst(r[6])] = cid[i]
        name_cids[norm_name(r[3])].add(cid[i])
    raw = open(os.path.join(outdir, 'bang-ke-hoa-don.csv'), 'rb').read()
    txt = unicodedata.normalize('NFC', raw.decode('cp1258'))
    with open(out, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(['source_file', 'source_sheet', 'source_row', 'customer_id', 'action', 'reason'])
        for i, r in enumerate(rows):
            w.writerow([r[0], r[1], r[2], cid[i], 'keep', ''])
        for i, r in enumerate(csv.reader(txt.split('\r\n'), delimiter=';'), 1):
            if i == 1 or not r:
                continue
            c = mst_cid.get(r[5], '')
            if not c and len(name_cids.get(norm_name(r[4]), ())) == 1:
                c = next(iter(name_cids[norm_name(r[4])]))
            w.writerow(['bang-ke-hoa-don.csv', '', i, c, 'link' if c else 'unlinked', ''])


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
