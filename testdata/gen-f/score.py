#!/usr/bin/env python3
"""Score a dedup tool's lineage file against the generator's ground truth.

usage: score.py LINEAGE OUTDIR [--dump]

LINEAGE: CSV with header source_file,source_sheet,source_row,customer_id,action,reason
OUTDIR:  a directory written by gen.py (truth.csv, inv_truth.csv and the three input files).
"""
import argparse
import os
LIM = int(os.environ.get("LIM", "30"))
import csv
import os
import random
import sys
import unicodedata
from collections import Counter, defaultdict

BOOK_FILES = ('so-khach-hang.xlsx', 'web-export.csv')
INV_FILE = 'bang-ke-hoa-don.csv'


def nfc(s):
    return unicodedata.normalize('NFC', s or '').strip()


def c2(n):
    return n * (n - 1) // 2


def pr(tp, pred, true):
    p = tp / pred if pred else float('nan')
    r = tp / true if true else float('nan')
    f = 2 * p * r / (p + r) if pred and true and (p + r) else float('nan')
    return p, r, f


def load_truth(outdir):
    truth = {}
    with open(os.path.join(outdir, 'truth.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            truth[(row['source_file'], nfc(row['source_sheet']), int(row['source_row']))] = row['entity_id']
    inv = {}
    with open(os.path.join(outdir, 'inv_truth.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            inv[int(row['source_row'])] = (row['entity_id'], int(row['in_book']), int(row['restricted']))
    return truth, inv


def load_lineage(path, truth):
    cid = {}
    unknown = dup = 0
    with open(path, encoding='utf-8-sig', newline='') as f:
        for row in csv.DictReader(f):
            try:
                key = (os.path.basename(row['source_file'].strip()), nfc(row.get('source_sheet')),
                       int(float(row['source_row'])))
            except (ValueError, TypeError):
                unknown += 1
                continue
            if key not in truth:
                unknown += 1
                continue
            if key in cid:
                dup += 1
            cid[key] = (row.get('customer_id') or '').strip()
    return cid, unknown, dup


def raw_values(outdir):
    """(file, sheet, row) -> dict(name, phone, email, addr) for the book files."""
    out = {}
    import openpyxl
    wb = openpyxl.load_workbook(os.path.join(outdir, BOOK_FILES[0]), read_only=True, data_only=True)
    for ws in wb.worksheets:
        cols = None
        for i, row in enumerate(ws.iter_rows(values_only=True), 1):
            if cols is None:
                hdr = [nfc(str(c)).lower() if c is not None else '' for c in row]
                if 'stt' in hdr:
                    cols = {}
                    for j, h in enumerate(hdr):
                        if 'tên' in h and 'name' not in cols:
                            cols['name'] = j
                        elif h in ('điện thoại', 'sđt', 'đt', 'số đt', 'di động') and 'phone' not in cols:
                            cols['phone'] = j
                        elif h == 'email':
                            cols['email'] = j
                        elif (h.startswith('địa chỉ') and 'giao' not in h or h == 'đ/c') and 'addr' not in cols:
                            cols['addr'] = j
                continue
            out[(BOOK_FILES[0], nfc(ws.title), i)] = {
                k: ('' if row[j] is None else str(row[j])) if j < len(row) else '' for k, j in cols.items()}
    with open(os.path.join(outdir, BOOK_FILES[1]), encoding='utf-8-sig', newline='') as f:
        for i, row in enumerate(csv.DictReader(f), 2):
            out[(BOOK_FILES[1], '', i)] = {'name': row['Full name'], 'phone': row['Phone'],
                                          'email': row['Email'], 'addr': row['Address']}
    return out


def inv_values(outdir):
    raw = open(os.path.join(outdir, INV_FILE), 'rb').read()
    txt = unicodedata.normalize('NFC', raw.decode('cp1258'))
    out = {}
    for i, row in enumerate(csv.reader(txt.splitlines(), delimiter=';'), 1):
        if i > 1:
            out[i] = (row[4], row[5])
    return out


def fmt(key, v, eid, cid):
    f, s, r = key
    where = f'{f}{"/" + s if s else ""}:{r}'
    return (f'    {where:<32} ent={eid} cid={cid or "-"} | {v.get("name", "")!r} | {v.get("phone", "")!r} | '
            f'{v.get("email", "")!r} | {v.get("addr", "")!r}')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('lineage')
    ap.add_argument('outdir')
    ap.add_argument('--dump', action='store_true')
    a = ap.parse_args()
    truth, inv_truth = load_truth(a.outdir)
    cid, unknown, dup = load_lineage(a.lineage, truth)
    missing = sum(1 for k in truth if k not in cid)
    print(f'lineage: {len(cid)} rows matched, {unknown} rows not in truth, {dup} duplicate keys, '
          f'{missing} truth rows absent from lineage (treated as unassigned)')

    book = [(k, e, cid.get(k, '')) for k, e in truth.items() if k[0] in BOOK_FILES]
    inv = [(k, e, cid.get(k, '')) for k, e in truth.items() if k[0] == INV_FILE]

    # ---------- book rows: pairwise
    n_cid = Counter(c for _, _, c in book if c)
    n_eid = Counter(e for _, e, _ in book)
    n_ce = Counter((c, e) for _, e, c in book if c)
    tp = sum(c2(n) for n in n_ce.values())
    pred = sum(c2(n) for n in n_cid.values())
    true = sum(c2(n) for n in n_eid.values())
    p, r, f = pr(tp, pred, true)
    unassigned = sum(1 for _, _, c in book if not c)
    print(f'book rows: {len(book)} ({unassigned} unassigned), {len(n_cid)} customers predicted, '
          f'{len(n_eid)} true entities')
    print(f'  book pairs      P={p:.4f} R={r:.4f} F1={f:.4f}   (tp={tp} pred={pred} true={true})')

    # ---------- invoice -> book pairs
    by_cid_ent = defaultdict(Counter)
    for _, e, c in book:
        if c:
            by_cid_ent[c][e] += 1
    plural = {c: cnt.most_common(1)[0][0] for c, cnt in by_cid_ent.items()}
    tp = pred = true = 0
    rtp = rtrue = rrows = rok = 0
    walk_linked = walk_rows = inbook_rows = inbook_ok = inbook_linked = 0
    wrong_links, restricted_miss = [], []
    for k, e, c in inv:
        ent, in_book, restricted = inv_truth[k[2]]
        pi = n_cid[c] if c else 0
        ti = n_eid[e]
        ti_tp = n_ce[(c, e)] if c else 0
        tp += ti_tp
        pred += pi
        true += ti
        ok = bool(c) and plural.get(c) == e
        if in_book:
            inbook_rows += 1
            inbook_ok += ok
            inbook_linked += pi > 0
        else:
            walk_rows += 1
            walk_linked += pi > 0
        if pi > 0 and not ok:
            wrong_links.append((k, e, c))
        if restricted:
            rrows += 1
            rtp += ti_tp
            rtrue += ti
            rok += ok
            if not ok:
                restricted_miss.append((k, e, c))
    p, r, f = pr(tp, pred, true)
    print(f'invoice rows: {len(inv)} ({inbook_rows} book customers, {walk_rows} walk-ins)')
    print(f'  invoice-book pairs   P={p:.4f} R={r:.4f} F1={f:.4f}   (tp={tp} pred={pred} true={true})')
    rr = rtp / rtrue if rtrue else float('nan')
    print(f'  restricted rows: {rrows}; pair recall={rr:.4f}; rows linked to a customer whose book rows are '
          f'mostly the right entity: {rok}/{rrows} = {rok / max(1, rrows):.4f}')
    print(f'  book-customer invoice rows linked right: {inbook_ok}/{inbook_rows} = '
          f'{inbook_ok / max(1, inbook_rows):.4f} (linked at all: {inbook_linked})')
    print(f'  walk-in rows wrongly linked to a book customer: {walk_linked}/{walk_rows} = '
          f'{walk_linked / max(1, walk_rows):.4f}')

    if not a.dump:
        return
    rng = random.Random(1)
    vals = raw_values(a.outdir)
    rows_by_cid = defaultdict(list)
    rows_by_eid = defaultdict(list)
    for k, e, c in book:
        if c:
            rows_by_cid[c].append((k, e, c))
        rows_by_eid[e].append((k, e, c))
    fm = []
    for c, rows in rows_by_cid.items():
        if len({e for _, e, _ in rows}) > 1:
            for i in range(len(rows)):
                for j in range(i + 1, len(rows)):
                    if rows[i][1] != rows[j][1]:
                        fm.append((rows[i], rows[j]))
    ms = []
    for e, rows in rows_by_eid.items():
        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                if not rows[i][2] or rows[i][2] != rows[j][2]:
                    ms.append((rows[i], rows[j]))
    for title, pairs in (('FALSE MERGES (same customer_id, different entity)', fm),
                         ('MISSED PAIRS (same entity, different/no customer_id)', ms)):
        print(f'\n== {title}: {len(pairs)} pairs, showing up to {LIM}')
        for x, y in sorted(rng.sample(pairs, min(LIM, len(pairs)))):
            print(fmt(x[0], vals.get(x[0], {}), x[1], x[2]))
            print(fmt(y[0], vals.get(y[0], {}), y[1], y[2]))
            print()
    iv = inv_values(a.outdir)
    for title, lst in (('WRONG INVOICE LINKS (linked, but not mostly to the right entity)', wrong_links),
                       ('RESTRICTED INVOICE ROWS NOT LINKED RIGHT', restricted_miss)):
        print(f'\n== {title}: {len(lst)}, showing up to 15')
        for k, e, c in sorted(rng.sample(lst, min(15, len(lst)))):
            nm, mst = iv.get(k[2], ('', ''))
            print(f'  invoice row {k[2]} ent={e} cid={c or "-"} buyer={nm!r} mst={mst!r}')
            for bk, be, _ in (rows_by_cid.get(c, []) + [x for x in rows_by_eid.get(e, []) if x[2] != c])[:6]:
                print('  ' + fmt(bk, vals.get(bk, {}), be, cid.get(bk, '')))


if __name__ == '__main__':
    sys.exit(main())
