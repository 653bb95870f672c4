"""Generate N distinct short articles as JSONL (for the crash-and-resume test and benches)."""

from __future__ import annotations

import json
import random
from pathlib import Path

CITIES = ["Cairo", "Doha", "Geneva", "Istanbul", "Jeddah", "Riyadh", "Nairobi", "Luanda"]
PARTIES = ["Egypt", "Qatar", "Turkey", "Saudi Arabia", "Kenya", "Angola", "the United States"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(i: int, rng: random.Random) -> dict[str, str]:
    city, party, day = rng.choice(CITIES), rng.choice(PARTIES), rng.choice(DAYS)
    text = (
        f"Mediators from {party} met negotiators in {city} on {day}, officials said in update {i}. "
        f"At least {rng.randint(2, 900)} people were killed in the fighting, a ministry said. "
        f"Talks are expected to resume next week."
    )
    published = f"2024-0{1 + i % 9}-1{i % 10}"
    return {"id": f"gen{i:05d}", "outlet": f"Outlet {i % 17}", "published": published, "text": text}


def write(path: Path, n: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(article(i, rng)) + "\n")
    return path
