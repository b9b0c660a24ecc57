"""jfrself.py recording thread-regex [depth]: each sample of the matching threads goes to the package
(first `depth` parts, default 3) of its innermost frame outside the JDK."""
import collections
import re
import sys

from jfrsamples import of_threads, owner

path, thread = sys.argv[1], sys.argv[2]
depth = int(sys.argv[3]) if len(sys.argv) > 3 else 3
counts = collections.Counter()
total = 0
for frames in of_threads(path, thread):
    total += 1
    classes = [frame.rsplit(".", 1)[0] for frame in frames]
    counts[next((owner(c, depth) for c in classes if not re.match(r"(java|jdk|sun|com\.sun)\.", c)), "jdk")] += 1
print("samples", total)
for package, count in counts.most_common(30):
    print(f"{100 * count / total:5.1f}%  {package}")
