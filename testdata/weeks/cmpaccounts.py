#!/usr/bin/env python3
"""Two runs' ke-toan.xlsx compared on the sheet «Người mua của HĐ»: each invoice line (file, row)
with its customer (Mã KH) and its candidates. Lines left to the accountant in one run and not in
the other, or given to another customer, are listed.

usage: cmpaccounts.py A/ke-toan.xlsx B/ke-toan.xlsx LABEL        (needs openpyxl)
"""
import os, sys
import openpyxl


def lines(p):
    wb = openpyxl.load_workbook(p, read_only=True)
    if 'Người mua của HĐ' not in wb.sheetnames:
        return {}
    rows = list(wb['Người mua của HĐ'].iter_rows(values_only=True))
    h = next(i for i, r in enumerate(rows) if r and r[0] and str(r[0]).startswith('Quyết định'))
    head = rows[h]
    c = {name: head.index(name) for name in ('Tệp', 'Dòng', 'Mã KH', 'Có thể là khách hàng')}
    return {(os.path.basename(str(r[c['Tệp']])), int(r[c['Dòng']])): (r[c['Mã KH']], r[c['Có thể là khách hàng']] or '')
            for r in rows[h + 1:] if r and r[c['Dòng']] is not None}


a, b = lines(sys.argv[1]), lines(sys.argv[2])
diff = 0
for k in sorted(set(a) | set(b)):
    if a.get(k) != b.get(k):
        diff += 1
        if diff < 10: print(' ', k, a.get(k), '->', b.get(k))
open_a = sum(1 for v in a.values() if v[1]); open_b = sum(1 for v in b.values() if v[1])
print(sys.argv[3], 'lines', len(a), len(b), 'open', open_a, open_b, 'diffs', diff)
sys.exit(1 if diff else 0)
