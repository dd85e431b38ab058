#!/usr/bin/env python3
"""How well `sideman analyze` recovers chord roots from MIDI that another program wrote.

Debian's `mma` (Musical MIDI Accompaniment) renders chord charts into full accompaniment MIDI with
real grooves. This script writes random charts in 3/4, 4/4 and 6/8, renders each with a
walking-bass, an arpeggio or a comping groove, runs `sideman analyze --json` on the MIDI, and
counts, per chord change of the chart, whether the analysed chord sounding at that moment has the
same root. Positions are compared in quarter notes, so MMA's habit of writing 6/8 bars six
quarter notes long (with a 6/8 time signature) does not matter.

Usage: mma_roots.py --sideman PATH [--charts N] [--seed S] [--min-share 0.9] [--keep DIR]
Exit status 1 when the share of roots recovered is below --min-share.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

NAMES = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]

# groove, family, meter: walking bass, arpeggios and comping in each meter.
GROOVES = {
    "4/4": [("SwingWalk", "walking"), ("Arpeggio8", "arpeggio"), ("Swing", "comping"), ("8BeatWalk", "walking"),
            ("PianoBallad", "arpeggio"), ("BossaNova", "comping"), ("8Beat", "comping")],
    "3/4": [("JazzWaltz", "walking"), ("ArpeggioWaltz8", "arpeggio"), ("Waltz", "comping"), ("WaltzWalk", "walking"),
            ("CountryWaltz", "comping")],
    "6/8": [("68Swing", "walking"), ("Arpeggio68", "arpeggio"), ("Blues68", "comping"), ("68Swing2", "walking")],
}

# MMA's spelling of each chord kind (its major seventh is M7, its `dim` a dim7), with weights.
# The default vocabulary leaves out chords whose notes are those of another chord on another root
# (6 = m7 inverted, m6 = m7b5, sus2 = sus4, and the symmetric aug and dim7): from notes alone their
# root is a guess unless the bass plays it, and MMA's walking bass often does not. `--all-kinds`
# puts them back in.
KINDS = [("", 6), ("m", 5), ("7", 6), ("M7", 4), ("m7", 6), ("m7b5", 2), ("9", 2), ("m9", 1), ("7b9", 1),
         ("M9", 1), ("mM7", 1)]
AMBIGUOUS_KINDS = [("6", 2), ("m6", 1), ("sus4", 1), ("sus2", 1), ("7sus", 1), ("aug", 1), ("dim7", 1)]

# Root movements by scale degree (semitones from the key) that progressions in these idioms use.
PROGRESSIONS = [
    [0, 9, 2, 7], [0, 5, 7, 0], [2, 7, 0, 0], [0, 7, 9, 5], [9, 5, 0, 7], [0, 4, 5, 7],
    [0, 0, 5, 0, 7, 5, 0, 7], [4, 9, 2, 7], [0, 10, 5, 0], [0, 3, 8, 7],
]


def random_chart(rng, meter, kinds):
    """Eight bars: (bar, beat, root pitch class, MMA chord name) for each chord change."""
    beats = {"4/4": 4, "3/4": 3, "6/8": 6}[meter]
    split_at = {"4/4": 2, "3/4": 2, "6/8": 3}[meter]
    key = rng.randrange(12)
    degrees = rng.choice(PROGRESSIONS)
    changes = []
    for bar in range(8):
        roots = [degrees[bar % len(degrees)]]
        if rng.random() < 0.3:
            roots.append(rng.choice([2, 5, 7, 9, 10]))
        for index, degree in enumerate(roots):
            kind = rng.choices([k for k, _ in kinds], weights=[w for _, w in kinds])[0]
            root = (key + degree) % 12
            beat = 0 if index == 0 else split_at
            if changes and changes[-1][2] == root and changes[-1][3] == kind:
                continue
            changes.append((bar, beat, root, kind))
    return beats, changes


def mma_source(groove, beats, changes, tempo, seed):
    # MMA randomises timing, velocity and walking lines; a fixed seed makes each render repeatable.
    lines = [f"RndSeed {seed}", f"Tempo {tempo}", f"Groove {groove}"]
    current = None
    for bar in range(8):
        tokens = []
        for beat in range(beats):
            for change in changes:
                if change[0] == bar and change[1] == beat:
                    current = NAMES[change[2]] + change[3]
                    tokens.append(current)
                    break
            else:
                tokens.append(current if beat == 0 else "/")
        lines.append(f"{bar + 1} " + " ".join(tokens))
    return "\n".join(lines) + "\n"


def analysed_roots(sideman, midi_path):
    """(start, end, root pitch class or None) in quarter notes, from `sideman analyze --json`."""
    result = subprocess.run([sideman, "analyze", "--json", midi_path], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"sideman analyze failed on {midi_path}: {result.stderr.strip()}")
    analysis = json.loads(result.stdout)
    numerator, unit = (int(x) for x in analysis["meter"].split("/"))
    quarters_per_beat = 4 / unit
    spans, position = [], 0.0
    for bar in analysis["bars"]:
        for span in bar:
            length = span["beats"] * quarters_per_beat
            spans.append((position, position + length, root_of(span["chord"])))
            position += length
    return spans


def root_of(symbol):
    if symbol == "N.C.":
        return None
    pitch = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}[symbol[0]]
    for sign in symbol[1:3]:
        if sign == "b":
            pitch -= 1
        elif sign == "#":
            pitch += 1
        else:
            break
    return pitch % 12


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sideman", required=True)
    parser.add_argument("--charts", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--min-share", type=float, default=0.9)
    parser.add_argument("--keep", help="keep the .mma and .mid files in this folder")
    parser.add_argument("--all-kinds", action="store_true", help="add chords whose root the notes leave ambiguous")
    parser.add_argument("--groove", action="append", help="METER:GROOVE:FAMILY to use instead of the standard set")
    parser.add_argument("--show-misses", type=int, default=10, help="list this many misses")
    args = parser.parse_args()
    if shutil.which("mma") is None:
        print("mma is not installed (Debian package mma; `make test` installs it)", file=sys.stderr)
        return 2

    grooves = GROOVES
    if args.groove:
        grooves = {}
        for item in args.groove:
            meter, groove, family = item.split(":")
            grooves.setdefault(meter, []).append((groove, family))
    rng = random.Random(args.seed)
    folder = args.keep or tempfile.mkdtemp(prefix="sideman-mma-")
    os.makedirs(folder, exist_ok=True)
    meters = [m for m in ["4/4", "3/4", "6/8"] if m in grooves]
    totals = {}  # (meter, family) -> [right, all]
    misses = []
    for index in range(args.charts):
        meter = meters[index % len(meters)]
        groove, family = grooves[meter][(index // len(meters)) % len(grooves[meter])]
        beats, changes = random_chart(rng, meter, KINDS + (AMBIGUOUS_KINDS if args.all_kinds else []))
        tempo = rng.choice([80, 100, 120, 140, 160])
        stem = os.path.join(folder, f"chart{index:03d}")
        with open(stem + ".mma", "w") as handle:
            handle.write(mma_source(groove, beats, changes, tempo, rng.randrange(1 << 30)))
        rendered = subprocess.run(["mma", "-f", stem + ".mid", stem + ".mma"], capture_output=True, text=True)
        if rendered.returncode != 0 or not os.path.exists(stem + ".mid"):
            print(f"mma failed on {stem}.mma: {rendered.stdout}{rendered.stderr}", file=sys.stderr)
            return 2
        spans = analysed_roots(args.sideman, stem + ".mid")
        counts = totals.setdefault((meter, family), [0, 0])
        for bar, beat, root, kind in changes:
            # MMA writes one quarter note per beat of its bar, 6/8 included.
            at = bar * beats + beat
            found = next((r for start, end, r in spans if start <= at < end), None)
            counts[1] += 1
            if found == root:
                counts[0] += 1
            else:
                misses.append(f"{stem}.mid bar {bar + 1} beat {beat + 1}: {NAMES[root]}{kind} read with root "
                              f"{NAMES[found] if found is not None else 'none'} ({groove})")

    right = sum(c[0] for c in totals.values())
    everything = sum(c[1] for c in totals.values())
    print(f"{'meter':6} {'groove family':14} {'roots right':>12}")
    for (meter, family), (r, a) in sorted(totals.items()):
        print(f"{meter:6} {family:14} {r:5}/{a:<5} {r / a:6.1%}")
    share = right / everything
    print(f"all {args.charts} charts: {right}/{everything} chord changes with the right root = {share:.1%}")
    for miss in misses[:args.show_misses]:
        print("  miss:", miss)
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if share >= args.min_share else 1


if __name__ == "__main__":
    sys.exit(main())
