"""Ingest N generated articles, kill the ingest half-way with SIGKILL, re-run it, and check
that the store ends with exactly N articles and no half-written one.

    python bench/crash_resume.py [N]        (default 10000)

Prints the progress seen before the kill, the count after it, the time of each run and the
final count. tests/cli/test_crash.py runs the same scenario on fewer articles.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

PROGRESS = re.compile(rb"ingest: (\d+) articles")


def _ingest(src: Path, db: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "parley", "ingest", str(src), "--db", str(db), "--progress", "always",
           "--batch-size", "100"]  # fmt: skip
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _watch(proc: subprocess.Popen[bytes], seen: list[int]) -> None:
    assert proc.stderr is not None
    buf = b""
    while chunk := proc.stderr.read1(4096):  # type: ignore[attr-defined]
        buf = (buf + chunk)[-4096:]
        counts = PROGRESS.findall(buf)
        if counts:
            seen.append(int(counts[-1]))


def run_until(src: Path, db: Path, kill_at: int | None, timeout: float = 1800) -> tuple[int, str, float]:
    """Run one ingest; SIGKILL it once the progress bar passes ``kill_at`` articles."""
    start = time.perf_counter()
    proc = _ingest(src, db)
    seen: list[int] = []
    watcher = threading.Thread(target=_watch, args=(proc, seen), daemon=True)
    watcher.start()
    while proc.poll() is None and time.perf_counter() - start < timeout:
        if kill_at is not None and seen and seen[-1] >= kill_at:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    proc.wait()
    watcher.join(timeout=5)
    out = proc.stdout.read().decode() if proc.stdout else ""
    return (seen[-1] if seen else 0), out, time.perf_counter() - start


def check_store(db: Path) -> dict[str, int]:
    """Counts, and articles whose stored facts differ from their own record (half-written)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    articles = con.execute("SELECT id, record FROM articles").fetchall()
    figures = dict(con.execute("SELECT article_id, count(*) FROM figures GROUP BY 1").fetchall())
    torn = sum(1 for art_id, record in articles if len(json.loads(record)["figures"]) != figures.get(art_id, 0))
    con.close()
    return {"articles": len(articles), "torn": torn}


def scenario(n: int, workdir: Path) -> dict[str, object]:
    src = generate.write(workdir / "generated.jsonl", n)
    db = workdir / "crash.duckdb"
    progress, _, first_s = run_until(src, db, kill_at=n // 2)
    after_kill = check_store(db)
    _, summary, second_s = run_until(src, db, kill_at=None)
    return {
        "n": n, "progress_at_kill": progress, "after_kill": after_kill, "final": check_store(db),
        "rerun_summary": summary.strip(), "first_run_s": round(first_s, 1), "rerun_s": round(second_s, 1),
    }  # fmt: skip


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(scenario(count, Path(tmp)), indent=2))
