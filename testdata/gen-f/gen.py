#!/usr/bin/env python3
"""Independent test-data generator for a Vietnamese customer-ledger deduplication tool.

usage: gen.py N SEED OUTDIR [--planted-namesakes]

Writes OUTDIR/so-khach-hang.xlsx, OUTDIR/web-export.csv, OUTDIR/bang-ke-hoa-don.csv (cp1258, ';')
and the ground truth OUTDIR/truth.csv, OUTDIR/entities.csv, OUTDIR/inv_truth.csv,
plus OUTDIR/plants.csv (which entity carries which planted trait, for diagnosis).
"""
import argparse
import bisect
import csv
import datetime as dt
import io
import os
import random
import unicodedata
from collections import Counter, defaultdict

from vndata import (FAMILY, MIDDLE_M, MIDDLE_F, SECOND_MIDDLE_F, SECOND_MIDDLE_M, GIVEN_M_W,
                    GIVEN_F_W, TITLES_M, TITLES_F, NAME_NOTES, PLACEMENT, ORG_FORMS, SECTORS,
                    SHOP_TYPES, HTX_TYPES, TRADE_SYL, TRADE_EN, MOBILE_PREFIX, NEW_TO_OLD_MOBILE,
                    PROVINCES, MERGED_NAMES, PROVINCE_WEIGHTS, NEW_WARD_2025, NOTES,
                    HCM_STREETS, HN_STREETS, GEN_STREETS, TONE_MARKS,
                    nfc, strip_acc, norm_name, cp1258_encode)

D = dt.date
START = D(2015, 1, 1).toordinal()
END = D(2025, 12, 15).toordinal()
Y2017_END = D(2017, 12, 31).toordinal()
Y2018 = D(2018, 1, 1).toordinal()
Y2020 = D(2020, 1, 1).toordinal()
Y2021 = D(2021, 1, 1).toordinal()
LANDLINE_SWITCH = D(2017, 7, 1).toordinal()
MOBILE_SWITCH = D(2018, 9, 15).toordinal()
MOBILE_SWITCH_END = D(2018, 11, 14).toordinal()
REORG_2025 = D(2025, 7, 1).toordinal()
EXCEL_EPOCH = D(1899, 12, 30).toordinal()

BOOK_XLSX = 'so-khach-hang.xlsx'
WEB_CSV = 'web-export.csv'
INV_CSV = 'bang-ke-hoa-don.csv'
SHEET_KH = 'Khách hàng'
SHEET_OLD = '2017'


class W:
    """Weighted chooser with precomputed cumulative weights."""
    def __init__(self, pairs):
        self.items = [p[0] for p in pairs]
        self.cum = []
        t = 0.0
        for p in pairs:
            t += p[1]
            self.cum.append(t)
        self.total = t

    def __call__(self, rng):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


W_FAMILY = W(FAMILY)
W_MID_M = W(MIDDLE_M)
W_MID_F = W(MIDDLE_F)
W_GIV_M = W(GIVEN_M_W)
W_GIV_F = W(GIVEN_F_W)
W_FORM = W([(f, f[3]) for f in ORG_FORMS])
W_PREFIX = W(MOBILE_PREFIX)
W_PROV = W(PROVINCE_WEIGHTS)
W_SINCE_YEAR = W([(2015, 8), (2016, 9), (2017, 10), (2018, 10), (2019, 10), (2020, 10), (2021, 10),
                  (2022, 10), (2023, 9), (2024, 8), (2025, 6)])
W_NROWS = W([(1, 45), (2, 30), (3, 17), (4, 8)])

PERSON_VARIANTS = {
    'KH': W([('canon', 72), ('upper', 5), ('title', 7), ('note', 4), ('nomid', 3), ('tone', 3),
             ('spaces', 4), ('nodiac', 2)]),
    '2017': W([('canon', 60), ('upper', 14), ('title', 7), ('note', 3), ('nomid', 4), ('tone', 4),
               ('spaces', 5), ('nodiac', 3)]),
    'web': W([('canon', 38), ('nodiac', 28), ('lower', 12), ('upper', 5), ('givenfirst', 6),
              ('nomid', 4), ('tone', 3), ('spaces', 4)]),
    'inv': W([('canon', 85), ('upper', 12), ('spaces', 2), ('tone', 1)]),
}
ORG_VARIANTS = {
    'KH': W([('full', 50), ('abbr', 25), ('upper', 8), ('nosector', 10), ('tradefirst', 4), ('spaces', 3)]),
    '2017': W([('full', 30), ('abbr', 30), ('upper', 25), ('nosector', 10), ('tradefirst', 5)]),
    'web': W([('full', 30), ('nodiac', 30), ('abbr', 20), ('lower', 10), ('english', 10)]),
    'inv': W([('full', 45), ('upper', 42), ('abbr', 10), ('nosector', 3)]),
}
MOBILE_STYLES = {
    'KH': W([('plain', 55), ('sp3', 20), ('dot', 12), ('dash', 3), ('p84sp', 3), ('numeric', 7)]),
    '2017': W([('plain', 55), ('sp3', 15), ('dot', 12), ('dash', 3), ('numeric', 15)]),
    'web': W([('p84sp', 35), ('p84', 15), ('84', 8), ('plain', 25), ('sp3', 10), ('paren84', 4), ('0084', 3)]),
}
DATE_STYLES = W([('date', 60), ('serial', 15), ('text', 20), ('text_short', 3), ('empty', 2)])


def dfmt(o, short=False):
    d = D.fromordinal(o)
    return f'{d.day}/{d.month}/{d.year}' if short else f'{d.day:02d}/{d.month:02d}/{d.year}'


def mst_check(d9):
    s = sum(a * b for a, b in zip(d9, (31, 29, 23, 19, 17, 13, 7, 5, 3))) % 11
    c = 10 - s
    return None if c == 10 else c


class Gen:
    def __init__(self, n, seed, planted):
        self.n = n
        self.rng = random.Random(seed)
        self.planted = planted
        self.used_mobiles = set()
        self.used_land = set()
        self.used_mst = set()
        self.used_email = set()
        self.used_org = set()
        self.ents = []          # book entities
        self.walkins = []       # walk-in invoice buyers
        self.plants = []        # (entity_id, trait, detail)

    # ------------------------------------------------------------ primitives
    def rdate(self, lo, hi):
        if hi < lo:
            hi = lo
        return self.rng.randint(lo, hi)

    def person_name(self, gender, family=None, middles=None):
        r = self.rng
        fam = family or W_FAMILY(r)
        while True:
            if middles is not None:
                mids = list(middles)
            elif gender == 'M':
                mids = list(r.choice(SECOND_MIDDLE_M)) if r.random() < 0.07 else [W_MID_M(r)]
            else:
                mids = [r.choice(['Thị', 'Thị', 'Ngọc', 'Thanh']), r.choice(SECOND_MIDDLE_F)] if r.random() < 0.12 else [W_MID_F(r)]
            given = W_GIV_M(r) if gender == 'M' else W_GIV_F(r)
            if given not in mids and given != fam and len(set(mids)) == len(mids):
                return fam, mids, given

    def new_mobile(self, acquired):
        r = self.rng
        while True:
            p = W_PREFIX(r)
            rest = ''.join(r.choice('0123456789') for _ in range(7))
            if p == '089' and rest[0] not in '6789':
                continue
            if p == '099' and rest[0] == '2':
                continue
            num = p + rest
            if num not in self.used_mobiles:
                self.used_mobiles.add(num)
                return {'num': num, 'acq': acquired}

    def new_landline(self, prov):
        r = self.rng
        new = PROVINCES[prov][3]
        sublen = 11 - len(new)
        while True:
            first = r.choice('2345678' if new == '024' else '23456789' if new == '028' else '36')
            sub = first + ''.join(r.choice('0123456789') for _ in range(sublen - 1))
            if (prov, sub) not in self.used_land:
                self.used_land.add((prov, sub))
                return (prov, sub)

    def new_mst(self, prov):
        r = self.rng
        pre = [int(c) for c in PROVINCES[prov][4]]
        while True:
            d = pre + [r.choice((0, 1)) if r.random() < 0.6 else r.randrange(10)] + \
                [r.randrange(10) for _ in range(6)]
            c = mst_check(d)
            if c is None:
                continue
            s = ''.join(map(str, d)) + str(c)
            if s not in self.used_mst:
                self.used_mst.add(s)
                return s

    def new_cccd(self, prov, gender, byear):
        r = self.rng
        century = 0 if byear < 2000 else 2
        g = century + (0 if gender == 'M' else 1)
        while True:
            s = PROVINCES[prov][5] + str(g) + f'{byear % 100:02d}' + ''.join(r.choice('0123456789') for _ in range(6))
            if s not in self.used_mst:
                self.used_mst.add(s)
                return s

    def unique_email(self, local, domain):
        local = local.lower()
        cand = f'{local}@{domain}'
        i = 1
        while cand in self.used_email:
            i += 1
            cand = f'{local}{self.rng.randint(1, 99) if i < 5 else i}@{domain}'
        self.used_email.add(cand)
        return cand

    def person_email(self, fam, mids, given, byear):
        r = self.rng
        f, g = strip_acc(fam).lower(), strip_acc(given).lower()
        m = ''.join(strip_acc(x).lower() for x in mids)
        ini = strip_acc(fam)[0].lower() + ''.join(strip_acc(x)[0].lower() for x in mids)
        yy = f'{byear % 100:02d}'
        local = r.choice([f'{g}{f}{yy}', f'{f}{m}{g}', f'{g}{ini}{yy}', f'{g}.{f}', f'{f}{g}{byear}',
                          f'{g}{ini}', f'{f}.{g}{yy}', f'{g}_{f}'])
        dom = W([('gmail.com', 75), ('yahoo.com', 8), ('yahoo.com.vn', 4), ('hotmail.com', 4),
                 ('outlook.com', 3), ('icloud.com', 2), ('fpt.vn', 1)])(r)
        return self.unique_email(local, dom)

    def org_email(self, trade):
        r = self.rng
        slug = strip_acc(trade).lower().replace(' ', '').replace('-', '')
        if r.random() < 0.35:
            return self.unique_email(r.choice([f'cty.{slug}', f'{slug}.co', f'ketoan{slug}', slug]), 'gmail.com')
        dom = slug + r.choice(['.com.vn', '.vn', '.com', 'co.com.vn'])
        return self.unique_email(r.choice(['info', 'ketoan', 'sales', 'kinhdoanh', 'contact', 'admin']), dom)

    def new_address(self, prov=None):
        r = self.rng
        prov = prov or W_PROV(r)
        p = PROVINCES[prov]
        dist = r.choice(p[7])
        ward = r.choice(dist[2])
        if prov == 'HCM':
            street = r.choice(HCM_STREETS)
        elif prov == 'HN':
            street = r.choice(HN_STREETS)
        else:
            street = r.choice(GEN_STREETS)
        num = str(r.choice([r.randint(1, 60), r.randint(1, 300), r.randint(1, 999)]))
        if r.random() < 0.15:
            num += r.choice(['A', 'B', 'A1', 'Bis'])
        sub = None
        if prov in ('HCM', 'HN') and r.random() < 0.35:
            sub = str(r.randint(2, 400))
        return {'prov': prov, 'dist': dist[:2], 'ward': ward, 'street': street, 'num': num, 'sub': sub}

    # ------------------------------------------------------------ entities
    def make_person(self, gender=None, family=None, middles=None, since=None, addrs=None, landline=None,
                    byear=None):
        r = self.rng
        gender = gender or ('M' if r.random() < 0.52 else 'F')
        fam, mids, given = self.person_name(gender, family, middles)
        byear = byear or r.randint(1955, 2003)
        if since is None:
            y = W_SINCE_YEAR(r)
            since = self.rdate(D(y, 1, 1).toordinal(), min(D(y, 12, 31).toordinal(), END - 20))
        e = {'kind': 'P', 'gender': gender, 'fam': fam, 'mids': mids, 'given': given,
             'name': ' '.join([fam] + mids + [given]), 'byear': byear, 'since': since}
        if addrs is None:
            addrs = [(self.new_address(), START)]
        e['addrs'] = addrs
        e['prov'] = addrs[0][0]['prov']
        e['landline'] = landline
        e['mobiles'] = [self.new_mobile(since - r.randint(0, 3000))] if r.random() < 0.96 else []
        e['email'] = self.person_email(fam, mids, given, byear) if r.random() < 0.72 else ''
        e['mst'] = ''
        if r.random() < 0.04:
            e['cccd'] = self.new_cccd(e['prov'], gender, byear)
        self.add_entity(e)
        return e

    def make_org(self, parent=None):
        r = self.rng
        while True:
            if parent:
                form, sector, trade = parent['form'], parent['sector'], parent['trade']
            else:
                form = W_FORM(r)
                sector, trade = None, None
                if form[0] in ('TNHH', 'TNHHMTV', 'CP', 'DNTN'):
                    sector = r.choice(SECTORS) if r.random() < 0.8 else None
                    if r.random() < 0.15:
                        trade = r.choice(TRADE_EN)
                    else:
                        a, b = r.sample(TRADE_SYL, 2)
                        trade = f'{a} {b}'
                        if r.random() < 0.12:
                            trade += ' Việt Nam'
                elif form[0] == 'CH':
                    sector = (r.choice(SHOP_TYPES), '')
                    fam, mids, given = self.person_name(r.choice('MF'))
                    trade = r.choice([f'{mids[-1]} {given}', given, f'{given} {r.choice(TRADE_SYL)}'])
                elif form[0] == 'HKD':
                    fam, mids, given = self.person_name(r.choice('MF'))
                    trade = ' '.join([fam] + mids + [given])
                else:
                    sector = (r.choice(HTX_TYPES), '')
                    a, b = r.sample(TRADE_SYL, 2)
                    trade = f'{a} {b}'
            name = ' '.join(x for x in [form[1], sector[0] if sector else '', trade] if x)
            branch = None
            if parent:
                taken = parent.setdefault('branch_cities', [])
                branch = r.choice([c for c in ('Hà Nội', 'Đà Nẵng', 'Hải Phòng', 'Cần Thơ', 'Bình Dương',
                                               'Đồng Nai') if c not in taken])
                name = f'{name} - Chi nhánh {branch}'
            if norm_name(name) not in self.used_org:
                self.used_org.add(norm_name(name))
                break
        y = W_SINCE_YEAR(r)
        since = self.rdate(D(y, 1, 1).toordinal(), min(D(y, 12, 31).toordinal(), END - 20))
        prov = W_PROV(r)
        if branch:
            prov = {'Hà Nội': 'HN', 'Đà Nẵng': 'DN', 'Hải Phòng': 'HP', 'Cần Thơ': 'CT',
                    'Bình Dương': 'BD', 'Đồng Nai': 'DNai'}[branch]
        e = {'kind': 'O', 'form': form, 'sector': sector, 'trade': trade, 'branch': branch,
             'name': name, 'since': since, 'prov': prov}
        e['addrs'] = [(self.new_address(prov), START)]
        e['landline'] = self.new_landline(prov) if r.random() < (0.7 if form[0] not in ('CH', 'HKD') else 0.35) else None
        e['mobiles'] = [self.new_mobile(since - r.randint(0, 2000))] if r.random() < 0.6 else []
        e['email'] = self.org_email(trade if form[0] != 'HKD' else trade.split()[-1] + strip_acc(trade.split()[0])) \
            if r.random() < (0.75 if form[0] not in ('CH', 'HKD') else 0.35) else ''
        has_mst = r.random() < (0.92 if form[0] in ('TNHH', 'TNHHMTV', 'CP', 'DNTN', 'HTX') else 0.5)
        if parent:
            parent['n_branches'] = parent.get('n_branches', 0) + 1
            parent['branch_cities'].append(branch)
            if not parent['mst']:
                parent['mst'] = self.new_mst(parent['prov'])
            e['mst'] = f"{parent['mst']}-{parent['n_branches']:03d}"
            self.used_mst.add(e['mst'])
        else:
            e['mst'] = self.new_mst(prov) if has_mst else ''
        e['warehouse'] = self.new_address(prov) if r.random() < 0.35 else None
        e['contact'] = None
        e['contact_name'] = None
        e['contact_mobile'] = False
        self.add_entity(e)
        return e

    def add_entity(self, e):
        e['id'] = 'E%06d' % (len(self.ents) + 1)
        self.ents.append(e)

    def plant(self, e, trait, detail=''):
        self.plants.append((e['id'], trait, detail))

    def build_entities(self):
        r = self.rng
        n_org = round(self.n * 0.30)
        orgs = []
        while len(orgs) < n_org:
            if orgs and r.random() < 0.04:
                cands = [o for o in orgs[-200:] if o['form'][0] in ('TNHH', 'CP') and not o['branch']
                         and o.get('n_branches', 0) < 3]
                if cands:
                    parent = r.choice(cands)
                    b = self.make_org(parent)
                    orgs.append(b)
                    self.plant(b, 'branch_of', parent['id'])
                    self.plant(parent, 'has_branch', b['id'])
                    continue
            orgs.append(self.make_org())
        n_person = self.n - len(self.ents)
        made = 0
        # company contacts who are customers in their own right
        for o in orgs:
            if made >= n_person:
                break
            if o['form'][0] in ('TNHH', 'TNHHMTV', 'CP', 'DNTN', 'HTX') and r.random() < 0.25:
                p = self.make_person()
                made += 1
                o['contact'] = p['id']
                o['contact_ent'] = p
                o['contact_mobile'] = bool(p['mobiles']) and r.random() < 0.5
                self.plant(p, 'contact_of', o['id'])
                self.plant(o, 'contact_is', p['id'] + (' (mobile shared)' if o['contact_mobile'] else ''))
        # households: couples sharing address and landline; fathers and sons
        while made < n_person:
            x = r.random()
            if x < 0.03 and made + 2 <= n_person:
                addrs = [(self.new_address(), START)]
                land = self.new_landline(addrs[0][0]['prov'])
                h = self.make_person('M', addrs=addrs, landline=land, byear=r.randint(1955, 1990))
                w = self.make_person('F', addrs=addrs, landline=land, byear=h['byear'] + r.randint(-2, 6))
                if r.random() < 0.25:
                    w['mobiles'] = []
                self.plant(h, 'household', w['id'])
                self.plant(w, 'household', h['id'])
                made += 2
            elif x < 0.045 and made + 2 <= n_person:
                addrs = [(self.new_address(), START)]
                land = self.new_landline(addrs[0][0]['prov'])
                y = r.choice([2015, 2016, 2017, 2018])
                f = self.make_person('M', addrs=addrs, landline=land, byear=r.randint(1950, 1968),
                                     since=self.rdate(D(y, 1, 1).toordinal(), D(y, 12, 31).toordinal()))
                mids = f['mids'] if r.random() < 0.5 else None
                while True:
                    s = self.make_person('M', family=f['fam'], middles=mids, addrs=addrs, landline=land,
                                         byear=f['byear'] + r.randint(24, 32),
                                         since=self.rdate(D(2019, 1, 1).toordinal(), END - 30))
                    if s['name'] != f['name']:
                        break
                    self.ents.pop()  # the son never carries his father's exact name
                self.plant(f, 'father_of', s['id'])
                self.plant(s, 'son_of', f['id'])
                made += 2
            else:
                self.make_person()
                made += 1
        # org contacts that are not book customers: a name only
        for o in orgs:
            if not o['contact'] and r.random() < 0.6:
                g = r.choice('MF')
                fam, mids, given = self.person_name(g)
                o['contact_name_parts'] = (g, fam, mids, given)
        # life events
        for e in self.ents:
            e['active_until'] = END
            if e['since'] < Y2018 and r.random() < 0.22:
                e['active_until'] = self.rdate(e['since'] + 30, Y2017_END)
            lo, hi = e['since'] + 180, min(e['active_until'], END) - 60
            if hi > lo and r.random() < (0.10 if e['kind'] == 'P' else 0.06) and len(e['addrs']) == 1:
                when = self.rdate(lo, hi)
                prov = e['addrs'][0][0]['prov'] if r.random() < 0.7 else None
                e['addrs'].append((self.new_address(prov), when))  # shared list: household moves together
                self.plant(e, 'moved', dfmt(when))
            if hi > lo and e['mobiles'] and r.random() < (0.08 if e['kind'] == 'P' else 0.04):
                when = self.rdate(lo, hi)
                e['mobiles'][0]['end'] = when
                nm = self.new_mobile(when)
                nm['start'] = when
                e['mobiles'].append(nm)
                self.plant(e, 'changed_mobile', dfmt(when))
        # a few recycled numbers: the old mobile of someone who changed goes to a later new customer
        changers = [e for e in self.ents if e['kind'] == 'P' and len(e['mobiles']) == 2
                    and e['mobiles'][0]['end'] > D(2019, 1, 1).toordinal()]
        for e in changers:
            if r.random() < 0.10:
                old = e['mobiles'][0]
                takers = [p for p in r.sample(self.ents, min(40, len(self.ents)))
                          if p['kind'] == 'P' and p['since'] > old['end'] + 365 and len(p['mobiles']) == 1
                          and p is not e and 'recycled' not in p['mobiles'][0]]
                if takers:
                    t = takers[0]
                    t['mobiles'][0] = {'num': old['num'], 'acq': t['since'], 'recycled': e['id']}
                    self.plant(t, 'recycled_mobile_from', e['id'])

    # ------------------------------------------------------------ rendering
    def person_name_variant(self, e, src):
        r = self.rng
        v = PERSON_VARIANTS[src](r)
        fam, mids, given, name = e['fam'], e['mids'], e['given'], e['name']
        if v == 'canon':
            s = name
        elif v == 'upper':
            s = name.upper()
        elif v == 'lower':
            s = name.lower() if r.random() < 0.5 else strip_acc(name).lower()
        elif v == 'nodiac':
            s = strip_acc(name)
        elif v == 'title':
            t = r.choice(TITLES_M if e['gender'] == 'M' else TITLES_F)
            short = given if mids[-1] in ('Văn', 'Thị') else f'{mids[-1]} {given}'
            s = f'{t} {name}' if r.random() < 0.85 else f'{t} {short}'
        elif v == 'note':
            s = name + r.choice(NAME_NOTES)
        elif v == 'nomid':
            s = f'{fam} {given}'
        elif v == 'givenfirst':
            s = f'{given} {fam}' if r.random() < 0.6 else ' '.join([given, fam] + mids)
            if r.random() < 0.7:
                s = strip_acc(s)
        elif v == 'tone':
            s = self.tone_slip(name)
        else:  # spaces
            toks = name.split(' ')
            i = r.randrange(len(toks) - 1)
            toks[i] += ' '
            s = ' '.join(toks)
            if r.random() < 0.5:
                s = r.choice([' ', '  ', '']) + s + r.choice([' ', '  '])
        return s, v

    def tone_slip(self, name):
        r = self.rng
        toks = name.split(' ')
        idx = [i for i, t in enumerate(toks) if t in PLACEMENT]
        if idx and r.random() < 0.6:
            i = r.choice(idx)
            toks[i] = PLACEMENT[toks[i]]
            return ' '.join(toks)
        idx = [i for i, t in enumerate(toks)
               if any(c in TONE_MARKS for c in unicodedata.normalize('NFD', t))]
        if not idx:
            return name
        i = r.choice(idx)
        d = unicodedata.normalize('NFD', toks[i])
        cur = next(c for c in d if c in TONE_MARKS)
        new = r.choice([t for t in TONE_MARKS if t != cur] + [''])
        k = d.index(cur)
        rest = d[:k] + d[k + 1:]
        while k < len(rest) and unicodedata.combining(rest[k]):
            k += 1   # the tone goes after the vowel's own mark (ă â ê ô ơ ư) so it composes
        toks[i] = unicodedata.normalize('NFC', rest[:k] + new + rest[k:])
        return ' '.join(toks)

    def org_name_variant(self, e, src):
        r = self.rng
        v = ORG_VARIANTS[src](r)
        form, sector, trade, branch = e['form'], e['sector'], e['trade'], e['branch']
        full = e['name']
        abbr = r.choice(form[2])
        sec_abbr = sector[1] if sector and sector[1] else (sector[0] if sector else '')

        def join(*xs):
            return ' '.join(x for x in xs if x)

        if v == 'full':
            base = join(form[1], sector[0] if sector else '', trade)
        elif v == 'upper':
            base = join(form[1], sector[0] if sector else '', trade).upper()
        elif v == 'abbr':
            base = join(abbr, sec_abbr, trade)
            if r.random() < 0.3:
                base = base.upper()
        elif v == 'nosector':
            base = join(r.choice([form[1], abbr]), trade)
        elif v == 'tradefirst':
            base = f'{trade} ({abbr})'
        elif v == 'nodiac':
            base = strip_acc(join(form[1], sector[0] if sector else '', trade))
        elif v == 'lower':
            base = join(form[1], sector[0] if sector else '', trade).lower()
        elif v == 'english':
            eng = {'CP': 'JSC', 'TNHH': 'Co., Ltd', 'TNHHMTV': 'Co., Ltd'}.get(form[0])
            base = f'{strip_acc(trade)} {eng}' if eng else strip_acc(join(form[1], trade))
        else:  # spaces
            base = join(form[1], sector[0] if sector else '', trade).replace(' ', '  ', 1) + ' '
        if branch:
            bv = r.random()
            if v == 'upper':
                base = f'{base} - CHI NHÁNH {branch.upper()}'
            elif bv < 0.6:
                base = f'{base} - Chi nhánh {branch}'
            elif bv < 0.85:
                base = f'{base} - CN {branch}'
            else:
                base = f'Chi nhánh {base} tại {branch}'
            if v in ('nodiac', 'english'):
                base = strip_acc(base)
        return base, v

    def render_mobile(self, m, e, o, src, stale):
        r = self.rng
        num = m['num']
        old_ok = num[:3] in NEW_TO_OLD_MOBILE and m['acq'] < MOBILE_SWITCH
        use_old = old_ok and (o < MOBILE_SWITCH_END or stale)
        style = MOBILE_STYLES[src](r)
        if use_old:
            n = NEW_TO_OLD_MOBILE[num[:3]] + num[3:]
            if style == 'numeric':
                return int(n)
            return r.choice([n, n, f'{n[:4]} {n[4:7]} {n[7:]}', f'{n[:4]}.{n[4:7]}.{n[7:]}',
                             f'{n[:4]} {n[4:8]} {n[8:]}'])
        n = num
        if style == 'numeric':
            return int(n)
        return {'plain': n, 'sp3': f'{n[:4]} {n[4:7]} {n[7:]}', 'dot': f'{n[:4]}.{n[4:7]}.{n[7:]}',
                'dash': f'{n[:4]}-{n[4:7]}-{n[7:]}', 'p84sp': f'+84 {n[1:4]} {n[4:7]} {n[7:]}',
                'p84': '+84' + n[1:], '84': '84' + n[1:], 'paren84': '(+84) ' + n[1:],
                '0084': '0084' + n[1:]}[style]

    def render_landline(self, land, o, stale, org):
        r = self.rng
        prov, sub = land
        code = PROVINCES[prov][2] if (o < LANDLINE_SWITCH or stale) else PROVINCES[prov][3]
        if len(sub) == 8:
            a, b = sub[:4], sub[4:]
        else:
            a, b = sub[:3], sub[3:]
        s = r.choice([f'{code} {a} {b}', f'({code}) {sub}', f'{code}.{a}.{b}', f'{code}{sub}',
                      f'({code}) {a} {b}', f'{code} {sub}'])
        if r.random() < 0.12:
            s = r.choice(['ĐT bàn: ', 'Tel: ', 'CĐ: ', 'ĐT: ']) + s
        if org and r.random() < 0.06:
            s += r.choice([f' (máy lẻ {r.randint(10, 300)})', f' ext {r.randint(10, 300)}'])
        return s

    def phone_cell(self, e, o, src, stale_m, stale_l):
        """Returns a str, an int (number cell), or '' and the numbers shown (for plants/debug)."""
        r = self.rng
        if r.random() < {'KH': 0.05, '2017': 0.08, 'web': 0.02}[src]:
            return ''
        mob = None
        for m in e['mobiles']:
            if m.get('start', -1) <= o < m.get('end', 10 ** 9):
                mob = m
        if mob is None and e['mobiles']:
            mob = e['mobiles'][-1]
        parts = []
        if e['kind'] == 'O':
            cands = []
            if e.get('contact_mobile') and e.get('contact_ent') and e['contact_ent']['mobiles']:
                cm = e['contact_ent']['mobiles'][0]
                cands.append(('m', cm))
            if mob:
                cands.append(('m', mob))
            if e['landline'] and src != 'web':
                cands.insert(0, ('l', e['landline']))
            if not cands:
                return ''
            k = 2 if len(cands) > 1 and r.random() < 0.3 else 1
            chosen = cands[:k] if r.random() < 0.5 else r.sample(cands, k)
        else:
            chosen = []
            if mob and r.random() < 0.97:
                chosen.append(('m', mob))
            if e['landline'] and src != 'web' and (not chosen or r.random() < 0.2):
                chosen.append(('l', e['landline']))
            if not chosen:
                return ''
        for kind, val in chosen:
            if kind == 'm':
                parts.append(self.render_mobile(val, e, o, src, stale_m))
            else:
                parts.append(self.render_landline(val, o, stale_l, e['kind'] == 'O'))
        if len(parts) == 1:
            return parts[0]
        parts = [str(p) if not isinstance(p, int) else '0' + str(p) for p in parts]
        return r.choice([' / ', ' - ', '; ', ' hoặc ', ', ', ' /'])\
            .join(parts)

    def email_cell(self, e, src):
        r = self.rng
        em = e['email']
        if not em or r.random() > {'KH': 0.82, '2017': 0.55, 'web': 0.97}[src]:
            return ''
        local, dom = em.split('@')
        if r.random() < {'KH': 0.04, '2017': 0.05, 'web': 0.03}[src]:
            typos = {'gmail.com': ['gmial.com', 'gmail.con', 'gmai.com', 'gmal.com', 'gmail.com.vn'],
                     'yahoo.com': ['yahooo.com', 'yaho.com', 'yahoo.co'],
                     'yahoo.com.vn': ['yahoo.vn', 'yaho.com.vn']}.get(dom)
            if typos:
                dom = r.choice(typos)
        s = f'{local}@{dom}'
        x = r.random()
        if x < {'KH': 0.05, '2017': 0.08, 'web': 0.10}[src]:
            s = r.choice([s.upper(), local[:1].upper() + local[1:] + '@' + dom.capitalize(),
                          local.title() + '@' + dom])
        if r.random() < 0.02:
            s = ' ' + s + ' '
        return s

    def addr_at(self, e, o):
        a = e['addrs'][0][0]
        for ad, start in e['addrs']:
            if start <= o:
                a = ad
        return a

    def render_address(self, a, o, src):
        r = self.rng
        prov = PROVINCES[a['prov']]
        num, sub, street = a['num'], a['sub'], a['street']
        style = r.choices(['full', 'abbr', 'noward'], [0.3, 0.55, 0.15])[0]
        if sub and a['prov'] == 'HN':
            hs = r.choice([f'Số {num} ngõ {sub} {street}', f'{num} ngõ {sub} {street}',
                           f'Số {num}, ngõ {sub} {street}', f'{num}/{sub} {street}',
                           f'Số {num} Ng. {sub} {street}', f'Số {num} ngõ {sub} phố {street}'])
        elif sub:
            hs = r.choice([f'{sub}/{num} {street}', f'{sub}/{num} {street}', f'{sub}/{num} đường {street}',
                           f'Số {sub}/{num} {street}', f'{sub}/{num} Đ. {street}', f'{sub}/{num} Đường {street}'])
        else:
            hs = r.choices([f'{num} {street}', f'Số {num} {street}', f'{num} đường {street}',
                            f'Số {num}, đường {street}', f'{num} Đ. {street}'], [5, 3, 2, 1, 1])[0]
        wk, wn = a['ward'].split(':', 1)
        new2025 = o >= REORG_2025 and r.random() < 0.3
        if new2025 and a['dist'] == ('Q', '1') and wn in NEW_WARD_2025:
            wn = NEW_WARD_2025[wn]
        numeric = wn.isdigit()
        if style == 'full':
            ward = {'P': 'Phường', 'X': 'Xã', 'TT': 'Thị trấn'}[wk] + ' ' + (
                wn.zfill(2) if numeric and r.random() < 0.2 else wn)
        else:
            if wk == 'P':
                opts = [f'P.{wn}', f'P. {wn}', f'P{wn}' if numeric else f'P.{wn}', f'Phường {wn}']
                if numeric and a['prov'] == 'HCM':
                    opts += [f'F{wn}', f'F.{wn}', f'P.{wn.zfill(2)}']
            elif wk == 'X':
                opts = [f'X. {wn}', f'xã {wn}', f'X.{wn}']
            else:
                opts = [f'TT. {wn}', f'TT {wn}', f'thị trấn {wn}']
            ward = r.choice(opts)
        dk, dn = a['dist']
        if (dn == 'Thủ Đức' or (dk, dn) == ('Q', '2')) and o >= Y2021:
            dk, dn = 'TP', 'Thủ Đức'
        if style == 'full':
            dist = {'Q': 'Quận', 'H': 'Huyện', 'TP': 'Thành phố', 'TX': 'Thị xã'}[dk] + ' ' + dn
        elif dk == 'Q':
            dist = r.choice([f'Q.{dn}', f'Q{dn}', f'Q. {dn}', f'quận {dn}'] if dn.isdigit()
                            else [f'Q. {dn}', f'Q.{dn}', dn, f'Quận {dn}'])
        elif dk == 'H':
            dist = r.choice([f'H. {dn}', f'huyện {dn}', f'H.{dn}'])
        else:
            dist = r.choice([f'TP {dn}', f'TP. {dn}', f'Tp {dn}', dn, f'T.P {dn}'])
        if new2025:
            pk = prov[6] or a['prov']
            pv = r.choice(MERGED_NAMES.get(pk) or PROVINCES[pk][1])
            parts = [hs, ward, pv]
        else:
            pv = prov[0] if style == 'full' and r.random() < 0.6 else r.choice(prov[1])
            parts = [hs, ward, dist, pv] if style != 'noward' else [hs, dist, pv]
        sep = r.choices([', ', ' - ', ','], [10, 2, 1])[0]
        s = sep.join(parts)
        if src == 'web':
            if r.random() < 0.45:
                s = strip_acc(s)
            if r.random() < 0.1:
                s = s.lower()
            if r.random() < 0.15:
                s += r.choice([', Việt Nam', ', Vietnam', ', VN'])
        elif src == '2017' and r.random() < 0.08:
            s = s.upper()
        return s

    def contact_cell(self, e):
        r = self.rng
        if e.get('contact_ent'):
            p = e['contact_ent']
            g, fam, mids, given = p['gender'], p['fam'], p['mids'], p['given']
        elif e.get('contact_name_parts'):
            g, fam, mids, given = e['contact_name_parts']
        else:
            return ''
        if r.random() < 0.15:
            return ''
        t = r.choice(['Anh', 'A.'] if g == 'M' else ['Chị', 'C.'])
        full = ' '.join([fam] + mids + [given])
        s = r.choice([f'{t} {given}', f'{t} {full}', full, full, f'{full} (kế toán)', f'{t} {given} - KT'])
        return s

    def mst_cell(self, e, o, src):
        r = self.rng
        if e['mst']:
            if r.random() > {'KH': 0.75, '2017': 0.5}[src]:
                return ''
            m = e['mst']
            x = r.random()
            if '-' not in m and x < 0.2:
                return int(m)
            if x < 0.25:
                return f'{m[:3]} {m[3:6]} {m[6:]}' if '-' not in m else m.replace('-', ' - ')
            if x < 0.3:
                return f'MST: {m}'
            return m
        if e.get('cccd') and o >= REORG_2025 and src == 'KH' and r.random() < 0.6:
            return e['cccd']
        return ''

    def date_cell(self, o):
        st = DATE_STYLES(self.rng)
        if st == 'date':
            return D.fromordinal(o)
        if st == 'serial':
            return o - EXCEL_EPOCH
        if st == 'text':
            return dfmt(o)
        if st == 'text_short':
            return dfmt(o, True)
        return ''

    # ------------------------------------------------------------ book rows
    def build_book_rows(self):
        r = self.rng
        rows = {'KH': [], '2017': [], 'web': []}
        self.row_shown = {}  # id(row) -> dict of what was rendered
        for e in self.ents:
            k = W_NROWS(r)
            elig = {}
            if e['since'] <= Y2017_END:
                elig['2017'] = 0.35
            if e['active_until'] >= Y2018:
                elig['KH'] = 0.55
                elig['web'] = 0.30 if e['kind'] == 'P' else 0.04
            if e['active_until'] < Y2018:
                k = min(k, 2)
            srcs = list(elig)
            ws = [elig[s] for s in srcs]
            stale = e['since'] < MOBILE_SWITCH and r.random() < 0.25   # never updated phone cell
            e['n_book'] = 0
            for _ in range(k):
                src = r.choices(srcs, ws)[0]
                if src == '2017':
                    o = self.rdate(max(e['since'], START), min(e['active_until'], Y2017_END))
                elif src == 'KH':
                    o = self.rdate(max(e['since'], Y2018), END)
                else:
                    o = self.rdate(max(e['since'], Y2020), END)
                row = self.book_row(e, src, o, stale and src == 'KH' and r.random() < 0.5)
                rows[src].append(row)
                e['n_book'] += 1
        return rows

    def book_row(self, e, src, o, stale):
        r = self.rng
        if e['kind'] == 'P':
            name, nv = self.person_name_variant(e, src)
        else:
            name, nv = self.org_name_variant(e, src)
        a = self.addr_at(e, o)
        if src == 'KH' and len(e['addrs']) > 1 and o >= e['addrs'][1][1] and r.random() < 0.15:
            addr, deliv = self.render_address(e['addrs'][0][0], o, src), self.render_address(a, o, src)
        else:
            addr = self.render_address(a, o, src) if r.random() > {'KH': 0.04, '2017': 0.06, 'web': 0.01}[src] else ''
            deliv = ''
            if src == 'KH':
                if e['kind'] == 'O' and e.get('warehouse') and r.random() < 0.7:
                    deliv = self.render_address(e['warehouse'], o, src)
                elif r.random() < 0.12:
                    deliv = r.choice([self.render_address(a, o, src), 'như trên', 'Như địa chỉ'])
        phone = self.phone_cell(e, o, src, stale, stale)
        email = self.email_cell(e, src)
        row = {'eid': e['id'], 'o': o, 'name': name, 'nv': nv, 'phone': phone, 'email': email,
               'addr': addr}
        if src == 'KH':
            row['deliv'] = deliv
            row['contact'] = self.contact_cell(e) if e['kind'] == 'O' else ''
            row['mst'] = self.mst_cell(e, o, src)
            row['date'] = self.date_cell(o)
            note = r.choice(NOTES) if r.random() < 0.15 else ''
            if len(e['addrs']) > 1 and o >= e['addrs'][1][1] and r.random() < 0.3:
                note = r.choice(['đã chuyển nhà', 'đổi địa chỉ', 'ĐC mới'])
            row['note'] = note
        elif src == '2017':
            row['mst'] = self.mst_cell(e, o, src)
            row['date'] = self.date_cell(o)
            row['note'] = r.choice(NOTES) if r.random() < 0.1 else ''
        else:
            if r.random() < 0.04:  # Mac / some web forms submit decomposed Unicode
                row['name'] = unicodedata.normalize('NFD', row['name'])
                row['addr'] = unicodedata.normalize('NFD', row['addr'])
        return row

    # ------------------------------------------------------------ invoices
    def build_invoices(self):
        r = self.rng
        inv = []
        for e in self.ents:
            if e['kind'] == 'O':
                n = 0 if r.random() < 0.3 else min(8, 1 + int(r.expovariate(0.6)))
            else:
                n = (1 if r.random() < 0.75 else 2) if r.random() < 0.12 else 0
            lo = max(e['since'], D(2019, 1, 1).toordinal())
            for _ in range(n):
                o = self.rdate(lo, END)
                if e['kind'] == 'O':
                    name, _ = self.org_name_variant(e, 'inv')
                    mst = e['mst'] if e['mst'] and r.random() < 0.93 else ''
                else:
                    name, _ = self.person_name_variant(e, 'inv')
                    mst = e['cccd'] if e.get('cccd') and o >= REORG_2025 and r.random() < 0.7 else ''
                inv.append({'eid': e['id'], 'ent': e, 'o': o, 'name': name, 'mst': mst, 'in_book': 1})
        frac = r.uniform(0.17, 0.23)
        target = round(len(inv) * frac / (1 - frac))
        book_persons = [e for e in self.ents if e['kind'] == 'P']
        nw = 0
        while nw < target:
            wid = 'W%06d' % (len(self.walkins) + 1)
            k = r.choices([1, 2, 3], [72, 20, 8])[0]
            if r.random() < 0.78:
                g = 'M' if r.random() < 0.5 else 'F'
                if self.planted and r.random() < 1 / 3:
                    src = r.choice(book_persons)
                    name, g = src['name'], src['gender']
                    self.plants.append((wid, 'walkin_namesake_of', src['id']))
                else:
                    fam, mids, given = self.person_name(g)
                    name = ' '.join([fam] + mids + [given])
                w = {'id': wid, 'kind': 'P', 'name': name, 'gender': g, 'prov': W_PROV(r)}
                w['cccd'] = self.new_cccd(w['prov'], g, r.randint(1960, 2003)) if r.random() < 0.3 else ''
            else:
                form = r.choice([f for f in ORG_FORMS if f[0] in ('CH', 'HKD')])
                fam, mids, given = self.person_name(r.choice('MF'))
                if form[0] == 'CH':
                    name = f'Cửa hàng {r.choice(SHOP_TYPES)} {r.choice([given, mids[-1] + " " + given])}'
                else:
                    name = 'Hộ kinh doanh ' + ' '.join([fam] + mids + [given])
                prov = W_PROV(r)
                w = {'id': wid, 'kind': 'O', 'name': name, 'prov': prov,
                     'mst': self.new_mst(prov) if r.random() < 0.5 else ''}
            self.walkins.append(w)
            for _ in range(k):
                o = self.rdate(D(2019, 1, 1).toordinal(), END)
                if w['kind'] == 'P':
                    name = w['name'].upper() if r.random() < 0.12 else w['name']
                    mst = w['cccd'] if w['cccd'] and o >= REORG_2025 else ''
                else:
                    name = w['name'].upper() if r.random() < 0.4 else w['name']
                    mst = w['mst']
                inv.append({'eid': wid, 'ent': w, 'o': o, 'name': name, 'mst': mst, 'in_book': 0})
                nw += 1
        inv.sort(key=lambda x: (x['o'], r.random()))
        return inv

    # ------------------------------------------------------------ output
    def write(self, outdir):
        os.makedirs(outdir, exist_ok=True)
        r = self.rng
        rows = self.build_book_rows()
        inv = self.build_invoices()
        truth = []

        # ---------- xlsx
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(SHEET_KH)
        name_h = r.choice(['Họ và tên', 'Tên khách hàng', 'Họ tên'])
        ws.append(['STT', name_h, 'Điện thoại', 'Email', 'Địa chỉ', 'Địa chỉ giao hàng', 'Người liên hệ',
                   'Mã số thuế', 'Ngày mua gần nhất', 'Ghi chú'])
        kh = sorted(rows['KH'], key=lambda x: (x['o'] + r.randint(-400, 60), r.random()))
        excel_row = 1
        stt = 0

        def datecell(v):
            if isinstance(v, D):
                c = WriteOnlyCell(ws_cur[0], value=v)
                c.number_format = 'DD/MM/YYYY'
                return c
            return v

        ws_cur = [ws]
        for x in kh:
            if r.random() < 0.0015:
                ws.append([])
                excel_row += 1
            stt += 1
            excel_row += 1
            ws.append([stt if r.random() > 0.01 else None, x['name'], x['phone'], x['email'], x['addr'],
                       x['deliv'], x['contact'], x['mst'], datecell(x['date']), x['note']])
            truth.append((BOOK_XLSX, SHEET_KH, excel_row, x['eid'], x))
        ws2 = wb.create_sheet(SHEET_OLD)
        ws_cur[0] = ws2
        title = WriteOnlyCell(ws2, value='DANH SÁCH KHÁCH HÀNG NĂM 2017')
        title.font = Font(bold=True, size=14)
        ws2.append([None, title])
        ws2.append([None, 'Cập nhật: 31/12/2017'])
        ws2.append(['STT', 'Tên KH', 'Đ/c', 'SĐT', 'MST', 'Email', 'Ngày mua', 'Ghi chú'])
        excel_row = 3
        old = sorted(rows['2017'], key=lambda x: (x['o'], r.random()))
        for i, x in enumerate(old, 1):
            excel_row += 1
            ws2.append([i, x['name'], x['addr'], x['phone'], x['mst'], x['email'], datecell(x['date']),
                        x['note']])
            truth.append((BOOK_XLSX, SHEET_OLD, excel_row, x['eid'], x))
        wb.save(os.path.join(outdir, BOOK_XLSX))

        # ---------- web export (UTF-8 with BOM)
        web = sorted(rows['web'], key=lambda x: (x['o'], r.random()))
        with open(os.path.join(outdir, WEB_CSV), 'w', encoding='utf-8-sig', newline='') as f:
            w = csv.writer(f, lineterminator='\n')
            w.writerow(['Order ID', 'Order date', 'Full name', 'Phone', 'Email', 'Address', 'Order total',
                        'Payment method'])
            line = 1
            for i, x in enumerate(web):
                line += 1
                t = D.fromordinal(x['o'])
                ts = f'{t.isoformat()} {r.randint(7, 22):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}'
                ph = x['phone']
                if isinstance(ph, int):
                    ph = str(ph)
                w.writerow([f'#{10001 + i}', ts, x['name'], ph, x['email'], x['addr'],
                            r.randrange(90, 9000) * 1000, r.choice(['COD', 'Chuyển khoản', 'Momo', 'VNPay', 'COD'])])
                truth.append((WEB_CSV, '', line, x['eid'], x))

        # ---------- invoice listing (cp1258, ';', CRLF)
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=';', lineterminator='\r\n')
        w.writerow(['STT', 'Ký hiệu hóa đơn', 'Số hóa đơn', 'Ngày hóa đơn', 'Tên người mua',
                    'Mã số thuế người mua', 'Doanh thu chưa có thuế', 'Thuế GTGT'])
        counters = Counter()
        inv_lines = []
        for i, x in enumerate(inv, 1):
            d = D.fromordinal(x['o'])
            sym = f'1C{d.year % 100:02d}TAA' if d.year >= 2022 else f'AA/{d.year % 100:02d}E'
            counters[sym] += 1
            no = f'{counters[sym]:07d}' if d.year < 2022 else str(counters[sym])
            if x['ent']['kind'] == 'O':
                amt = r.randrange(1000, 300000) * 1000 if r.random() < 0.8 else r.randrange(100, 1000) * 1000
            else:
                amt = r.randrange(150, 15000) * 1000
            rate = 0.08 if D(2022, 2, 1) <= d <= D(2024, 12, 31) and r.random() < 0.6 else 0.10
            vat = round(amt * rate)
            w.writerow([i, sym, no, dfmt(x['o']), x['name'], x['mst'],
                        f'{amt:,}'.replace(',', '.'), f'{vat:,}'.replace(',', '.')])
            inv_lines.append((i + 1, x))
            truth.append((INV_CSV, '', i + 1, x['eid'], x))
        with open(os.path.join(outdir, INV_CSV), 'wb') as f:
            f.write(cp1258_encode(buf.getvalue()))

        # ---------- restricted flags
        name_ents = defaultdict(set)
        for e in self.ents:
            name_ents[norm_name(e['name'])].add(e['id'])
        for wk in self.walkins:
            name_ents[norm_name(wk['name'])].add(wk['id'])
        book_msts = defaultdict(set)   # entity -> tax codes its book rows carry
        for src_rows in rows.values():
            for x in src_rows:
                m = x.get('mst')
                if m != '' and m is not None:
                    m = str(m)
                    m = m.replace('MST: ', '').replace(' - ', '-').replace(' ', '')
                    if m.isdigit() and len(m) == 9:
                        m = '0' + m
                    book_msts[x['eid']].add(m)
        inv_truth = []
        n_restr = 0
        for line, x in inv_lines:
            restricted = 0
            if x['in_book']:
                e = x['ent']
                if x['mst'] and x['mst'] in book_msts[e['id']]:
                    restricted = 1
                elif name_ents[norm_name(e['name'])] == {e['id']}:
                    restricted = 1
            n_restr += restricted
            inv_truth.append((line, x['eid'], x['in_book'], restricted))

        # ---------- truth files
        with open(os.path.join(outdir, 'truth.csv'), 'w', encoding='utf-8', newline='') as f:
            w = csv.writer(f, lineterminator='\n')
            w.writerow(['source_file', 'source_sheet', 'source_row', 'entity_id'])
            for t in truth:
                w.writerow(t[:4])
        with open(os.path.join(outdir, 'entities.csv'), 'w', encoding='utf-8', newline='') as f:
            w = csv.writer(f, lineterminator='\n')
            w.writerow(['entity_id', 'name', 'email'])
            for e in self.ents:
                w.writerow([e['id'], e['name'], e['email']])
        with open(os.path.join(outdir, 'inv_truth.csv'), 'w', encoding='utf-8', newline='') as f:
            w = csv.writer(f, lineterminator='\n')
            w.writerow(['source_row', 'entity_id', 'in_book', 'restricted'])
            w.writerows(inv_truth)
        with open(os.path.join(outdir, 'plants.csv'), 'w', encoding='utf-8', newline='') as f:
            w = csv.writer(f, lineterminator='\n')
            w.writerow(['entity_id', 'trait', 'detail'])
            w.writerows(self.plants)

        # ---------- summary
        n_inv = len(inv)
        n_walk = sum(1 for x in inv if not x['in_book'])
        nb = Counter(e['n_book'] for e in self.ents)
        namesake = Counter(norm_name(e['name']) for e in self.ents if e['kind'] == 'P')
        ns_ents = sum(c for c in namesake.values() if c > 1)
        n_p = sum(1 for e in self.ents if e['kind'] == 'P')
        traits = Counter(p[1] for p in self.plants)
        print(f'entities {len(self.ents)} (persons {n_p}, orgs {len(self.ents) - n_p}); walk-ins {len(self.walkins)}')
        print(f'rows: {SHEET_KH} {len(kh)}, {SHEET_OLD} {len(old)}, web {len(web)}, invoices {n_inv} '
              f'(walk-in rows {n_walk} = {n_walk / max(1, n_inv):.1%}, restricted {n_restr})')
        print('book rows per entity:', dict(sorted(nb.items())))
        print(f'persons sharing their exact name with another book person: {ns_ents} ({ns_ents / max(1, n_p):.1%})')
        print('plants:', dict(traits))
        book_names = {norm_name(e['name']) for e in self.ents}
        wp = [w for w in self.walkins if w['kind'] == 'P']
        same = sum(1 for w in wp if norm_name(w['name']) in book_names)
        print(f'walk-in persons {len(wp)}, shops {len(self.walkins) - len(wp)}; '
              f'walk-in persons named exactly like a book customer: {same}')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('n', type=int)
    ap.add_argument('seed', type=int)
    ap.add_argument('outdir')
    ap.add_argument('--planted-namesakes', action='store_true')
    a = ap.parse_args()
    g = Gen(a.n, a.seed, a.planted_namesakes)
    g.build_entities()
    g.write(a.outdir)


if __name__ == '__main__':
    main()
