#!/usr/bin/env python3
"""Edit -> page told to reload, for `ayuda serve` on a site folder (the 10k synthetic corpus).

Copies the site to a scratch folder (under $TMPDIR: set TMPDIR=/dev/shm to work on tmpfs), starts `ayuda serve` on it, listens to its live-reload
stream as a page does, and times, from just before each file write to the arrival of the
message that makes the page reload:
  - 20 article body edits (one page renders again),
  - 20 title edits (that section's menus change),
then makes 100 more edits and reports the server's resident memory every 10 edits.

    TMPDIR=/dev/shm python3 bench/serve/edit_latency.py --ayuda target/release/ayuda --site SITE

Prints medians, p95 and maxima, next to the anchors measured for the issue (zola serve, zola
serve --fast, hugo server). Stdlib only. A benchmark, not a test: the machine is shared.
"""

import argparse
import os
import queue
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ANCHORS = [
    ("zola serve (re-renders everything)", "4.9 s"),
    ("zola serve --fast (edited page only; menus stale)", "48 ms"),
    ("hugo server", "1.7-2.0 s"),
]


def fail(message):
    print(f"edit_latency: {message}", file=sys.stderr)
    sys.exit(1)


def listen(address, events):
    """Reads the server-sent events of /__ayuda/events into `events` as (name, time)."""
    host, port = address.split(":")
    stream = socket.create_connection((host, int(port)))
    stream.sendall(f"GET /__ayuda/events HTTP/1.0\r\nHost: {address}\r\n\r\n".encode())
    reader = stream.makefile("rb")
    for line in reader:
        line = line.decode("utf-8", "replace").rstrip("\r\n")
        if line.startswith("event: "):
            events.put((line[len("event: "):], time.perf_counter()))


def wait_for(events, names, timeout=60):
    deadline = time.perf_counter() + timeout
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            fail(f"no {names} event within {timeout} s")
        name, at = events.get(timeout=left)
        if name in names:
            return name, at


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def summary(label, values):
    return (f"{label:<34} n={len(values):>3}  median {statistics.median(values):7.1f} ms  "
            f"p95 {percentile(values, 95):7.1f} ms  max {max(values):7.1f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ayuda", required=True, help="the ayuda binary (a release build)")
    parser.add_argument("--site", required=True, help="the site folder (it is copied, not edited)")
    parser.add_argument("--edits", type=int, default=20, help="timed edits of each kind")
    parser.add_argument("--memory-edits", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--poll", action="store_true", help="serve with --poll")
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="ayuda-edit-latency-")
    root = os.path.join(scratch, "site")
    shutil.copytree(args.site, root)
    articles = sorted(
        os.path.join(folder, name)
        for folder, _, names in os.walk(os.path.join(root, "content"))
        for name in names
        if name.endswith(".md") and not name.startswith("_index")
    )
    command = [args.ayuda, "serve", "--root", root, "--port", "0"] + (["--poll"] if args.poll else [])
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        first = server.stdout.readline().strip()
        match = re.match(r"Serving on http://([\d.]+:\d+)/", first)
        if not match:
            fail(f"unexpected first line: {first!r}")
        address = match.group(1)
        built = server.stdout.readline().strip()
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
        print(f"{len(articles)} articles; {built}; RSS {rss_mb(server.pid):.0f} MB", flush=True)
        events = queue.Queue()
        threading.Thread(target=listen, args=(address, events), daemon=True).start()
        wait_for(events, {"hello"})

        rng = random.Random(args.seed)
        step = [0]

        def body_edit(path):
            with open(path, "a", encoding="utf-8") as f:
                f.write(f"\nUn párrafo más, número {step[0]}.\n")

        def title_edit(path):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            text = re.sub(r"^title: .*$", f"title: Título cambiado {step[0]}", text, count=1, flags=re.M)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)

        def timed(edit):
            step[0] += 1
            path = rng.choice(articles)
            time.sleep(0.3)  # the previous edit's events are all in
            while not events.empty():
                events.get_nowait()
            started = time.perf_counter()
            edit(path)
            name, at = wait_for(events, {"reload", "problems"})
            if name != "reload":
                fail(f"the edit of {path} made the build fail")
            return (at - started) * 1000

        results = {}
        for label, edit in [("article body", body_edit), ("title (its section's menus)", title_edit)]:
            timed(edit)  # warm-up
            results[label] = [timed(edit) for _ in range(args.edits)]
        print()
        print(f"Edit -> page told to reload ({'--poll' if args.poll else 'change events'}):")
        for label, values in results.items():
            print("  " + summary(label, values))
        print("Anchors on the same corpus (issue 12):")
        for name, figure in ANCHORS:
            print(f"  {name:<50} {figure}")

        print()
        print(f"Resident memory over {args.memory_edits} more edits (body and title, alternating):")
        samples = [rss_mb(server.pid)]
        for i in range(args.memory_edits):
            timed(body_edit if i % 2 == 0 else title_edit)
            if (i + 1) % 10 == 0:
                samples.append(rss_mb(server.pid))
        print("  " + "  ".join(f"{mb:.0f}" for mb in samples) + " MB (every 10 edits)")
        half = len(samples) // 2
        print(f"  first half median {statistics.median(samples[:half]):.0f} MB, "
              f"second half median {statistics.median(samples[half:]):.0f} MB, peak {max(samples):.0f} MB")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
