#!/usr/bin/env python3
"""A year of office weeks on a gen-f set: the cleaned book adopted every step, new rows typed into it.

usage: months.py BIN SET DIR [--from 2024-01] [--to 2026-01] [--step 1] [--renamed]

SET is a directory written by testdata/gen-f/gen.py. Step 0 reads the shared workbook with its
«Khách hàng» rows dated before --from (the 2017 sheet whole), and the web export and invoice
listing rows dated before --from. Each later step adopts the previous step's khach-hang.xlsx as the
shared workbook, appends the «Khách hàng» rows of the new months at its bottom (as a clerk types
them, in the cleaned book's columns, without a «Mã KH»), and reads the exports grown by those
months (same file names, or a new name each step with --renamed). One workspace throughout.

Measured:
- per step: export rows read in the step before that changed customer, not counting joins (the
  customer they were with is the one they are with now) nor invoice lines given by the buyer's
  name that the tax code of a company typed in since now names (counted apart), and customers
  of the adopted book that are gone without a merge; the moved rows in DIR/moved-sK.csv;
- at the end: every input row's final customer (book rows followed through the ids of the books
  they were adopted in), written as DIR/final-lineage.csv and scored with gen-f/score.py beside
  one run over all files at once in a workspace of its own (DIR/all/lineage.csv).
With --review the office answers every week: each pair of «Cần xem xét trùng» «Gộp» when the truth
says one customer, else «Không gộp»; each open invoice of ke-toan.xlsx «Người mua của HĐ» the
customer whose rows are its buyer, «Không phải khách trong sổ» for a walk-in, blank while the
buyer is in no customer yet. The filled copies go to the next step as --decisions.
Needs openpyxl.
"""
import argparse, csv, datetime as dt, json, os, shutil, subprocess, sys
import openpyxl

ap = argparse.ArgumentParser()
ap.add_argument('bin'); ap.add_argument('set'); ap.add_argument('dir')
ap.add_argument('--from', dest='start', default='2024-01')
ap.add_argument('--to', default='2026-01')
ap.add_argument('--step', type=int, default=1, help='months per step')
ap.add_argument('--renamed', action='store_true')
ap.add_argument('--review', action='store_true',
                help='answer each step\'s review pairs and open invoices from the truth, as the office would')
a = ap.parse_args()
BIN = os.path.abspath(a.bin); SET = os.path.abspath(a.set); D = os.path.abspath(a.dir)
HERE = os.path.dirname(os.path.abspath(__file__))
SCORE = os.path.join(HERE, '..', 'gen-f', 'score.py')
ASOF = '2026-12-07'


def month(s):
    y, m = s.split('-'); return int(y) * 12 + int(m) - 1


def label(m):
    return f'{m // 12}-{m % 12 + 1:02d}'


def cell_month(v):
    """Month index of a date cell (datetime, Excel serial, dd/mm/yyyy text) or None."""
    if isinstance(v, dt.datetime) or isinstance(v, dt.date):
        return v.year * 12 + v.month - 1
    if isinstance(v, (int, float)) and 20000 < v < 60000:
        d = dt.date(1899, 12, 30) + dt.timedelta(days=int(v)); return d.year * 12 + d.month - 1
    if isinstance(v, str):
        p = v.strip().replace('-', '/').replace('.', '/').split('/')
        if len(p) == 3 and all(x.isdigit() for x in p):
            y = int(p[2]); y = y + 2000 if y < 100 else y
            if len(p[0]) == 4: y = int(p[0])
            return y * 12 + int(p[1]) - 1
    return None


# --- the set, split by month ----------------------------------------------------------------
wb = openpyxl.load_workbook(os.path.join(SET, 'so-khach-hang.xlsx'))
kh = wb['Khách hàng']
hdr = [c.value for c in kh[1]]
book_rows = []                      # (month, excel row, {role: value})
last = 0
roles = {'Họ và tên': 'name', 'Tên khách hàng': 'name', 'Họ tên': 'name', 'Điện thoại': 'phone',
         'Email': 'email', 'Địa chỉ': 'addr', 'Địa chỉ giao hàng': 'deliv', 'Người liên hệ': 'contact',
         'Mã số thuế': 'mst', 'Ngày mua gần nhất': 'date', 'Ghi chú': 'note'}
for r in range(2, kh.max_row + 1):
    vals = {roles[h]: kh.cell(r, i + 1).value for i, h in enumerate(hdr) if h in roles}
    m = cell_month(vals.get('date'))
    last = m if m is not None else last
    book_rows.append((last, r, vals))

web_text = open(os.path.join(SET, 'web-export.csv'), encoding='utf-8-sig', newline='').read()
web_lines = web_text.splitlines(True)
web_cols = next(csv.reader([web_lines[0]]))
wdi = [i for i, c in enumerate(web_cols) if 'date' in c.lower()][0]
web = []                            # (month, original line, text)
for n, l in enumerate(web_lines[1:], 2):
    f = next(csv.reader([l])); web.append((month(f[wdi][:7]), n, l))
bk_raw = open(os.path.join(SET, 'bang-ke-hoa-don.csv'), 'rb').read().split(b'\r\n')
bk = []
for n, l in enumerate(bk_raw[1:], 2):
    if not l: continue
    d = l.split(b';')[3].decode(); bk.append((int(d[6:10]) * 12 + int(d[3:5]) - 1, n, l))

start, end = month(a.start), month(a.to)
cuts = list(range(start, end + 1, a.step))
if cuts[-1] < end: cuts.append(end)
shutil.rmtree(D, ignore_errors=True); os.makedirs(D)
subprocess.run([BIN, 'init', D], check=True, capture_output=True)


def run(files, out, cwd, ws=D, decisions=()):
    dec = [x for d in decisions for x in ('--decisions', d)]
    p = subprocess.run([BIN, '--workspace', ws, 'clean', *files, *dec, '--out', out, '--quiet', '--as-of', ASOF],
                       cwd=cwd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f'{out}: exit {p.returncode}\n{p.stderr}')


def lineage(p):
    return {(r['source_file'], r['source_sheet'], int(r['source_row'])): r['customer_id']
            for r in csv.DictReader(open(p, encoding='utf-8-sig'))}


def book_ids(p):
    ws = openpyxl.load_workbook(p, read_only=True)['Khách hàng']
    return {i: row[0] for i, row in enumerate(ws.iter_rows(values_only=True), 1) if i > 1}


# --- who each customer is: the original rows it holds, step by step (for --review) ------------
TRUTH = {(r['source_file'], r['source_sheet'], int(r['source_row'])): r['entity_id']
         for r in csv.DictReader(open(os.path.join(SET, 'truth.csv'), encoding='utf-8'))}
INV = {int(r['source_row']): r for r in csv.DictReader(open(os.path.join(SET, 'inv_truth.csv'), encoding='utf-8'))}
members = []      # per step: customer id -> original keys
row_origin = []   # per step: (file, sheet, row) of its inputs -> original keys


def track(k, lin):
    mem, where = {}, {}
    for (f, s, r), cid in lin.items():
        if f == 'so-khach-hang.xlsx' and k > 0 and s == 'Khách hàng' and prev_book.get(r):
            o = members[k - 1].get(prev_book[r], set())
        else:
            x = orig_of.get((k, f, (s, r)) if f == 'so-khach-hang.xlsx' else (k, f, r))
            o = {x} if x else set()
        where[(f, s, r)] = o
        if cid: mem.setdefault(cid, set()).update(o)
    members.append(mem); row_origin.append(where)


def entity(keys):
    c = {}
    for o in keys:
        e = TRUTH.get(o)
        if e and o[0] != 'bang-ke-hoa-don.csv': c[e] = c.get(e, 0) + 1
    return max(c, key=c.get) if c else None


def place(k, text):
    p = str(text).split(' › ')
    if len(p) < 2 or not p[-1].isdigit(): return None
    key = (p[0], p[1], int(p[2])) if len(p) == 3 else (p[0], '', int(p[1]))
    return entity(row_origin[k].get(key, ()))


def answer(k, wd):
    """Step k's review pairs and open invoices answered from the truth: the filled copies."""
    dd = os.path.join(D, f'dec{k}'); os.makedirs(dd)
    src = os.path.join(D, f's{k}')
    wb = openpyxl.load_workbook(os.path.join(src, 'bao-cao-thay-doi.xlsx'))
    n = [0, 0, 0, 0]
    if 'Cần xem xét trùng' in wb.sheetnames:
        ws = wb['Cần xem xét trùng']
        for r in range(2, ws.max_row + 1):
            ea, eb = place(k, ws.cell(r, 6).value), place(k, ws.cell(r, 7).value)
            if ea and eb:
                ws.cell(r, 1).value = 'Gộp' if ea == eb else 'Không gộp'; n[ea != eb] += 1
    wb.save(os.path.join(dd, 'bao-cao-thay-doi.xlsx'))
    wb = openpyxl.load_workbook(os.path.join(src, 'ke-toan.xlsx'))
    if 'Người mua của HĐ' in wb.sheetnames:
        ws = wb['Người mua của HĐ']
        who = {}
        for cid, keys in members[k].items():
            e = entity(keys)
            if e: who.setdefault(e, cid)
        for r in range(3, ws.max_row + 1):
            cands, line = ws.cell(r, 13).value, ws.cell(r, 3).value
            if not cands or line is None: continue
            o = orig_of.get((k, ws.cell(r, 2).value, int(line)))
            t = INV.get(o[2]) if o else None
            if not t: continue
            if t['in_book'] == '0':
                ws.cell(r, 1).value = 'Không phải khách trong sổ'; n[3] += 1
            elif t['entity_id'] in who:
                ws.cell(r, 1).value = who[t['entity_id']]; n[2] += 1
    wb.save(os.path.join(dd, 'ke-toan.xlsx'))
    print(f'  answered step {k}: merge {n[0]} apart {n[1]} invoices to a customer {n[2]} not in book {n[3]}')
    return [os.path.join(dd, 'bao-cao-thay-doi.xlsx'), os.path.join(dd, 'ke-toan.xlsx')]


# --- the weeks ---------------------------------------------------------------------------------
orig_of = {}      # (step, file, row) -> original key (file, sheet, row) for rows first read in that step
chain = []        # per step k >= 1: {id in step k-1 -> id in step k}
prev_exports = {}  # original key -> id in the step before
prev_book = None
report = []
for k, cut in enumerate(cuts):
    wd = os.path.join(D, f'in{k}'); os.makedirs(wd)
    wname = f'web-export-{label(cut)}.csv' if a.renamed else 'web-export.csv'
    bname = f'bang-ke-{label(cut)}.csv' if a.renamed else 'bang-ke-hoa-don.csv'
    wl = [x for x in web if x[0] < cut]; bl = [x for x in bk if x[0] < cut]
    open(os.path.join(wd, wname), 'w', encoding='utf-8-sig', newline='').write(
        web_lines[0] + ''.join(x[2] for x in wl))
    open(os.path.join(wd, bname), 'wb').write(b'\r\n'.join([bk_raw[0]] + [x[2] for x in bl]) + b'\r\n')
    for i, x in enumerate(wl, 2): orig_of[(k, wname, i)] = ('web-export.csv', '', x[1])
    for i, x in enumerate(bl, 2): orig_of[(k, bname, i)] = ('bang-ke-hoa-don.csv', '', x[1])
    if k == 0:
        w0 = openpyxl.load_workbook(os.path.join(SET, 'so-khach-hang.xlsx'))
        ws = w0['Khách hàng']
        kept = [r for (m, r, _) in book_rows if m < cut]
        ncol = ws.max_column
        for i, r in enumerate(kept, 2):
            for c in range(1, ncol + 1):
                src, dst = ws.cell(r, c), ws.cell(i, c)
                dst.value, dst.number_format = src.value, src.number_format
        ws.delete_rows(len(kept) + 2, ws.max_row)
        for i, r in enumerate(kept, 2): orig_of[(k, 'so-khach-hang.xlsx', ('Khách hàng', i))] = ('so-khach-hang.xlsx', 'Khách hàng', r)
        w0.save(os.path.join(wd, 'so-khach-hang.xlsx'))
        ws17 = w0['2017']
        for i in range(1, ws17.max_row + 1):
            orig_of[(k, 'so-khach-hang.xlsx', ('2017', i))] = ('so-khach-hang.xlsx', '2017', i)
    else:
        prevp = os.path.join(D, f's{k - 1}', 'khach-hang.xlsx')
        prev_book = book_ids(prevp)
        w = openpyxl.load_workbook(prevp); ws = w['Khách hàng']
        col = {c.value: i + 1 for i, c in enumerate(ws[1])}
        put = {'name': 'Tên khách hàng', 'contact': 'Người liên hệ', 'phone': 'Điện thoại', 'email': 'Email',
               'addr': 'Địa chỉ', 'deliv': 'Địa chỉ giao hàng', 'mst': 'MST', 'date': 'Giao dịch cuối',
               'note': 'Ghi chú'}
        r0 = ws.max_row
        new = [(r, v) for (m, r, v) in book_rows if cuts[k - 1] <= m < cut]
        for i, (r, v) in enumerate(new, 1):
            for role, h in put.items():
                if v.get(role) not in (None, ''): ws.cell(r0 + i, col[h], v[role])
            orig_of[(k, 'so-khach-hang.xlsx', ('Khách hàng', r0 + i))] = ('so-khach-hang.xlsx', 'Khách hàng', r)
        w.save(os.path.join(wd, 'so-khach-hang.xlsx'))
    out = os.path.join(D, f's{k}')
    decided = answer(k - 1, wd) if a.review and k > 0 else ()
    run(sorted(os.listdir(wd)), out, wd, decisions=decided)
    lin = lineage(os.path.join(out, 'lineage.csv'))
    track(k, lin)
    # ids of the adopted book's customers now
    step_map = {}
    if k > 0:
        for (f, s, r), cid in lin.items():
            if f == 'so-khach-hang.xlsx' and s == 'Khách hàng' and r in prev_book and prev_book[r]:
                step_map[prev_book[r]] = cid
        chain.append(step_map)
    # export rows: moved (not a join) since the step before
    now, at = {}, {}
    for (f, s, r), cid in lin.items():
        o = orig_of.get((k, f, r))
        if o and f != 'so-khach-hang.xlsx': now[o] = cid; at[o] = (f, s, str(r))
    moved = []
    for o, cid in prev_exports.items():
        if step_map.get(cid, cid) != now.get(o): moved.append((o, cid, now.get(o)))
    # An invoice line given by its buyer's name last step that the tax code of a company
    # typed in since now names moved for a reason: counted apart. Every moved row is written
    # to DIR/moved-sK.csv with the reason its lineage line gives.
    by_tax = 0
    if moved:
        why = {(r['source_file'], r['source_sheet'], r['source_row']): r['reason']
               for r in csv.DictReader(open(os.path.join(out, 'lineage.csv'), encoding='utf-8-sig'))}
        with open(os.path.join(D, f'moved-s{k}.csv'), 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f); w.writerow(['file', 'sheet', 'row', 'last step', 'now', 'reason now'])
            for o, was, is_ in moved:
                reason = why.get(at.get(o), '')
                if o[0] == 'bang-ke-hoa-don.csv' and (reason.startswith('MST trùng') or 'MST người mua' in reason):
                    by_tax += 1
                w.writerow([*o, was, is_, reason])
    moved = len(moved) - by_tax
    lost = 0
    if k > 0:
        cur_ids = set(lin.values())
        lost = sum(1 for old, new in step_map.items() if new not in cur_ids)
        lost += sum(1 for i in prev_book.values() if i and i not in step_map)
    ncust = len(set(lin.values()) - {''})
    report.append((label(cut), len(lin), ncust, len(prev_exports), moved, lost))
    print(f'step {k} before {label(cut)}: rows {len(lin)} customers {ncust} '
          f'export rows of last step {len(prev_exports)} moved {moved} book customers lost {lost}'
          f' (invoice lines to the tax code of a company typed in since: {by_tax})', flush=True)
    prev_exports = now
    # record each row's customer when first read (book rows) for the final lineage
    for (f, s, r), cid in lin.items():
        o = orig_of.get((k, f, (s, r)) if f == 'so-khach-hang.xlsx' else (k, f, r))
        if o and f == 'so-khach-hang.xlsx':
            orig_of[('first', o)] = (k, cid)

# --- final lineage: book rows followed through the chain, export rows as read last ----------------
final = []
for key, v in list(orig_of.items()):
    if key[0] != 'first': continue
    o = key[1]; k, cid = v
    for m in chain[k:]: cid = m.get(cid, cid)
    final.append((*o, cid))
for o, cid in prev_exports.items():
    final.append((*o, cid))
with open(os.path.join(D, 'final-lineage.csv'), 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f); w.writerow(['source_file', 'source_sheet', 'source_row', 'customer_id', 'action', 'reason'])
    for r in final: w.writerow([*r, 'kept', ''])
alld, allws = os.path.join(D, 'all'), os.path.join(D, 'all-ws')
os.makedirs(allws)
subprocess.run([BIN, 'init', allws], check=True, capture_output=True)
run([os.path.join(SET, x) for x in ('so-khach-hang.xlsx', 'web-export.csv', 'bang-ke-hoa-don.csv')], alld, D, allws)
print('final rows', len(final))
for name, p in (('weeks', os.path.join(D, 'final-lineage.csv')), ('one run', os.path.join(alld, 'lineage.csv'))):
    s = subprocess.run([sys.executable, SCORE, p, SET], capture_output=True, text=True)
    print(f'--- {name}\n{s.stdout}{s.stderr}')
