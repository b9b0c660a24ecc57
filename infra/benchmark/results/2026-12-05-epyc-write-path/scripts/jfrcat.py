"""jfrcat.py recording thread-regex name=regex...: each sample of the matching threads goes to the
first category, in the order given, whose regex matches any frame of its stack; 'other' if none."""
import collections
import re
import sys

from jfrsamples import of_threads

path, thread = sys.argv[1], sys.argv[2]
categories = [c.split("=", 1) for c in sys.argv[3:]]
counts = collections.Counter()
total = 0
for frames in of_threads(path, thread):
    total += 1
    stack = "\n".join(frames)
    counts[next((category for category, pattern in categories if re.search(pattern, stack)), "other")] += 1
print("samples", total)
for category, count in counts.most_common():
    print(f"{100 * count / total:5.1f}%  {category}")
