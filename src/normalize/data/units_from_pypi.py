#!/usr/bin/env python3
"""Regenerates units.tsv from the vietnamadminunits wheel (PyPI, MIT licence).

    pip download --no-deps vietnamadminunits==1.0.4 && unzip -o vietnamadminunits-1.0.4-*.whl
    python3 units_from_pypi.py vietnamadminunits/data > units.tsv

Reads data/dataset.db (tables admin_units_legacy: 63 provinces, districts and wards in force
until 30 June 2025; admin_units: the 34 provinces and their wards from 1 July 2025) and
data/converter_2025.json (which old provinces make each new one, and which 2025 ward or
wards each old ward became: the 2025 reorganisation merged wards, and split a few). The unit type is taken
from the official name's first words, not the type column, which disagrees with the name for
a few units ("Thị trấn Ngọc Lặc" typed Xã).
"""
import json
import sqlite3
import sys
import unicodedata

TYPES = [
    ("Thành phố", "TP"), ("Tỉnh", "T"), ("Quận", "Q"), ("Huyện", "H"), ("Thị xã", "TX"),
    ("Phường", "P"), ("Xã", "X"), ("Thị trấn", "TT"), ("Đặc khu", "DK"),
]


def split(name):
    name = " ".join(unicodedata.normalize("NFC", name).split())
    for word, code in TYPES:
        # Case-insensitive: the source writes "Thành Phố Bắc Kạn" once.
        if name.lower().startswith(word.lower() + " "):
            return code, name[len(word) + 1:]
    raise SystemExit(f"no type in {name!r}")


def main(folder):
    db = sqlite3.connect(f"{folder}/dataset.db")
    conv = json.load(open(f"{folder}/converter_2025.json"))["DICT_PROVINCE"]
    new_code = {
        key: code
        for key, code in db.execute("select distinct provinceKey, provinceCode from admin_units")
    }
    old_to_new = {old: new_code[new] for new, olds in conv.items() for old in olds}
    # Old ward ("province_district_ward" keys) -> the 2025 ward codes it went into.
    full = json.load(open(f"{folder}/converter_2025.json"))
    new_ward = {
        (p, w): code
        for p, w, code in db.execute("select provinceKey, wardKey, wardCode from admin_units")
    }
    became = {}
    for p, wards in full["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for w, olds in wards.items():
            for old in olds:
                became.setdefault(old, set()).add(new_ward[(p, w)])
    for p, olds in full["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in olds.items():
            for n in news:
                code = new_ward.get((p, n["newWardKey"]))
                if code:  # one key of the source is misspelt ("xãcẩmgiàng"); its other ward stands
                    became.setdefault(old, set()).add(code)
    out = sys.stdout
    out.write(
        "# Vietnamese administrative units with their GSO codes, from the PyPI package\n"
        "# vietnamadminunits 1.0.4 (MIT licence, (c) 2025 Tran Ngoc Minh Hieu,\n"
        "# https://github.com/tranngocminhhieu/vietnamadminunits); regenerate with\n"
        "# units_from_pypi.py. Tab-separated: kind, code, type, name[, 2025 code(s)].\n"
        "# L legacy province (until 30 June 2025) and the code of the 2025 province it joined,\n"
        "# D its district, W the district's ward and the codes of the 2025 wards it became\n"
        "# (comma-separated); N a province from 1 July 2025, w its ward.\n"
        "# Types: TP Thành phố, T Tỉnh, Q Quận, H Huyện, TX Thị xã, P Phường, X Xã,\n"
        "# TT Thị trấn, DK Đặc khu.\n"
    )
    rows = db.execute(
        "select provinceCode, province, provinceKey, districtCode, district, wardCode, ward,"
        " districtKey, wardKey"
        " from admin_units_legacy order by provinceCode, districtCode, wardCode"
    ).fetchall()
    last_p = last_d = None
    for pcode, pname, pkey, dcode, dname, wcode, wname, dkey, wkey in rows:
        if pcode != last_p:
            t, n = split(pname)
            out.write(f"L\t{pcode}\t{t}\t{n}\t{old_to_new[pkey]}\n")
            last_p = pcode
        if dcode != last_d:
            t, n = split(dname)
            out.write(f"D\t{dcode}\t{t}\t{n}\n")
            last_d = dcode
        if wcode:
            t, n = split(wname)
            codes = ",".join(sorted(became.get(f"{pkey}_{dkey}_{wkey}", ())))
            out.write(f"W\t{wcode}\t{t}\t{n}\t{codes}\n")
    rows = db.execute(
        "select provinceCode, province, wardCode, ward from admin_units"
        " order by provinceCode, wardCode"
    ).fetchall()
    last_p = None
    for pcode, pname, wcode, wname in rows:
        if pcode != last_p:
            t, n = split(pname)
            out.write(f"N\t{pcode}\t{t}\t{n}\n")
            last_p = pcode
        t, n = split(wname)
        out.write(f"w\t{wcode}\t{t}\t{n}\n")


main(sys.argv[1])
