#!/usr/bin/python3
"""Fan `interestlens-cli embed --shard K/N` out over a Dask cluster.

The engine stays in C++: every task runs interestlens-cli on one shard; this driver
only schedules, retries, shows progress and gathers the sidecars. A shard that is
already finished (its sidecar verifies) is a no-op, so the driver can be re-run after
an interruption and only the missing shards are encoded.

    /usr/bin/python3 app/dask/interestlens_dask.py --cli build/app/interestlens-cli \
        --input texts.jsonl --output shards/ --shards 64 [--workers 4 | --scheduler tcp://host:8786] \
        -- --encoder use-lite --threads 1

Then: interestlens-cli import-vectors --project P.ilens --vectors shards/

With --scheduler, every worker must see the same --cli, --input and --output paths
(a shared file system). Exit codes: 0 all shards finished, 1 a shard failed after its
retries, 2 bad usage.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time

PROGRESS = re.compile(r"^shard (\d+)/(\d+): (\d+)/(\d+) rows")


def run_shard(cli, input_path, output, k, n, encoder_args, kill_once_dir=None):
    """Runs one shard in a subprocess; returns its sidecar (dict). Raises on failure.

    kill_once_dir (tests only): when set and no marker for this shard exists there,
    the subprocess is killed with SIGKILL once it has written half of its rows, to
    show that a shard killed mid-way is retried and its partial output never used.
    """
    cmd = [cli, "embed", "--shard", f"{k}/{n}", "--input", input_path, "--output", output] + list(encoder_args)
    started = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    kill_marker = os.path.join(kill_once_dir, f"killed-{k}") if kill_once_dir else None
    err_lines = []
    for line in proc.stderr:
        err_lines.append(line.rstrip("\n"))
        m = PROGRESS.match(line)
        if m and kill_marker and not os.path.exists(kill_marker):
            done, total = int(m.group(3)), int(m.group(4))
            if 2 * done >= total and done < total:
                partial = [f for f in os.listdir(output) if f.startswith(f".shard-{k:05d}-of-{n:05d}.npy.partial-")]
                sizes = {f: os.path.getsize(os.path.join(output, f)) for f in partial}
                with open(kill_marker, "w") as f:
                    json.dump({"shard": k, "rows_done": done, "rows": total, "partial_files": sizes}, f)
                proc.send_signal(signal.SIGKILL)
    out = proc.stdout.read()
    code = proc.wait()
    if code != 0:
        tail = "\n".join(err_lines[-5:])
        raise RuntimeError(f"shard {k}/{n}: interestlens-cli exited with {code}\n{tail}")
    sidecar_path = os.path.join(output, f"shard-{k:05d}-of-{n:05d}.json")
    with open(sidecar_path) as f:
        sidecar = json.load(f)
    sidecar.pop("text_hashes", None)  # large and not needed by the driver
    sidecar["_driver"] = {"seconds": time.time() - started, "stdout": out.strip(), "host": os.uname().nodename,
                          "pid": os.getpid()}
    return sidecar


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    encoder_args = []
    if "--" in argv:
        at = argv.index("--")
        argv, encoder_args = argv[:at], argv[at + 1:]
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cli", required=True, help="path to interestlens-cli (the same on every worker)")
    p.add_argument("--input", required=True, help="texts, one a line, or JSON lines (export --what texts)")
    p.add_argument("--output", required=True, help="directory of the shard set")
    p.add_argument("--shards", type=int, required=True, help="number of shards N")
    p.add_argument("--scheduler", help="address of a running Dask scheduler (default: a LocalCluster)")
    p.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    p.add_argument("--threads-per-worker", type=int, default=1, help="LocalCluster threads per worker (default 1)")
    p.add_argument("--host", default="127.0.0.1", help="LocalCluster address to listen on (default 127.0.0.1)")
    p.add_argument("--retries", type=int, default=3, help="retries of a failed shard (default 3)")
    p.add_argument("--summary", help="write the gathered sidecars and the run's summary here (JSON)")
    p.add_argument("--kill-once-dir", help=argparse.SUPPRESS)  # tests: kill each shard once mid-way
    p.add_argument("--kill-shards", default="", help=argparse.SUPPRESS)  # which shards (comma list)
    a = p.parse_args(argv)
    if a.shards < 1:
        p.error("--shards must be at least 1")
    cli = os.path.abspath(a.cli)
    input_path = os.path.abspath(a.input)
    output = os.path.abspath(a.output)
    if not os.access(cli, os.X_OK):
        p.error(f"--cli {cli}: not an executable")
    if not os.path.isfile(input_path):
        p.error(f"--input {input_path}: no such file")
    os.makedirs(output, exist_ok=True)
    kill = {int(x) for x in a.kill_shards.split(",") if x.strip()}

    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=a.threads_per_worker, processes=True,
                               host=a.host, dashboard_address=None)
        client = Client(cluster)
    workers = len(client.scheduler_info().get("workers", {}))
    print(f"dask: {workers} worker(s) at {client.scheduler.address}; {a.shards} shard(s) of {input_path}", flush=True)

    started = time.time()
    futures = {}
    for k in range(a.shards):
        kill_dir = a.kill_once_dir if (a.kill_once_dir and k in kill) else None
        fut = client.submit(run_shard, cli, input_path, output, k, a.shards, encoder_args, kill_dir,
                            key=f"interestlens-shard-{k}-of-{a.shards}", retries=a.retries, pure=False)
        futures[fut] = k
    sidecars, failed = {}, {}
    for fut in as_completed(list(futures)):
        k = futures[fut]
        try:
            s = fut.result()
        except Exception as e:  # a shard that failed after every retry
            failed[k] = str(e)
            print(f"shard {k}/{a.shards} FAILED after {a.retries} retries: {e}", flush=True)
            continue
        sidecars[k] = s
        rows = s["rows"]["count"]
        rate = s["run"]["texts_per_second"]
        print(f"[{len(sidecars)}/{a.shards}] shard {k}: {rows} rows (lines {s['rows']['first_line']}-"
              f"{s['rows']['last_line']}), {rate:.0f} texts/s", flush=True)
    elapsed = time.time() - started
    client.close()
    if cluster is not None:
        cluster.close()

    total = sum(s["rows"]["count"] for s in sidecars.values())
    summary = {
        "input": input_path,
        "output": output,
        "shards": a.shards,
        "finished": sorted(sidecars),
        "failed": failed,
        "rows": total,
        "seconds": elapsed,
        "texts_per_second": total / elapsed if elapsed > 0 else 0,
        "encoder": next(iter(sidecars.values()))["encoder"] if sidecars else None,
        "sidecars": [sidecars[k] for k in sorted(sidecars)],
    }
    if a.kill_once_dir:
        summary["killed"] = {}
        for k in sorted(kill):
            marker = os.path.join(a.kill_once_dir, f"killed-{k}")
            if os.path.exists(marker):
                with open(marker) as f:
                    summary["killed"][str(k)] = json.load(f)
    if a.summary:
        with open(a.summary, "w") as f:
            json.dump(summary, f, indent=1)
    if failed:
        print(f"{len(failed)} shard(s) failed: {sorted(failed)}; run the driver again to retry only those", flush=True)
        return 1
    print(f"all {a.shards} shard(s) finished: {total} rows in {elapsed:.1f} s ({summary['texts_per_second']:.0f} texts/s); "
          f"import with: interestlens-cli import-vectors --project P.ilens --vectors {output}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
