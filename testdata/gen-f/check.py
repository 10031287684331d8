#!/usr/bin/env python3
"""Sanity checks for a directory written by gen.py.  usage: check.py OUTDIR"""
import csv
import os
import re
import sys
import unicodedata
from collections import Counter

import openpyxl

MOBILE_RE = re.compile(r'^0(3\d|7[06-9]|5[1689]|8[1-8]|89[6-9]|9[0-8]|99[013-9])')


def mst_ok(s):
    d = [int(c) for c in s[:9]]
    c = 10 - sum(a * b for a, b in zip(d, (31, 29, 23, 19, 17, 13, 7, 5, 3))) % 11
    return c != 10 and c == int(s[9])


def main(outdir):
    errors = []
    truth = Counter()
    truth_keys = set()
    with open(os.path.join(outdir, 'truth.csv'), encoding='utf-8') as f:
        for r in csv.DictReader(f):
            k = (r['source_file'], r['source_sheet'], int(r['source_row']))
            truth[k] += 1
            truth_keys.add(k)
    dups = [k for k, n in truth.items() if n > 1]
    if dups:
        errors.append(f'{len(dups)} duplicate truth keys')
    data_keys = set()
    wb = openpyxl.load_workbook(os.path.join(outdir, 'so-khach-hang.xlsx'), read_only=True)
    for ws in wb.worksheets:
        hdr = None
        n = 0
        for i, row in enumerate(ws.iter_rows(values_only=True), 1):
            if hdr is None:
                if row and row[0] == 'STT':
                    hdr = i
                continue
            if any(v not in (None, '') for v in row):
                data_keys.add(('so-khach-hang.xlsx', ws.title, i))
                n += 1
        print(f'xlsx sheet {ws.title!r}: header at row {hdr}, {n} data rows')
    with open(os.path.join(outdir, 'web-export.csv'), 'rb') as f:
        raw = f.read()
    if not raw.startswith(b'\xef\xbb\xbf'):
        errors.append('web-export.csv has no BOM')
    lines = raw.decode('utf-8-sig').split('\n')
    rows = list(csv.reader(lines[1:]))
    nweb = 0
    for i, row in enumerate(rows, 2):
        if row:
            data_keys.add(('web-export.csv', '', i))
            nweb += 1
    print(f'web-export.csv: {nweb} data rows')
    raw = open(os.path.join(outdir, 'bang-ke-hoa-don.csv'), 'rb').read()
    txt = raw.decode('cp1258')  # strict
    nfc = unicodedata.normalize('NFC', txt)
    recs = list(csv.reader(nfc.split('\r\n'), delimiter=';'))
    ninv = 0
    msts = Counter()
    for i, row in enumerate(recs[1:], 2):
        if row:
            data_keys.add(('bang-ke-hoa-don.csv', '', i))
            ninv += 1
            m = row[5]
            if m:
                kind = 'branch' if re.fullmatch(r'\d{10}-\d{3}', m) else '10' if re.fullmatch(r'\d{10}', m) \
                    else '12' if re.fullmatch(r'\d{12}', m) else 'bad'
                msts[kind] += 1
                if kind in ('10', 'branch') and not mst_ok(m):
                    errors.append(f'invoice row {i}: bad MST check digit {m}')
    print(f'bang-ke-hoa-don.csv: {ninv} data rows, header {recs[0][:5]}; tax codes {dict(msts)}')
    if 'Tên người mua' not in recs[0] or 'Ký hiệu hóa đơn' not in recs[0]:
        errors.append('invoice header does not decode to Vietnamese')
    if '\u0300' not in txt and '\u0301' not in txt:
        errors.append('no combining tone marks in the cp1258 file (expected Windows-style encoding)')
    miss = data_keys - truth_keys
    extra = truth_keys - data_keys
    if miss:
        errors.append(f'{len(miss)} data rows without truth, e.g. {sorted(miss)[:3]}')
    if extra:
        errors.append(f'{len(extra)} truth rows pointing at no data row, e.g. {sorted(extra)[:3]}')
    # entities
    with open(os.path.join(outdir, 'entities.csv'), encoding='utf-8') as f:
        ents = list(csv.DictReader(f))
    for e in ents:
        if unicodedata.normalize('NFC', e['name']) != e['name']:
            errors.append(f'entity {e["entity_id"]} name not NFC')
    book_ids = {e['entity_id'] for e in ents}
    with open(os.path.join(outdir, 'inv_truth.csv'), encoding='utf-8') as f:
        it = list(csv.DictReader(f))
    if len(it) != ninv:
        errors.append(f'inv_truth has {len(it)} rows, invoice file {ninv}')
    for r in it:
        if (r['entity_id'] in book_ids) != (r['in_book'] == '1'):
            errors.append(f'inv_truth row {r["source_row"]}: in_book flag disagrees with entities.csv')
            break
    # mobiles written in today's 10-digit form must be valid
    bad_mobiles = 0
    for t in re.findall(r'(?<![\d+])0[35789]\d{8}(?!\d)', open(os.path.join(outdir, 'web-export.csv'),
                                                            encoding='utf-8-sig').read()):
        if not MOBILE_RE.match(t):
            bad_mobiles += 1
    print(f'book entities {len(ents)}; invoice rows in book {sum(r["in_book"] == "1" for r in it)}, '
          f'restricted {sum(r["restricted"] == "1" for r in it)}; invalid 10-digit mobiles in web file {bad_mobiles}')
    for e in errors:
        print('ERROR:', e)
    print('OK' if not errors else f'{len(errors)} problems')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
