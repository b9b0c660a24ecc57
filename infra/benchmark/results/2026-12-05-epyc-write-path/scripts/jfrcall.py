"""jfrcall.py recording frame-regex [callers|callees] [n]: of the samples (startup left out) whose stack
holds a matching frame, who called the outermost such frame, or what it called."""
import collections
import re
import sys

from jfrsamples import is_startup, samples

path, pattern = sys.argv[1], sys.argv[2]
mode = sys.argv[3] if len(sys.argv) > 3 else "callers"
top = int(sys.argv[4]) if len(sys.argv) > 4 else 15
counts = collections.Counter()
matched = total = 0
for name, frames in samples(path):
    if is_startup(name):
        continue
    total += 1
    hits = [i for i, frame in enumerate(frames) if re.search(pattern, frame)]
    if not hits:
        continue
    matched += 1
    outer = max(hits)
    if mode == "callers":
        caller = frames[outer + 1] if outer + 1 < len(frames) else "<root>"
        counts[caller + "  ->  " + frames[outer]] += 1
    else:
        counts[frames[outer - 1] if outer > 0 else "<leaf>"] += 1
print(f"{matched} of {total} samples ({100 * matched / total:.1f}%) have {pattern}")
for key, count in counts.most_common(top):
    print(f"{100 * count / total:5.1f}%  {key}")
