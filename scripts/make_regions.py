"""Build ingest/data/regions.json (usage: make_regions.py adcodes.csv regions.json) from cpca's adcodes.csv (MIT; GB/T 2260 codes)."""

import csv
import json
import sys

ABBR = {
    "北京市": ("北京", "京"),
    "天津市": ("天津", "津"),
    "河北省": ("河北", "冀"),
    "山西省": ("山西", "晋"),
    "内蒙古自治区": ("内蒙古", "蒙"),
    "辽宁省": ("辽宁", "辽"),
    "吉林省": ("吉林", "吉"),
    "黑龙江省": ("黑龙江", "黑"),
    "上海市": ("上海", "沪"),
    "江苏省": ("江苏", "苏"),
    "浙江省": ("浙江", "浙"),
    "安徽省": ("安徽", "皖"),
    "福建省": ("福建", "闽"),
    "江西省": ("江西", "赣"),
    "山东省": ("山东", "鲁"),
    "河南省": ("河南", "豫"),
    "湖北省": ("湖北", "鄂"),
    "湖南省": ("湖南", "湘"),
    "广东省": ("广东", "粤"),
    "广西壮族自治区": ("广西", "桂"),
    "海南省": ("海南", "琼"),
    "重庆市": ("重庆", "渝"),
    "四川省": ("四川", "川"),
    "贵州省": ("贵州", "黔"),
    "云南省": ("云南", "滇"),
    "西藏自治区": ("西藏", "藏"),
    "陕西省": ("陕西", "陕"),
    "甘肃省": ("甘肃", "甘"),
    "青海省": ("青海", "青"),
    "宁夏回族自治区": ("宁夏", "宁"),
    "新疆维吾尔自治区": ("新疆", "新"),
    "台湾省": ("台湾", "台"),
    "香港特别行政区": ("香港", "港"),
    "澳门特别行政区": ("澳门", "澳"),
}
with open(sys.argv[1], encoding="utf-8") as fh:
    rows = list(csv.DictReader(fh))
names = {r["adcode"][:6]: r["name"] for r in rows}
prov, cities, counties = [], [], []
for code, name in sorted(names.items()):
    p, c, k = code[:2], code[2:4], code[4:6]
    if c == "00" and k == "00":
        short, abbr = ABBR[name]
        prov.append([name, short, abbr, p])
    elif k == "00":
        if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            continue
        cities.append([name, names[p + "0000"], code[:4]])
    else:
        if name == "市辖区":
            continue
        city = names.get(code[:4] + "00")
        if city in (None, "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            city = None
        counties.append([name, city, names[p + "0000"], code])
out = {
    "about": "China's administrative divisions (GB/T 2260 codes) for region inference: provinces with short name "
    "and one-character abbreviation (晋 for 山西省), prefecture-level cities, county-level units. Built from the "
    "adcodes table shipped by the MIT-licensed cpca package; abbreviations added by hand.",
    "provinces": prov,
    "cities": cities,
    "counties": counties,
}
with open(sys.argv[2], "w", encoding="utf-8") as fh:
    json.dump(out, fh, ensure_ascii=False, separators=(",", ":"))
print(len(prov), len(cities), len(counties))
