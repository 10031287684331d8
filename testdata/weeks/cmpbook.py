#!/usr/bin/env python3
"""Two cleaned books compared customer by customer, cell by cell («Nguồn» and «Số dòng gốc» aside:
they name the week's input files and rows).

usage: cmpbook.py A/khach-hang.xlsx B/khach-hang.xlsx LABEL        (needs openpyxl)
"""
import sys
import openpyxl


def rows(p):
    wb = openpyxl.load_workbook(p, read_only=True)
    ws = wb['Khách hàng'] if 'Khách hàng' in wb.sheetnames else wb.worksheets[0]
    return [tuple('' if v is None else str(v) for v in r) for r in ws.iter_rows(values_only=True)]


a, b = rows(sys.argv[1]), rows(sys.argv[2])
h = a[0]
skip = {i for i, c in enumerate(h) if c in ('Nguồn', 'Số dòng gốc', 'Sources', 'Source rows')}
da = {r[0]: r for r in a[1:]}
db = {r[0]: r for r in b[1:]}
diff = 0
for k in da:
    if k not in db:
        diff += 1; print(' only in first', k); continue
    for i, (x, y) in enumerate(zip(da[k], db[k])):
        if i not in skip and x != y:
            diff += 1
            if diff < 10: print(' ', k, h[i], repr(x), '->', repr(y))
for k in db:
    if k not in da:
        diff += 1; print(' only in second', k)
print(sys.argv[3], 'customers', len(da), len(db), 'diffs', diff)
sys.exit(1 if diff else 0)
