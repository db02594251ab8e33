#!/usr/bin/env python3
"""Given names with a gender from the 1990 US Census first-name lists (public domain, shipped
as dist.male.first and dist.female.first in the PyPI package `names` 0.3.0), for lede's
src/extract/given_names_census.txt.

usage: census_given_names.py NAMES_DATA_DIR NEWS_TEXTS_DIR > src/extract/given_names_census.txt
(NEWS_TEXTS_DIR: plain-text news articles, used only to count how words are written; the list
in the repository was made with the PolNeAR development texts.) A name goes to the
gender whose list holds it at least 10x as often; a name that news writes as a common word in
lower case (5+ times in the news texts) is left out, and so is one written
alone (not before another capitalised word) 3+ times and more often than before one."""
import collections, glob, re, sys
src, news = sys.argv[1], sys.argv[2]
def load(path):
    return {l.split()[0].lower(): float(l.split()[1]) for l in open(path) if l.strip()}
men, women = load(f"{src}/dist.male.first"), load(f"{src}/dist.female.first")
lower, alone, before = collections.Counter(), collections.Counter(), collections.Counter()
for p in glob.glob(f"{news}/*.txt"):
    text = open(p, errors="replace").read()
    lower.update(re.findall(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])", text))
    # A capitalised word seldom followed by another (`Florida`, `June`, `Clinton`) is a
    # place, a month or a surname more often than a given name.
    for m in re.finditer(r"\b([A-Z][a-z]+)\b(\s+[A-Z][a-z]+)?", text):
        (before if m.group(2) else alone)[m.group(1).lower()] += 1
out = []
for name in sorted(set(men) | set(women)):
    # `Santa Barbara`, `San Diego`: a saint's prefix of place names.
    saint = name in ("santa", "san", "saint", "santo", "sao")
    if lower[name] >= 5 or not name.isalpha() or saint or (alone[name] >= 3 and alone[name] > before[name]):
        continue
    m, w = men.get(name, 0.0), women.get(name, 0.0)
    if m >= 10 * w:
        out.append((name, "m"))
    elif w >= 10 * m:
        out.append((name, "f"))
skipped = [n for n in sorted(set(men) | set(women)) if lower[n] >= 5]
print(f"{len(out)} names, {len(skipped)} left out as common words: {' '.join(skipped[:80])}", file=sys.stderr)
sys.stdout.write("".join(f"{n} {g}\n" for n, g in out))
