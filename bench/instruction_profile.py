#!/usr/bin/env python3
"""Instructions per event by component, from two callgrind profiles of bench/model_throughput.

Usage: instruction_profile.py SHORT.callgrind LONG.callgrind EVENTS [--functions COMPONENT]

SHORT and LONG are profiles of the same scenario with R and 2R replications; EVENTS is the
number of events the LONG run handled beyond the SHORT one. Their difference is the cost of R
replications without the fixed cost of loading the scenario, so the figures are the program's
steady work per event (each replication's set-up and results included).

Costs are attributed by source file, so code inlined from a header counts where it was written:
a Philox round inlined into a model function counts as random numbers. That needs a build with
debug information (`-g`); without it everything inlined counts as the function it landed in.
Only the Python standard library and `callgrind_annotate` (Debian's valgrind) are used.
"""
import argparse
import collections
import re
import subprocess
import sys

# Components, in the order they are printed. The first rule that matches a (file, function)
# pair decides; "model" takes the rest.
COMPONENTS = [
    ("random bits (Philox)", "the keyed counter-based generator: Random123's Philox rounds and PhiloxEngine"),
    ("distributions", "turning uniforms into draws: engine/distributions, Boost.Random, libm (log, exp)"),
    ("event calendar", "scheduling and popping events, with the standard-library code inlined into it"),
    ("statistics", "engine/stats: running means, time-weighted averages, histograms"),
    ("memory allocation", "malloc, free, operator new and delete"),
    ("memory copies (libc)", "memmove, memcpy and memset, called from vector growth and std::sort"),
    ("model", "the care model's own logic (care/*), its queues and pickers, and library code inlined into them"),
]

LINE = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.+?):(.*)$")


def component(source: str, function: str) -> str:
    if "Random123/" in source or source.endswith("engine/RandomStreams.hpp"):
        return "random bits (Philox)"
    if ("/distributions/" in source or "boost/random/" in source or "/math/" in source
            or "ieee754" in source or "libm.so" in function):
        return "distributions"
    if "EventCalendar" in source or source.endswith("engine/Event.hpp"):
        return "event calendar"
    # Standard-library code (vector, sort, heap) inlined into the calendar's own functions.
    if "EventCalendar::" in function and "run_until" not in function:
        return "event calendar"
    if "/stats/" in source:
        return "statistics"
    # By function name too: without glibc's debug information the source file is "???".
    name = function.split("(")[0].split("[")[0].strip()
    if ("malloc" in source or "operator new" in function or "operator delete" in function
            or name in ("malloc", "free", "calloc", "realloc", "cfree") or name.startswith(("_int_", "malloc_"))
            or name in ("unlink_chunk.constprop.0", "tcache_init.part.0")):
        return "memory allocation"
    if "libc.so" in function and name.startswith(("__mem", "mem")):
        return "memory copies (libc)"
    return "model"


def costs(profile: str) -> collections.Counter:
    """Self cost (instructions) per (source file, function) of one callgrind output file."""
    try:
        text = subprocess.run(["callgrind_annotate", "--auto=no", "--inclusive=no", "--threshold=100", profile],
                              check=True, capture_output=True, text=True).stdout
    except FileNotFoundError:
        sys.exit("instruction_profile.py: callgrind_annotate not found (apt-get install valgrind)")
    except subprocess.CalledProcessError as e:
        sys.exit(f"instruction_profile.py: callgrind_annotate failed on {profile}: {e.stderr.strip()}")
    table = collections.Counter()
    for line in text.splitlines():
        m = LINE.match(line)
        if m and "PROGRAM TOTALS" not in line:
            table[(m.group(2), m.group(3))] += int(m.group(1).replace(",", ""))
    if not table:
        sys.exit(f"instruction_profile.py: no costs found in {profile}")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("short_profile")
    parser.add_argument("long_profile")
    parser.add_argument("events", type=int, help="events handled by the long run beyond the short one")
    parser.add_argument("--functions", metavar="COMPONENT", choices=[name for name, _ in COMPONENTS],
                        help="also list the largest functions of this component: "
                             + ", ".join(f"'{name}'" for name, _ in COMPONENTS))
    args = parser.parse_args()
    if args.events <= 0:
        sys.exit("instruction_profile.py: EVENTS must be positive (the long run needs more replications)")
    short, long = costs(args.short_profile), costs(args.long_profile)
    by_component = collections.Counter()
    by_function = collections.Counter()
    for key in set(short) | set(long):
        name = component(*key)
        extra = long[key] - short[key]
        by_component[name] += extra
        if name == args.functions:
            by_function[key[1].split("(")[0].strip() + "  [" + key[0].rsplit("/", 1)[-1] + "]"] += extra
    total = sum(by_component.values())
    if total <= 0:
        sys.exit("instruction_profile.py: the long profile has no more instructions than the short one "
                 "(the same file twice, or the profiles swapped?)")
    print(f"{'component':<22} {'instructions/event':>18} {'share':>7}")
    for name, what in COMPONENTS:
        value = by_component[name]
        print(f"{name:<22} {value / args.events:>18.0f} {100 * value / total:>6.1f}%   {what}")
    print(f"{'total':<22} {total / args.events:>18.0f}")
    if args.functions:
        print(f"\nlargest functions of '{args.functions}' (instructions per event):")
        for name, value in by_function.most_common(20):
            print(f"{value / args.events:10.1f}  {name}")


if __name__ == "__main__":
    main()
