# SPDX-License-Identifier: GPL-2.0-or-later
"""corrupt.py - the corruption campaign (issue 8): damaged copies of the
shipped captures through mcast-audit, which must neither crash nor report a
sanitizer error, and must exit 0, 1 or 2.

  corrupt.py generate --seed S --count N --out DIR CAPTURE_OR_DIR...
      N variants, reproducible from S: each a capture (in turn, in sorted
      order) damaged one way, drawn from S: editcap -E at 0.1 %, 1 %, 5 % or
      20 % of the bytes (editcap --seed from S), a truncation at a random
      offset (the file header included), or both (-E 1 %, then truncated).
      Writes DIR/NNNN-CAPTURE-HOW.pcap[ng] and DIR/manifest.txt.
  corrupt.py run --seed S --count N MCAST_AUDIT CAPTURE_OR_DIR...
      Both: the variants in a temporary folder, kept (and named) only when
      a variant fails (CTest hostile.corrupt).
  corrupt.py cli MCAST_AUDIT DIR
      Runs `mcast-audit --format json` on every variant of DIR (an ASan
      build: its reports go to stderr); prints the count per exit code and
      fails on any other exit code, signal or sanitizer report, naming the
      variant and keeping its stderr in DIR/NNNN...err.

tests/plugin/corrupt.sh runs the same variants through tshark with the
plugin (WIRESHARK_ABORT_ON_DISSECTOR_BUG=1); tests/hostile/campaign runs
both on a large set."""
import os
import random
import shutil
import subprocess
import sys
import tempfile

RATES = ("0.001", "0.01", "0.05", "0.2")
HOWS = tuple("E" + r for r in RATES) + ("cut", "E0.01+cut")
SANITIZER = (b"ERROR: AddressSanitizer", b"ERROR: LeakSanitizer", b"runtime error:",
             b"UndefinedBehaviorSanitizer", b"AddressSanitizer:")
ALLOWED = (0, 1, 2)


def captures(args):
    out = []
    for a in args:
        if os.path.isdir(a):
            for root, _, files in os.walk(a):
                out += [os.path.join(root, f) for f in files if f.endswith((".pcap", ".pcapng"))]
        else:
            out.append(a)
    return sorted(out)


def cut(path, rng):
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        data = f.read(rng.randrange(1, max(2, size)))
    with open(path, "wb") as f:
        f.write(data)


def generate(seed, count, outdir, inputs):
    files = captures(inputs)
    if not files:
        sys.exit("corrupt.py: no capture in %s" % " ".join(inputs))
    rng = random.Random(seed)
    os.makedirs(outdir, exist_ok=True)
    lines = []
    for i in range(count):
        src = files[i % len(files)]
        how = HOWS[rng.randrange(len(HOWS))]
        base, ext = os.path.splitext(os.path.basename(src))
        dst = os.path.join(outdir, "%04d-%s-%s%s" % (i, base, how.replace("+", "-"), ext))
        if how.startswith("E"):
            rate = how[1:].split("+")[0]
            subprocess.run(["editcap", "-E", rate, "--seed", str(seed * 100003 + i), src, dst],
                           check=True, stdout=subprocess.DEVNULL)
        else:
            shutil.copyfile(src, dst)
        if how.endswith("cut"):
            cut(dst, rng)
        lines.append("%s %s %s" % (os.path.basename(dst), os.path.relpath(src), how))
    with open(os.path.join(outdir, "manifest.txt"), "w") as f:
        f.write("# corrupt.py generate --seed %d --count %d\n" % (seed, count))
        f.write("\n".join(lines) + "\n")
    print("generated %d variants of %d captures (seed %d) in %s" % (count, len(files), seed, outdir))


def variants(d):
    return sorted(f for f in os.listdir(d) if f.endswith((".pcap", ".pcapng")))


def cli(binary, d):
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=1")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    by_rc, bad = {}, []
    for v in variants(d):
        p = subprocess.run([binary, "--format", "json", os.path.join(d, v)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300)
        by_rc[p.returncode] = by_rc.get(p.returncode, 0) + 1
        if p.returncode not in ALLOWED or any(s in p.stderr for s in SANITIZER):
            bad.append("%s: exit %d" % (v, p.returncode))
            with open(os.path.join(d, v + ".err"), "wb") as f:
                f.write(p.stderr)
    n = sum(by_rc.values())
    print("mcast-audit: %d variants, exit codes %s" % (
        n, ", ".join("%d: %d" % (rc, c) for rc, c in sorted(by_rc.items()))))
    for b in bad:
        print("FAIL: " + b + " (stderr kept as .err)")
    return 1 if bad or n == 0 else 0


def main(argv):
    if len(argv) >= 4 and argv[1] == "cli":
        return cli(argv[2], argv[3])
    if len(argv) >= 2 and argv[1] in ("generate", "run"):
        args = argv[2:]
        opts = {"--seed": 1, "--count": 100, "--out": None}
        while args and args[0] in opts:
            opts[args[0]] = args[1]
            args = args[2:]
        if argv[1] == "generate" and opts["--out"] and args:
            generate(int(opts["--seed"]), int(opts["--count"]), opts["--out"], args)
            return 0
        if argv[1] == "run" and len(args) >= 2:
            d = tempfile.mkdtemp(prefix="corrupt.")
            generate(int(opts["--seed"]), int(opts["--count"]), d, args[1:])
            rc = cli(args[0], d)
            if rc == 0:
                shutil.rmtree(d)
            else:
                print("the variants are kept in " + d)
            return rc
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
