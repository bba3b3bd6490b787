#!/usr/bin/env python3
"""The mutation suite: how many small, behaviour-changing edits to the sources the tests notice.

Each mutant in scripts/mutants.txt is one line of a source file replaced by another. The suite
copies the repository to a scratch folder (the working tree is never touched), builds and tests it
once unchanged, then for each mutant applies it, builds, runs `swift test` with a time limit, and
restores the file. A mutant is
  killed      when the tests fail (or time out: a hang is noticed too),
  survived    when they pass: a test is missing, unless the mutant is marked equivalent,
  stillborn   when it does not build (it says nothing about the tests),
  stale       when its line is no longer in the file (the sources changed: update the list).
It prints every mutant's fate and the kill rate per area. A benchmark, not a CI step.

To save time, the scratch copy's .build is kept between runs (the sources are copied with their
times, so a build is incremental), and each mutant first runs the tests named on its `tests:`
line, if any, then the test targets that can see its file (`TARGETS` below); a mutant that
survives them is run against the whole suite before it is called a survivor, so the shortcut
never makes a survivor. --full runs the whole suite for every mutant; --no-baseline skips the
unchanged run (when it passed just before). A test run that times out is run once more: a second
timeout (or a failure) is a kill, printed as "killed (timeout)"; a pass is not a kill.

--check builds nothing: it lists every mutant whose `-` line is missing from its file, or occurs
more than once, in the working tree, and exits 1 if there is any (run it after a merge).
--ledger FILE appends one tab-separated line per mutant run (date, area, file, name, verdict,
seconds, commit, the `-` line, the `+` line), so the verdicts of several sessions can be combined;
--tally FILE prints, for every mutant of the list, its latest verdict in that ledger (matched by
file and both lines, so a mutant whose line changed is "not run" again) and the kill rate per
area, without building anything.

    python3 scripts/mutants.py [--area AREA] [--only NAME-SUBSTRING] [--list FILE] [--timeout S]
                               [--full] [--no-baseline] [--ledger FILE]
    python3 scripts/mutants.py --check
    python3 scripts/mutants.py --tally FILE
"""
import argparse, datetime, os, shutil, subprocess, sys, time
from collections import OrderedDict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse(path):
    """Blocks separated by blank lines: `AREA<TAB>FILE[<TAB>NAME]`, `- old line`, `+ new line`,
    optionally `equivalent: why` (a mutant that cannot change behaviour) and `tests: REGEX` (the
    tests expected to kill it, tried first). `#` lines are comments."""
    mutants, block = [], []
    for raw in open(path, encoding="utf-8").read().split("\n") + [""]:
        if raw.startswith("#"):
            continue
        if raw.strip():
            block.append(raw)
            continue
        if not block:
            continue
        head = block[0].split("\t")
        old = [l[2:] for l in block[1:] if l.startswith("- ")]
        new = [l[2:] for l in block[1:] if l.startswith("+ ")]
        equivalent = [l.split(":", 1)[1].strip() for l in block[1:] if l.startswith("equivalent:")]
        tests = [l.split(":", 1)[1].strip() for l in block[1:] if l.startswith("tests:")]
        if len(head) < 2 or len(old) != 1 or len(new) != 1:
            sys.exit(f"mutants: malformed block:\n" + "\n".join(block))
        mutants.append({"area": head[0], "file": head[1], "name": head[2] if len(head) > 2 else "",
                        "old": old[0], "new": new[0], "equivalent": equivalent[0] if equivalent else None,
                        "tests": tests[0] if tests else None})
        block = []
    return mutants


def copy_sources(source, target):
    """Copies the tree without build folders or git; keeps the target's .build for incremental builds."""
    skip = shutil.ignore_patterns(".build", ".build-*", ".build_*", ".git", ".swiftpm")
    os.makedirs(target, exist_ok=True)
    for name in os.listdir(target):
        if name != ".build":
            path = os.path.join(target, name)
            shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
    for name in os.listdir(source):
        if name in (".build", ".git", ".swiftpm") or name.startswith((".build-", ".build_")):
            continue
        path = os.path.join(source, name)
        if os.path.isdir(path):
            shutil.copytree(path, os.path.join(target, name), ignore=skip, symlinks=True)
        else:
            shutil.copy2(path, os.path.join(target, name))


# The test targets that exercise each source folder: a mutant is first tried against these only.
TARGETS = [
    ("Sources/CallFlowServer/", "CallFlowServerTests"),
    ("Sources/CallFlowCompiler/", "CallFlowCompilerTests|CallFlowCLITests"),
    ("Sources/CallFlowRuntime/", "CallFlowRuntimeTests|CallFlowCompilerTests|CallFlowCLITests"),
]


def targets(file):
    return next((f for prefix, f in TARGETS if file.startswith(prefix)), None)


def group(pgid):
    """The processes of a process group, as (pid, parent, state), read from /proc (empty elsewhere)."""
    members = []
    for name in os.listdir("/proc") if os.path.isdir("/proc") else []:
        try:
            fields = open(f"/proc/{name}/stat").read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if name.isdigit() and int(fields[2]) == pgid:
            members.append((int(name), int(fields[1]), fields[0]))
    return members


def run(cmd, cwd, timeout):
    """Runs cmd in a process group of its own, and ends the group when it is done. When the test
    runner under `swift test` has died (a zombie) while a process it started (a server under test)
    still holds its output, `swift test` would wait for that process until the time limit: the
    leftovers are ended after 20 s, so the run ends with the runner's failure."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline, orphaned = time.time() + timeout, None
    try:
        while True:
            try:
                return proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            if time.time() > deadline:
                return "timeout"
            members = group(proc.pid)
            if any(parent == proc.pid and state == "Z" for _, parent, state in members):
                orphaned = orphaned or time.time()
                if time.time() - orphaned > 20:
                    for pid, _, state in members:
                        if pid != proc.pid and state != "Z":
                            try:
                                os.kill(pid, 9)
                            except ProcessLookupError:
                                pass
            else:
                orphaned = None
    finally:
        try:
            os.killpg(proc.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass
        proc.wait()


def occurrences(tree, m):
    """How often the mutant's `-` line occurs (trimmed) in its file under tree; -1 if the file is gone."""
    path = os.path.join(tree, m["file"])
    if not os.path.isfile(path):
        return -1
    return sum(1 for l in open(path, encoding="utf-8").read().split("\n") if l.strip() == m["old"].strip())


def label(m):
    return m["name"] or m["old"].strip()


def check(mutants):
    """Lists the stale mutants of the working tree; the exit status says whether there are any."""
    stale = 0
    for m in mutants:
        count = occurrences(ROOT, m)
        if count == 1:
            continue
        stale += 1
        why = "file gone" if count < 0 else ("line missing" if count == 0 else f"line occurs {count} times")
        print(f"stale  {m['area']:16} {m['file']}: {why}\n       - {m['old'].strip()}")
    print(f"{len(mutants)} mutants, {stale} stale")
    return 1 if stale else 0


LEDGER_FIELDS = ["date", "area", "file", "name", "verdict", "seconds", "commit", "old", "new"]


def record(ledger, m, fate, seconds, commit):
    clean = lambda text: text.replace("\t", " ").replace("\n", " ").strip()
    fields = [datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), m["area"], m["file"],
              clean(m["name"]), fate, f"{seconds:.0f}", commit, clean(m["old"]), clean(m["new"])]
    with open(ledger, "a", encoding="utf-8") as f:
        f.write("\t".join(fields) + "\n")


def tally(mutants, ledger):
    """The latest verdict of each mutant in the ledger (later lines win), and the rates per area."""
    latest = {}
    for line in open(ledger, encoding="utf-8").read().split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        row = dict(zip(LEDGER_FIELDS, line.split("\t")))
        latest[(row.get("file"), row.get("old"), row.get("new"))] = row
    areas = OrderedDict()
    for m in mutants:
        row = latest.get((m["file"], m["old"].strip(), m["new"].strip()))
        fate = "stale" if occurrences(ROOT, m) != 1 else (row["verdict"].split(" ")[0] if row else "not-run")
        if fate == "survived" and m["equivalent"]:
            fate = "equivalent"
        areas.setdefault(m["area"], []).append(fate)
        when = f"{row['date'][:10]} {row['commit'][:8]}" if row else ""
        print(f"{fate:10} {m['area']:16} {m['file'].rsplit('/', 1)[-1]}: {label(m)[:60]}  {when}")
    kinds = ["killed", "survived", "equivalent", "stillborn", "stale", "not-run"]
    print(f"\n{'area':18}" + "".join(f"{k:>11}" for k in kinds) + f"{'kill rate':>11}")
    for area, fates in areas.items():
        counted = fates.count("killed") + fates.count("survived")
        rate = f"{100 * fates.count('killed') / counted:.0f}%" if counted else "-"
        print(f"{area:18}" + "".join(f"{fates.count(k):11}" for k in kinds) + f"{rate:>11}")


def run_twice(cmd, cwd, timeout):
    """A test run; one that times out is run again, since a loaded machine can be slow without a hang."""
    result = run(cmd, cwd, timeout)
    if result == "timeout":
        print(f"    timed out after {timeout} s; running it again to confirm", flush=True)
        result = run(cmd, cwd, timeout)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", default=os.path.join(ROOT, "scripts", "mutants.txt"))
    parser.add_argument("--area", help="only mutants of this area")
    parser.add_argument("--only", help="only mutants whose file or name contains this")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per test run (default 300)")
    parser.add_argument("--scratch", default=os.path.join("/tmp", "callflow-mutants"))
    parser.add_argument("--full", action="store_true", help="run the whole suite for every mutant")
    parser.add_argument("--no-baseline", action="store_true", help="skip building and testing the unchanged copy")
    parser.add_argument("--check", action="store_true", help="list the stale mutants of the working tree; build nothing")
    parser.add_argument("--ledger", help="append each mutant's verdict to this file (tab-separated)")
    parser.add_argument("--tally", metavar="LEDGER", help="each mutant's latest verdict in LEDGER and the rates per area")
    args = parser.parse_args()

    mutants = parse(args.list)
    if args.area:
        mutants = [m for m in mutants if m["area"] == args.area]
    if args.only:
        mutants = [m for m in mutants if args.only in m["file"] or args.only in m["name"]]
    if not mutants:
        sys.exit("mutants: no mutant selected")
    if args.check:
        sys.exit(check(mutants))
    if args.tally:
        tally(mutants, args.tally)
        return
    try:
        commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip() or "-"
    except OSError:
        commit = "-"

    # The scratch copy sits beside a link to ../shared, so tests that read ../shared/corpora work.
    repo = os.path.join(args.scratch, "repo")
    os.makedirs(args.scratch, exist_ok=True)
    shared = os.path.join(os.path.dirname(ROOT), "shared")
    link = os.path.join(args.scratch, "shared")
    if os.path.isdir(shared) and not os.path.exists(link):
        os.symlink(shared, link)
    copy_sources(ROOT, repo)
    build = ["swift", "build", "--build-tests"]
    test = ["swift", "test", "--skip-build"]
    if args.no_baseline:
        if run(build, repo, 1800) != 0:
            sys.exit("mutants: the unchanged sources do not build; fix that first")
    else:
        print("baseline: build and test the unchanged sources", flush=True)
        if run(build, repo, 1800) != 0 or run(test, repo, args.timeout) != 0:
            sys.exit("mutants: the unchanged sources do not build or pass their tests; fix that first")

    fates = OrderedDict()
    started = time.time()
    for number, m in enumerate(mutants, 1):
        began = time.time()
        timed_out = False
        path = os.path.join(repo, m["file"])
        original = open(path, encoding="utf-8").read()
        lines = original.split("\n")
        hits = [i for i, l in enumerate(lines) if l.strip() == m["old"].strip()]
        if len(hits) != 1:
            fate = "stale"
        else:
            indent = lines[hits[0]][: len(lines[hits[0]]) - len(lines[hits[0]].lstrip())]
            lines[hits[0]] = indent + m["new"].strip()
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
            try:
                if run(build, repo, 1800) != 0:
                    fate = "stillborn"
                else:
                    result = 0
                    # The tests named for the mutant, then the targets that see its file; a mutant
                    # that survives those meets the whole suite.
                    for only in ([] if args.full else [m["tests"], targets(m["file"])]):
                        if only and result == 0:
                            result = run_twice(test + ["--filter", only], repo, args.timeout)
                    if result == 0:
                        result = run_twice(test, repo, args.timeout)
                    timed_out = result == "timeout"
                    fate = "survived" if result == 0 else "killed"
            finally:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(original)
        if fate == "survived" and m["equivalent"]:
            fate = "equivalent"
        fates.setdefault(m["area"], []).append(fate)
        shown = "killed (timeout)" if timed_out else fate
        if args.ledger:
            record(args.ledger, m, shown, time.time() - began, commit)
        where = m["file"].rsplit("/", 1)[-1]
        print(f"{number:3} {shown:10} {m['area']:16} {where}: {m['old'].strip()[:70]}  =>  {m['new'].strip()[:70]}"
              f"  ({time.time() - began:.0f} s)", flush=True)
        if fate == "equivalent":
            print(f"    equivalent: {m['equivalent']}")

    run(build, repo, 1800)  # leave the scratch build matching the sources
    print(f"\n{'area':18}{'killed':>8}{'survived':>10}{'equivalent':>12}{'stillborn':>11}{'stale':>7}{'kill rate':>11}")
    total_killed = total_counted = 0
    for area, list_ in fates.items():
        killed, survived = list_.count("killed"), list_.count("survived")
        counted = killed + survived
        total_killed += killed
        total_counted += counted
        rate = f"{100 * killed / counted:.0f}%" if counted else "-"
        print(f"{area:18}{killed:8}{survived:10}{list_.count('equivalent'):12}{list_.count('stillborn'):11}{list_.count('stale'):7}{rate:>11}")
    if total_counted:
        print(f"{'all':18}{total_killed:8}{total_counted - total_killed:10}{'':12}{'':11}{'':7}{100 * total_killed / total_counted:10.0f}%")
    print(f"({len(mutants)} mutants in {time.time() - started:.0f} s; the kill rate counts behaviour-changing mutants that built)")


if __name__ == "__main__":
    main()
