#!/usr/bin/env python3
"""Where packet -> carbon latency goes after an interval ends (docs/performance.md, "Latency").

Usage (after `mvn -B -pl launcher -am package -DskipTests`):
    [DURATION=70] [RATE=5000] bench/latency-probe.py [key=value ...]
Starts `dev.mosaic.launcher.Mosaic up` with the extra settings given, sends RATE counter lines/s
over 2,000 names (every samples partition busy; RATE=0 for idle input) and a new probe counter
every 250 ms, and plays carbon, stamping each line's arrival with the wall clock. Prints probe
latencies (send -> carbon line) and, per interval, when its first and last lines arrived counted
from the interval's end. Needs only Python 3 and Java.
"""
import os, socket, subprocess, sys, threading, time, random, statistics, tempfile

WT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INTERVAL = 10
args = sys.argv[1:]
duration = int(os.environ.get("DURATION", "75"))
rate = int(os.environ.get("RATE", "5000"))  # background lines/s, 0 for idle

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

carbon = socket.socket(); carbon.bind(("127.0.0.1", 0)); carbon.listen(8)
carbon_port = carbon.getsockname()[1]
lines = []  # (arrival_ms, name, value, ts)
lock = threading.Lock()

def serve(conn):
    buf = b""
    while True:
        d = conn.recv(65536)
        if not d: return
        now = time.time() * 1000
        buf += d
        *full, buf = buf.split(b"\n")
        with lock:
            for l in full:
                p = l.decode().split(" ")
                if len(p) == 3: lines.append((now, p[0], p[1], int(p[2])))

def accept():
    while True:
        c, _ = carbon.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()
threading.Thread(target=accept, daemon=True).start()

work = tempfile.mkdtemp(prefix="latprobe-")
os.makedirs(work + "/checks")
statsd_port = free_port()
cp = f"{WT}/launcher/target/*:{WT}/launcher/target/lib/*"
cmd = ["java", "-Xmx1g", "-cp", cp, "dev.mosaic.launcher.Mosaic", "up",
       f"--kafka.embedded.data-dir={work}/kafka", f"--kafka.embedded.port={free_port()}",
       f"--kafka.embedded.controller-port={free_port()}", f"--collector.statsd.port={statsd_port}",
       "--collector.statsd.tcp=false", "--collector.logs.enabled=false",
       f"--aggregator.flush-interval={INTERVAL}s", "--storage-bridge.carbon.host=127.0.0.1",
       f"--storage-bridge.carbon.port={carbon_port}", f"--state-engine.checks-dir={work}/checks",
       f"--state-engine.http.port={free_port()}", f"--notifier.routes-file={work}/notifier.yaml",
       f"--notifier.http.port={free_port()}", f"--admin.port={free_port()}"] + ["--" + a for a in args]
log = open(work + "/mosaic.log", "w")
proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=work)
print("mosaic pid", proc.pid, "work", work, "settings", args, "rate", rate, flush=True)
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
target = ("127.0.0.1", statsd_port)
# warm up: wait until mosaic writes anything to carbon
t0 = time.time()
while True:
    udp.sendto(b"warmup:1|c", target)
    with lock:
        if lines: break
    if time.time() - t0 > 120: print("no carbon output"); proc.kill(); sys.exit(1)
    time.sleep(0.25)
print("pipeline up after %.1fs" % (time.time() - t0), flush=True)

stop = False
def load():
    names = [f"load.c{i}" for i in range(2000)]
    per_tick = max(1, rate // 100)
    while not stop:
        t = time.time()
        pkt = []
        for _ in range(per_tick):
            pkt.append(random.choice(names) + ":1|c")
            if len(pkt) == 20:
                udp.sendto("\n".join(pkt).encode(), target); pkt = []
        if pkt: udp.sendto("\n".join(pkt).encode(), target)
        time.sleep(max(0, 0.01 - (time.time() - t)))
if rate > 0:
    threading.Thread(target=load, daemon=True).start()

sent = {}
start = time.time()
n = 0
while time.time() - start < duration:
    name = f"probe.p{n}"
    sent[name] = time.time() * 1000
    udp.sendto((name + ":1|c").encode(), target)
    n += 1
    time.sleep(0.25)
stop = True
time.sleep(INTERVAL + 5)
proc.terminate()
try: proc.wait(30)
except Exception: proc.kill()

with lock: got = list(lines)
arrival = {}
for a, name, v, ts in got:
    if name.startswith("stats_counts.probe.") and float(v) > 0:
        arrival.setdefault(name[len("stats_counts."):], (a, ts))
lat = []; after_end = []
for name, s in sent.items():
    if name in arrival:
        a, ts = arrival[name]
        lat.append(a - s); after_end.append(a - (ts + INTERVAL) * 1000)
lat.sort(); after_end.sort()
q = lambda xs, p: xs[min(len(xs) - 1, int(p * len(xs)))]
print(f"probes sent {len(sent)} arrived {len(lat)}")
print("probe send->carbon ms: p50 %.0f p90 %.0f max %.0f" % (q(lat, .5), q(lat, .9), lat[-1]))
print("probe carbon arrival after interval end ms: min %.0f p50 %.0f max %.0f" % (after_end[0], q(after_end, .5), after_end[-1]))
per = {}
for a, name, v, ts in got:
    per.setdefault(ts, []).append(a)
print("interval: lines, first / last line after interval end (ms); publish flush_time")
ft = {ts: v for a, name, v, ts in got if name.endswith("graphiteStats.flush_time")}
for ts in sorted(per):
    xs = per[ts]
    print(" %d: %6d lines, first %6.0f last %6.0f  flush_time %s" % (ts, len(xs), min(xs) - (ts + INTERVAL) * 1000, max(xs) - (ts + INTERVAL) * 1000, ft.get(ts)))
