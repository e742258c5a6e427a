"""Generate a large curated dataset (CSV) for load benchmarks and the kill test.

``write_dataset(folder, entities=100_000, facts=500_000)`` writes
``entities.csv`` (companies in 20 countries, a source document, 50 materials)
and ``facts.csv`` (SUPPLIES facts with distinct keys, each citing the source).
The data is synthetic: names and figures mean nothing.
"""

from __future__ import annotations

import csv
from pathlib import Path

COUNTRIES = "CN US AU MM TH NG IN RU MG BR VN MY CA GL ZA TZ JP DE FR EE".split()
MATERIALS = 50


def write_dataset(folder: Path, entities: int = 100_000, facts: int = 500_000) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    companies = entities - MATERIALS - 1
    entity_file = folder / "entities.csv"
    with entity_file.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "label", "name", "aliases", "country", "stage", "title", "url"])
        writer.writerow(["doc:synthetic", "Document", "Synthetic source", "", "", "", "Synthetic", "https://example.org/"])
        for m in range(MATERIALS):
            writer.writerow([f"material:m{m}", "Material", f"Material {m}", "", "", "magnet", "", ""])
        for c in range(companies):
            writer.writerow([f"org:c{c}", "Company", f"Company {c}", f"C{c} Ltd|C{c} Inc", COUNTRIES[c % 20], "", "", ""])
    fact_file = folder / "facts.csv"
    with fact_file.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["type", "source", "target", "material", "year", "share", "sources", "evidence"])
        for i in range(facts):
            source = i % companies
            target = (source + 1 + (i * 7919) % (companies - 1)) % companies
            writer.writerow(
                ["SUPPLIES", f"org:c{source}", f"org:c{target}", f"material:m{i % MATERIALS}", 2000 + i // companies,
                 round((i % 97) / 100, 2), "doc:synthetic", f"Company {source} supplies company {target}."]
            )  # fmt: skip
    return entity_file, fact_file
